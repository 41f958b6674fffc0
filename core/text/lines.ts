import type { Position } from '../../shared-types/index.js';
import type { Line } from '../markdown/types.js';

/**
 * Keeps every line ending exactly as written, so edits computed on lines can be
 * applied back to the original text without normalising a user's CRLF or lone CR.
 */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const n = text.length;
  let start = 0;
  // indexOf is far faster than a per-character loop; each cached position is reused until passed.
  let lf = text.indexOf('\n');
  let cr = text.indexOf('\r');
  while (lf >= 0 || cr >= 0) {
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      const crlf = cr + 1 === lf;
      lines.push({ text: text.slice(start, cr), eol: crlf ? '\r\n' : '\r', offset: start });
      start = crlf ? lf + 1 : cr + 1;
      cr = text.indexOf('\r', cr + 1);
      if (crlf) lf = text.indexOf('\n', start);
    } else {
      lines.push({ text: text.slice(start, lf), eol: '\n', offset: start });
      start = lf + 1;
      lf = text.indexOf('\n', start);
    }
  }
  lines.push({ text: text.slice(start, n), eol: '', offset: start });
  return lines;
}

/** Binary search, so callers mapping many offsets stay O(log n) each. Offsets are clamped. */
export function positionAt(lines: readonly Line[], offset: number): Position {
  if (lines.length === 0) return { line: 0, character: 0 };
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const line = lines[lo]!;
  const character = Math.max(0, Math.min(offset - line.offset, line.text.length + line.eol.length));
  return { line: lo, character };
}

/** The inverse of positionAt; positions past a line's end stop at that line's end. */
export function offsetAt(lines: readonly Line[], position: Position): number {
  const line = lines[Math.max(0, Math.min(position.line, lines.length - 1))];
  if (!line) return 0;
  return line.offset + Math.max(0, Math.min(position.character, line.text.length));
}
