import { parseNote } from '../../../core/markdown/parseNote.js';
import type { ParsedNote } from '../../../core/markdown/types.js';

export const parse = (text: string): ParsedNote => parseNote('note.md', text);
export const md = (...lines: string[]): string => lines.join('\n');

export const tagsOf = (text: string) => parse(text).tags.filter((t) => t.source === 'inline').map((t) => t.tag);
export const headingsOf = (text: string) => parse(text).headings.map((h) => [h.level, h.text, h.line]);
export const linksOf = (text: string) =>
  parse(text).links.map((l) => ({ kind: l.kind, target: l.target, subpath: l.subpath, alias: l.alias, external: l.external }));
/** `line:[checkbox]:parentLine` per list item, the tree in one readable string each. */
export const itemsOf = (text: string) => {
  const note = parse(text);
  return note.listItems.map((li) => `${li.line}:${li.checkbox ?? '-'}:${li.parent < 0 ? 'root' : note.listItems[li.parent]!.line}`);
};
