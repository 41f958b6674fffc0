import type { ParsedNote } from '../markdown/types.js';
import { assembleTask, parseTaskBody } from './fields.js';
import { statusFor } from './statuses.js';
import { bodyColumn, parseTaskLine } from './taskLine.js';
import type { Task, TaskSettings } from './types.js';

/** Tasks' global filter: a checkbox counts only when its body contains the filter (Tasks' rule: plain containment). */
export function passesGlobalFilter(body: string, settings: TaskSettings): boolean {
  return settings.globalFilter === null || settings.globalFilter === '' || body.includes(settings.globalFilter);
}

/** One markdown task from a line, or null when the line is not a task (or the global filter rejects it). */
export function taskFromLine(path: string, line: number, lineText: string, settings: TaskSettings): Task | null {
  const parts = parseTaskLine(lineText);
  if (!parts || !passesGlobalFilter(parts.body, settings)) return null;
  const bodyStart = bodyColumn(parts);
  const body = parseTaskBody(lineText, bodyStart, settings);
  const place = {
    path,
    line,
    source: 'markdown' as const,
    lineText,
    prefix: parts.prefix,
    marker: parts.marker,
    symbol: parts.symbol,
    status: statusFor(parts.symbol, settings),
    bodyStart,
    heading: null,
    indentParentLine: null,
  };
  return assembleTask(place, body);
}

/** The tasks of a parsed note: its checkbox list items that are task lines, with heading and indentation parent. */
export function tasksFromNote(note: ParsedNote, settings: TaskSettings): Task[] {
  const tasks: Task[] = [];
  const taskByItem = new Map<number, Task>();
  let headingIndex = -1;
  const headings = note.headings;
  // Document order, so a parent is always met before its children and headings advance monotonically.
  const items = [...note.taskItems].sort((a, b) => a - b);
  for (const itemIndex of items) {
    const item = note.listItems[itemIndex];
    if (!item) continue;
    const lineText = note.lines[item.line]?.text;
    if (lineText === undefined) continue;
    const task = taskFromLine(note.path, item.line, lineText, settings);
    if (!task) continue;
    while (headingIndex + 1 < headings.length && headings[headingIndex + 1]!.line < item.line) headingIndex++;
    task.heading = headingIndex >= 0 ? headings[headingIndex]!.text : null;
    for (let parent = item.parent; parent >= 0; parent = note.listItems[parent]?.parent ?? -1) {
      const parentTask = taskByItem.get(parent);
      if (parentTask) {
        task.indentParentLine = parentTask.line;
        break;
      }
    }
    taskByItem.set(itemIndex, task);
    tasks.push(task);
  }
  return tasks;
}
