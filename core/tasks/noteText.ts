// Lines of a note with their endings, and positions in it: what edits are computed against.
import type { Position, TextEdit } from '../../shared-types/index.js';
import type { Line } from '../markdown/types.js';
import { splitLines } from '../text/lines.js';

/** One line with its ending ('\n', '\r\n', '\r' or '' for the last). */
export type NoteLine = Line;

/** What an edit needs of a note: its path and its current text (a ParsedNote will do). */
export interface NoteText {
  path: string;
  text: string;
}

/** The note's lines, endings kept as written (the markdown parser's own split). */
export function noteLines(text: string): NoteLine[] {
  return splitLines(text);
}

/** The line ending the note mostly uses ('\n' when it has none). */
export function dominantEol(lines: readonly NoteLine[]): string {
  const counts = new Map<string, number>();
  for (const line of lines) if (line.eol) counts.set(line.eol, (counts.get(line.eol) ?? 0) + 1);
  let best = '\n';
  let bestCount = 0;
  for (const [eol, count] of counts) if (count > bestCount) [best, bestCount] = [eol, count];
  return best;
}

function offsetOf(lines: readonly NoteLine[], position: Position, textLength: number): number {
  if (position.line < 0) return 0;
  const line = lines[position.line];
  if (!line) return textLength;
  return line.offset + Math.max(0, Math.min(position.character, line.text.length + line.eol.length));
}

/**
 * Applies LSP-style edits (all computed against `text`) and returns the new text. Pure; edits
 * may come in any order; overlapping edits are an error (they have no single meaning).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = noteLines(text);
  const resolved = edits
    .map((edit, order) => ({ start: offsetOf(lines, edit.range.start, text.length), end: offsetOf(lines, edit.range.end, text.length), newText: edit.newText, order }))
    .sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  let out = '';
  let cursor = 0;
  for (const edit of resolved) {
    if (edit.end < edit.start) throw new Error('applyEdits: an edit ends before it starts');
    if (edit.start < cursor) throw new Error('applyEdits: overlapping edits');
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}
