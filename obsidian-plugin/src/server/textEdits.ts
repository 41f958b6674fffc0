import type { TextEdit } from '../../../shared-types/index.js';

/** Offsets of each line start; `\r\n`, `\n` and `\r` all end a line, as in LSP. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) continue;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return starts;
}

function offsetAt(starts: readonly number[], text: string, line: number, character: number): number {
  if (line >= starts.length) return text.length;
  const lineEnd = starts[line + 1] ?? text.length;
  return Math.min(starts[line]! + character, lineEnd);
}

/** Applies LSP TextEdits (all computed against `text`) from the last to the first. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const located = edits
    .map((e) => ({
      from: offsetAt(starts, text, e.range.start.line, e.range.start.character),
      to: offsetAt(starts, text, e.range.end.line, e.range.end.character),
      newText: e.newText,
    }))
    .sort((a, b) => b.from - a.from || b.to - a.to);
  let out = text;
  for (const edit of located) out = out.slice(0, edit.from) + edit.newText + out.slice(edit.to);
  return out;
}
