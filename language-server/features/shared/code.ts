import type { ParsedNote } from '../../../core/markdown/types.js';

/**
 * Whether a line sits inside fenced code (``` or ~~~, CommonMark's length and character rule).
 * The parser hides code from links but does not expose its ranges, so completion checks here;
 * fences inside containers (`> ```) count too, since their markers are stripped first.
 */
export function isInFencedCode(note: ParsedNote, line: number): boolean {
  let fence: { ch: string; len: number } | null = null;
  const start = note.frontmatter ? note.frontmatter.endLine + 1 : 0;
  for (let i = start; i < line && i < note.lines.length; i++) {
    const m = /^(?:[ \t]*>)*[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)*( {0,3})(`{3,}|~{3,})(.*)$/.exec(note.lines[i]!.text);
    if (!m) continue;
    const marker = m[2]!;
    if (fence === null) {
      if (marker[0] === '`' && m[3]!.includes('`')) continue; // an info string may not hold a backtick
      fence = { ch: marker[0]!, len: marker.length };
    } else if (marker[0] === fence.ch && marker.length >= fence.len && m[3]!.trim() === '') {
      fence = null;
    }
  }
  return fence !== null;
}

/** Whether a column of a line sits inside an inline code span (an odd run of backticks before it). */
export function isInInlineCode(lineText: string, character: number): boolean {
  let open: number | null = null;
  let i = 0;
  while (i < character) {
    if (lineText[i] !== '`') {
      i++;
      continue;
    }
    let run = 0;
    while (lineText[i + run] === '`') run++;
    if (open === null) open = run;
    else if (open === run) open = null;
    i += run;
  }
  if (open === null) return false;
  // An opening run counts only when the same run closes it later on the line.
  const rest = lineText.slice(character);
  return new RegExp(`(^|[^\`])\`{${open}}(?!\`)`).test(rest);
}
