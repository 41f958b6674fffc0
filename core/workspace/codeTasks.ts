import { extractTodoComments } from '../code/todoComments.js';
import { assembleTask, parseTaskBody } from '../tasks/fields.js';
import { statusFor } from '../tasks/statuses.js';
import type { Task, TaskSettings } from '../tasks/types.js';
import { splitLines } from '../text/lines.js';

/** TODO/FIXME/… comments of a source file as tasks, with the same inline fields as task lines. */
export function codeTasksFromText(path: string, text: string, settings: TaskSettings): Task[] {
  const comments = extractTodoComments(path, text);
  if (comments.length === 0) return [];
  const lines = splitLines(text);
  return comments.map((comment) => {
    const lineText = lines[comment.line]?.text ?? '';
    // The comment's closer (`*/`, `-->`) is not part of the body: read fields only up to it.
    const body = parseTaskBody(lineText.slice(0, comment.bodyEnd), comment.bodyStart, settings);
    const place = {
      path,
      line: comment.line,
      source: 'code' as const,
      lineText,
      prefix: lineText.slice(0, comment.keywordColumn),
      marker: comment.keyword,
      symbol: ' ',
      status: statusFor(' ', settings),
      bodyStart: comment.bodyStart,
      heading: null,
      indentParentLine: null,
      owner: comment.owner,
    };
    return assembleTask(place, body);
  });
}
