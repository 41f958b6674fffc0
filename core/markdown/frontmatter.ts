import { isMap, parseDocument } from 'yaml';
import type { Diagnostic } from '../../shared-types/index.js';
import { readSimpleFrontmatter } from './simpleFrontmatter.js';
import type { Frontmatter, Line } from './types.js';

/**
 * Obsidian only treats `---` on the very first line as frontmatter, closed by the next `---`
 * (or YAML's `...`); without a closing line the `---` is an ordinary thematic break.
 * Returns the zero-based closing line, or -1.
 */
export function findFrontmatterEnd(lines: readonly Line[]): number {
  const first = lines[0];
  if (!first || !isFence(first.text, '---') || lines.length < 2) return -1;
  for (let i = 1; i < lines.length; i++) {
    const t = lines[i]!.text;
    if (isFence(t, '---') || isFence(t, '...')) return i;
  }
  return -1;
}

function isFence(text: string, fence: string): boolean {
  return text.startsWith(fence) && text.slice(3).trim() === '';
}

export interface FrontmatterReading {
  frontmatter: Frontmatter | null;
  diagnostics: Diagnostic[];
}

/** Malformed YAML is reported, never thrown: the note body is still worth indexing. */
export function readFrontmatter(path: string, lines: readonly Line[]): FrontmatterReading {
  const endLine = findFrontmatterEnd(lines);
  if (endLine < 0) return { frontmatter: null, diagnostics: [] };
  const diagnostics: Diagnostic[] = [];
  let data: Record<string, unknown> | null = null;
  const simple = readSimpleFrontmatter(lines, 1, endLine);
  const yamlText = simple === undefined ? frontmatterText(lines, endLine) : '';
  if (simple !== undefined) data = simple;
  else if (yamlText.trim() === '') data = {};
  else {
    try {
      const doc = parseDocument(yamlText);
      const error = doc.errors[0];
      if (error) {
        const at = error.linePos?.[0];
        const line = at ? Math.min(endLine - 1, at.line) : 1;
        const character = at ? at.col - 1 : 0;
        const lineLength = lines[line]?.text.length ?? 0;
        diagnostics.push({
          path,
          range: { start: { line, character }, end: { line, character: Math.max(character, lineLength) } },
          severity: 'warning',
          code: 'invalid-frontmatter',
          message: `Frontmatter is not valid YAML: ${firstSentence(error.message)} (line ${line + 1}). Properties, tags and aliases in it are ignored.`,
        });
      } else if (isMap(doc.contents)) {
        const js: unknown = doc.toJS({ maxAliasCount: 100 });
        if (js && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
      } else if (doc.contents !== null) {
        diagnostics.push({
          path,
          range: { start: { line: 1, character: 0 }, end: { line: 1, character: lines[1]?.text.length ?? 0 } },
          severity: 'warning',
          code: 'invalid-frontmatter',
          message: 'Frontmatter is not a mapping of properties (key: value); it is ignored.',
        });
      }
    } catch (e) {
      diagnostics.push({
        path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } },
        severity: 'warning',
        code: 'invalid-frontmatter',
        message: `Frontmatter could not be read: ${e instanceof Error ? firstSentence(e.message) : String(e)}.`,
      });
    }
  }
  return {
    frontmatter: {
      data,
      startLine: 0,
      endLine,
      aliases: data ? readAliases(data) : [],
      tags: data ? readTags(data) : [],
    },
    diagnostics,
  };
}

function frontmatterText(lines: readonly Line[], endLine: number): string {
  let yamlText = '';
  for (let i = 1; i < endLine; i++) yamlText += lines[i]!.text + '\n';
  return yamlText;
}

function firstSentence(message: string): string {
  const cut = message.search(/ at line \d+, column \d+|\n/);
  return (cut >= 0 ? message.slice(0, cut) : message).trim();
}

/** Obsidian reads `aliases` and the older `alias`: a list, or one comma-separated string. */
export function readAliases(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['aliases', 'alias']) {
    for (const value of listOf(data[key])) {
      const parts = Array.isArray(data[key]) ? [value] : value.split(',');
      for (const p of parts) {
        const alias = p.trim();
        if (alias) out.push(alias);
      }
    }
  }
  return out;
}

/** `tags`/`tag` as a list or a comma/space-separated string; a leading `#` is optional. Returned with `#`. */
export function readTags(data: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const key of ['tags', 'tag']) {
    for (const value of listOf(data[key])) {
      for (const p of value.split(/[\s,]+/)) {
        const tag = p.replace(/^#+/, '');
        if (tag) out.push('#' + tag);
      }
    }
  }
  return out;
}

function listOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item === 'string') out.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') out.push(String(item));
  }
  return out;
}
