import type { Range } from '../../shared-types/index.js';
import { wikilinkFromContent } from '../markdown/linkParts.js';
import { transientLines } from '../markdown/lazyLines.js';
import type { Line, Link, ParsedNote } from '../markdown/types.js';

/**
 * Links written as property values: Obsidian's `frontmatterLinks`. A string value (at any
 * depth of lists and maps) that is one whole wikilink, `"[[Note#Heading|alias]]"`, is a link;
 * `"see [[Note]]"` is text. Each is located at its first unclaimed occurrence in the YAML.
 */
export function frontmatterLinks(note: ParsedNote): Link[] {
  const fm = note.frontmatter;
  if (!fm?.data) return [];
  const values: string[] = [];
  collectStrings(fm.data, values, 0);
  const links: Link[] = [];
  const claimed = new Map<string, number>();
  let lines: readonly Line[] | null = null;
  for (const value of values) {
    const raw = value.trim();
    if (!/^\[\[[^[\]]+\]\]$/.test(raw)) continue;
    const range = locate((lines ??= transientLines(note)), raw, fm.startLine, fm.endLine, claimed);
    const link = wikilinkFromContent('wikilink', raw.slice(2, -2), raw, range);
    if (link.target !== '' || link.subpath !== null) links.push(link);
  }
  return links;
}

function collectStrings(value: unknown, out: string[], depth: number): void {
  if (depth > 32) return;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const item of value) collectStrings(item, out, depth + 1);
  else if (value && typeof value === 'object' && !(value instanceof Date))
    for (const item of Object.values(value as Record<string, unknown>)) collectStrings(item, out, depth + 1);
}

/** The n-th occurrence of `raw` between the fences (n counts earlier values with the same text). */
function locate(lines: readonly Line[], raw: string, startLine: number, endLine: number, claimed: Map<string, number>): Range {
  let skip = claimed.get(raw) ?? 0;
  claimed.set(raw, skip + 1);
  for (let line = startLine + 1; line < endLine; line++) {
    const text = lines[line]?.text ?? '';
    let at = text.indexOf(raw);
    while (at >= 0) {
      if (skip === 0) return { start: { line, character: at }, end: { line, character: at + raw.length } };
      skip--;
      at = text.indexOf(raw, at + raw.length);
    }
  }
  return { start: { line: startLine, character: 0 }, end: { line: startLine, character: 0 } };
}
