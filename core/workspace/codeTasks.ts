import { extractTodoComments } from '../code/todoComments.js';
import { parseTaskBody } from '../tasks/fields.js';
import { statusFor } from '../tasks/statuses.js';
import type { Task, TaskSettings } from '../tasks/types.js';
import { splitLines } from '../text/lines.js';

/** TODO/FIXME/… comments of a source file as tasks, with the same inline fields as task lines. */
export function codeTasksFromText(path: string, text: string, settings: TaskSettings): Task[] {
  const comments = extractTodoComments(path, text);
  if (comments.length === 0) return [];
  const lines = splitLines(text);
  return comments.map((comment): Task => {
    const lineText = lines[comment.line]?.text ?? '';
    // The comment's closer (`*/`, `-->`) is not part of the body: read fields only up to it.
    const body = parseTaskBody(lineText.slice(0, comment.bodyEnd), comment.bodyStart, settings);
    return {
      path,
      line: comment.line,
      source: 'code',
      lineText,
      prefix: lineText.slice(0, comment.keywordColumn),
      marker: comment.keyword,
      symbol: ' ',
      status: statusFor(' ', settings),
      bodyStart: comment.bodyStart,
      description: body.description,
      dates: body.dates,
      invalid: body.invalid,
      priority: body.priority,
      recurrence: body.recurrence,
      onCompletion: body.onCompletion,
      id: body.id,
      dependsOn: body.dependsOn,
      tags: body.tags,
      role: body.role,
      parentId: body.parentId,
      blockId: body.blockId,
      fields: body.fields,
      heading: null,
      indentParentLine: null,
      owner: comment.owner,
    };
  });
}
