// A markdown task as a warm start stores it: one JSON array of what its line says, from which
// the Task is put together without reading the line again. Reading 37,000 task lines in a fresh
// process took ~180 ms (most of it the parser's first, unoptimised runs); putting them together
// from these tuples takes ~55 ms, for ~70 more bytes a task in the store. Everything else a Task
// holds follows from the tuple: prefix, marker and field values are slices of the line, the
// dates and the single-valued fields are the first occurrence of their key, the status is the
// symbol's under the settings the store was written with (they are part of its fingerprint).
import { assembleTask, noDates, none, priorityOf, splitIds } from './fields.js';
import { statusFor } from './statuses.js';
import type { FieldKey, FieldOccurrence, Task, TaskSettings } from './types.js';

/**
 * [line, lineText, heading, indentParentLine, markerStart, markerEnd, symbol, bodyStart,
 * description, fields, invalid, tags, blockId]. `fields` is flat, five numbers a field: key
 * (its index in `fieldKeys`, times two, plus one for the Dataview format), start, end, value
 * start, value end.
 */
export type TaskTuple = [number, string, string | null, number | null, number, number, string, number, string, number[], string[], string[], string | null];

/** Stored by position: reordering them changes what stores mean (bump summaryFormat in fileSummary.ts). */
export const fieldKeys: readonly FieldKey[] = ['due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'priority', 'recurrence', 'onCompletion', 'id', 'dependsOn', 'role', 'parent'];
const fieldIndex = new Map(fieldKeys.map((key, i) => [key, i]));

/** The tuple of a markdown task (code tasks are never stored: their files are read at each start). */
export function taskTuple(task: Task): TaskTuple {
  const fields: number[] = [];
  for (const f of task.fields) fields.push(fieldIndex.get(f.key)! * 2 + (f.format === 'dataview' ? 1 : 0), f.start, f.end, f.valueStart, f.valueEnd);
  const markerStart = task.prefix.length;
  return [
    task.line, task.lineText, task.heading, task.indentParentLine, markerStart, markerStart + task.marker.length, task.symbol, task.bodyStart,
    task.description, fields, task.invalid, task.tags, task.blockId,
  ];
}

/** The task a tuple describes, as taskFromLine made it (it throws on a tuple not of this shape). */
export function taskOfTuple(path: string, tuple: TaskTuple, settings: TaskSettings): Task {
  // Indexed, not destructured: this runs for every stored task of a start, mostly before V8 has
  // optimised it, and unoptimised array destructuring steps an iterator.
  const lineText = tuple[1];
  const flat = tuple[9];
  const invalid = tuple[10];
  const tags = tuple[11];
  if (typeof lineText !== 'string' || !Array.isArray(flat) || !Array.isArray(invalid) || !Array.isArray(tags)) throw new Error('not a task tuple');
  const markerStart = tuple[4];
  const symbol = tuple[6];
  const fields: FieldOccurrence[] = [];
  let dates: Task['dates'] = noDates;
  let priority: Task['priority'] = 'normal';
  let recurrence: string | null = null;
  let onCompletion: string | null = null;
  let id: string | null = null;
  let dependsOn: string[] = none;
  let role: string | null = null;
  let parentId: string | null = null;
  let seen = 0;
  for (let k = 0; k + 4 < flat.length; k += 5) {
    const code = flat[k]!;
    const key = fieldKeys[code >> 1];
    if (key === undefined) throw new Error('not a task tuple');
    const valueStart = flat[k + 3]!;
    const valueEnd = flat[k + 4]!;
    const value = lineText.slice(valueStart, valueEnd);
    fields.push({ key, format: code & 1 ? 'dataview' : 'emoji', start: flat[k + 1]!, end: flat[k + 2]!, value, valueStart, valueEnd });
    // Only a key's first occurrence counts (parseTaskBody).
    const bit = 1 << (code >> 1);
    if (seen & bit) continue;
    seen |= bit;
    switch (key) {
      case 'priority':
        if (!invalid.includes(key)) priority = priorityOf(value);
        break;
      case 'recurrence':
        recurrence = value;
        break;
      case 'onCompletion':
        onCompletion = invalid.includes(key) ? value : value.toLowerCase();
        break;
      case 'id':
        id = value;
        break;
      case 'dependsOn':
        dependsOn = splitIds(value);
        break;
      case 'role':
        role = value;
        break;
      case 'parent':
        parentId = value;
        break;
      default:
        if (dates === noDates) dates = { due: null, scheduled: null, start: null, created: null, done: null, cancelled: null };
        dates[key] = value;
    }
  }
  const place = {
    path,
    line: tuple[0],
    source: 'markdown' as const,
    lineText,
    prefix: lineText.slice(0, markerStart),
    marker: lineText.slice(markerStart, tuple[5]),
    symbol,
    status: statusFor(symbol, settings),
    bodyStart: tuple[7],
    heading: tuple[2],
    indentParentLine: tuple[3],
  };
  const body = { description: tuple[8], dates, invalid, priority, recurrence, onCompletion, id, dependsOn, tags, role, parentId, blockId: tuple[12], fields, duplicates: none, blockIdRange: null };
  return assembleTask(place, body);
}
