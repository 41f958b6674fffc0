// Query source → statements: one per line, `\` joins a line to the next (a trailing `\\` is a
// literal backslash and does not), blank lines dropped; then `{{…}}` placeholders and presets
// expanded. Mirrors Tasks' Scanner and placeholder step, keeping one-based line numbers.

import type { Statement } from './types.js';

export function continueLines(source: string): Statement[] {
  const statements: Statement[] = [];
  const lines = source.split(/\r?\n/);
  let continuing = false;
  let raw = '';
  let text = '';
  let startLine = 1;
  lines.forEach((inputLine, i) => {
    let adjusted = continuing ? inputLine.replace(/^[ \t]*/, '') : inputLine;
    if (adjusted.endsWith('\\\\')) adjusted = adjusted.slice(0, -1);
    else if (inputLine.endsWith('\\')) adjusted = adjusted.replace(/[ \t]*\\$/, '');
    if (continuing) {
      raw += '\n' + inputLine;
      text += ' ' + adjusted;
    } else {
      raw = inputLine;
      text = adjusted;
      startLine = i + 1;
    }
    continuing = inputLine.endsWith('\\') && !inputLine.endsWith('\\\\');
    if (!continuing || i === lines.length - 1) {
      const trimmed = text.trim();
      if (trimmed !== '') statements.push({ line: startLine, endLine: i + 1, raw, text: trimmed, expanded: trimmed });
      raw = '';
      text = '';
    }
  });
  return statements;
}

export const supportedPlaceholders = [
  'query.file.path',
  'query.file.pathWithoutExtension',
  'query.file.folder',
  'query.file.root',
  'query.file.filename',
  'query.file.filenameWithoutExtension',
  'preset.<name>',
];

export type Expansion =
  | { ok: true; lines: string[] }
  | { ok: false; needsQueryPath: boolean; message: string };

/**
 * Expand `{{query.file.*}}` and `{{preset.NAME}}` in one statement. Placeholders that would need
 * JavaScript (`{{query.file.property('x')}}`, `{{4 + 6}}`) are reported, not evaluated.
 */
export function expandPlaceholders(
  text: string,
  queryPath: string | undefined,
  presets: Record<string, string> | undefined,
): Expansion {
  if (!text.includes('{{') || !text.includes('}}')) return { ok: true, lines: [text] };
  let needsQueryPath = false;
  let unsupported: string | null = null;
  let current = text;
  // Presets may hold placeholders themselves: expand until nothing changes (bounded, as Tasks does).
  for (let iteration = 0; iteration < 10; iteration++) {
    const next = current.replace(/\{\{([\s\S]*?)\}\}/g, (whole, inner: string) => {
      const name = inner.trim();
      const preset = /^preset\.([A-Za-z0-9_-]+)$/.exec(name);
      if (preset) {
        const value = presets?.[preset[1]!];
        if (value === undefined) {
          unsupported ??= `unknown preset '${preset[1]}' in ${whole}`;
          return whole;
        }
        return value;
      }
      const value = queryFileValue(name, queryPath);
      if (value === undefined) {
        unsupported ??= `placeholder ${whole} is not supported (Scriptorium evaluates no JavaScript). Supported: ${supportedPlaceholders
          .map((p) => `{{${p}}}`)
          .join(', ')}`;
        return whole;
      }
      if (value === null) {
        needsQueryPath = true;
        return whole;
      }
      return value;
    });
    if (unsupported !== null) return { ok: false, needsQueryPath: false, message: unsupported };
    if (needsQueryPath)
      return {
        ok: false,
        needsQueryPath: true,
        message: `the instruction contains a placeholder ("{{" and "}}") but no query file path was supplied, so it cannot be expanded`,
      };
    if (next === current) break;
    current = next;
  }
  const lines = continueLines(current).map((s) => s.text);
  return { ok: true, lines: lines.length > 0 ? lines : [''] };
}

/** undefined: not a query.file placeholder we know; null: known, but no path was given. */
function queryFileValue(name: string, queryPath: string | undefined): string | null | undefined {
  const m = /^query\.file\.(path|pathWithoutExtension|folder|root|filename|filenameWithoutExtension)$/.exec(name);
  if (!m) return undefined;
  if (queryPath === undefined) return null;
  const path = queryPath;
  const slash = path.lastIndexOf('/');
  const filename = slash === -1 ? path : path.slice(slash + 1);
  const dot = filename.lastIndexOf('.');
  const stem = dot > 0 ? filename.slice(0, dot) : filename;
  switch (m[1]) {
    case 'path':
      return path;
    case 'pathWithoutExtension':
      return dot > 0 ? path.slice(0, path.length - (filename.length - dot)) : path;
    case 'folder':
      return slash === -1 ? '/' : path.slice(0, slash + 1);
    case 'root': {
      const first = path.indexOf('/');
      return first === -1 ? '/' : path.slice(0, first + 1);
    }
    case 'filename':
      return filename;
    default:
      return stem;
  }
}
