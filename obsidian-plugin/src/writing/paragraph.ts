import type { Range } from '../../../shared-types/index.js';

/** The lines of the paragraph holding `line` (neighbouring non-blank lines) as an LSP range. */
export function paragraphRange(lineCount: number, lineAt: (line: number) => string, line: number): Range {
  const blank = (n: number) => lineAt(n).trim() === '';
  let start = line;
  let end = line;
  while (start > 0 && !blank(start - 1)) start--;
  while (end < lineCount - 1 && !blank(end + 1)) end++;
  return { start: { line: start, character: 0 }, end: { line: end, character: lineAt(end).length } };
}

/** The text of a `[[`-style trigger before the cursor: what is typed after it, or null when there is none. */
export function typedAfterTrigger(prefix: string, trigger: string): { at: number; query: string } | null {
  const at = prefix.lastIndexOf(trigger);
  if (at < 0) return null;
  const query = prefix.slice(at + trigger.length);
  if (/[[\]|#^]/.test(query) || query.length > 80) return null;
  return { at, query };
}
