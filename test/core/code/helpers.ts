import { expect } from 'vitest';
import { extractTodoComments, type TodoComment, type TodoCommentOptions } from '../../../core/code/todoComments.js';

export function linesOf(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Extracts, and checks the column contract of every result against the text. */
export function todos(path: string, text: string, options?: TodoCommentOptions): TodoComment[] {
  const found = extractTodoComments(path, text, options);
  const lines = linesOf(text);
  for (const t of found) {
    const line = lines[t.line] ?? '';
    expect(line.slice(t.bodyStart, t.bodyEnd), `body columns on line ${t.line}`).toBe(t.body);
    expect(line.slice(t.keywordColumn, t.keywordColumn + t.keyword.length)).toBe(t.keyword);
    expect(t.bodyStart).toBeGreaterThanOrEqual(t.keywordColumn + t.keyword.length);
  }
  return found;
}

/** `line: KEYWORD body` summaries, easy to compare. */
export function summary(path: string, text: string, options?: TodoCommentOptions): string[] {
  return todos(path, text, options).map(
    (t) => `${t.line}: ${t.keyword}${t.owner !== null ? `(${t.owner})` : ''} ${t.body}`.trimEnd(),
  );
}

/** Joins lines with `\n`, for readable snippets. */
export function src(...lines: string[]): string {
  return lines.join('\n');
}
