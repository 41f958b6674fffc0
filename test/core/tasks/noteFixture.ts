// A small ParsedNote builder for tests, so extractTasks can be tested without the markdown parser.
import type { ListItem, ParsedNote } from '../../../core/markdown/types.js';
import { noteLines } from '../../../core/tasks/noteText.js';

export function parsedNote(path: string, text: string): ParsedNote {
  const lines = noteLines(text);
  const listItems: ListItem[] = [];
  const taskItems: number[] = [];
  const headings: ParsedNote['headings'] = [];
  let fenced = false;
  lines.forEach((line, index) => {
    if (/^\s*```/.test(line.text)) fenced = !fenced;
    if (fenced || /^\s*```/.test(line.text)) return;
    const heading = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line.text);
    if (heading) {
      const range = { start: { line: index, character: 0 }, end: { line: index, character: line.text.length } };
      headings.push({ level: heading[1]!.length, text: heading[2]!, line: index, range });
      return;
    }
    const item = /^([\s>]*?)([ \t]*)([-*+]|[0-9]+[.)])([ \t]+)(?:\[([^\]])\][ \t]?)?/.exec(line.text);
    if (!item) return;
    const prefix = item[1]! + item[2]!;
    const indent = [...item[2]!].reduce((w, c) => (c === '\t' ? w + 4 - (w % 4) : w + 1), 0);
    let parent = listItems.length - 1;
    while (parent >= 0 && listItems[parent]!.indent >= indent) parent = listItems[parent]!.parent;
    const checkbox = item[5] ?? null;
    if (checkbox !== null) taskItems.push(listItems.length);
    listItems.push({ line: index, prefix, marker: item[3]!, indent, parent, checkbox, contentStart: item[0].length });
  });
  return { path, text, lines, hadBom: false, frontmatter: null, headings, blockIds: [], tags: [], links: [], listItems, taskItems, diagnostics: [] };
}
