import type { Range } from 'vscode-languageserver';
import type { BlockId, Heading, ParsedNote } from '../../../core/markdown/types.js';

/** Headings compare as core/graph's subpathNode compares them: ignoring case and runs of spaces. */
export function headingKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The heading or block a link's subpath names (`A#B` names B, `^id` a block), or null. */
export function subpathTarget(note: ParsedNote, subpath: string | null): { heading: Heading } | { block: BlockId } | null {
  if (subpath === null) return null;
  const last = lastSubpathPart(subpath);
  if (last === null) return null;
  if (last.startsWith('^')) {
    const wanted = last.slice(1).toLowerCase();
    const block = note.blockIds.find((b) => b.id.toLowerCase() === wanted);
    return block ? { block } : null;
  }
  const wanted = headingKey(last);
  const heading = note.headings.find((h) => headingKey(h.text) === wanted);
  return heading ? { heading } : null;
}

export function lastSubpathPart(subpath: string): string | null {
  const parts = subpath.split('#').map((s) => s.trim()).filter((s) => s !== '');
  return parts[parts.length - 1] ?? null;
}

/** Whether a link subpath points at this heading (its last part, compared as Obsidian does). */
export function subpathNamesHeading(subpath: string | null, heading: Heading): boolean {
  if (subpath === null) return false;
  const last = lastSubpathPart(subpath);
  return last !== null && !last.startsWith('^') && headingKey(last) === headingKey(heading.text);
}

/** The heading on a line, if any. */
export function headingOnLine(note: ParsedNote, line: number): Heading | undefined {
  return note.headings.find((h) => h.line === line);
}

/** The columns of a heading's text on its line (ATX only; setext text can span lines), or null. */
export function headingTextRange(note: ParsedNote, heading: Heading): Range | null {
  const text = note.lines[heading.line]?.text ?? '';
  const at = text.indexOf(heading.text, heading.range.start.character);
  if (at < 0 || heading.text === '') return null;
  return { start: { line: heading.line, character: at }, end: { line: heading.line, character: at + heading.text.length } };
}

/** A heading's section: from its line to the line before the next heading of the same or a higher level. */
export function sectionEndLine(note: ParsedNote, heading: Heading): number {
  const next = note.headings.find((h) => h.line > heading.line && h.level <= heading.level);
  return next ? next.line - 1 : note.lines.length - 1;
}
