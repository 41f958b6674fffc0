// The group name(s) of every task for one `group by` field. Names depend only on the index, except
// urgency's (which depends on `today`), so they are computed once per index and field and kept in
// its TaskColumns; a task with several names (two tags) has an array, every other one a string.

import { formatDayWithWeekday } from './queryDates.js';
import type { RunFacts } from './runFacts.js';
import { stateOrder } from './sortTasks.js';
import { MISSING } from './taskColumns.js';
import { isDoneType, priorityCode, priorityGroupName, statusTypeOrder } from './taskValues.js';
import type { GroupField } from './types.js';

/** One name, or several (each task with them lands in each group). */
export type GroupNames = string | readonly string[];

function stripExtension(filename: string): string {
  return filename.endsWith('.md') ? filename.slice(0, -3) : filename;
}

/** Date headings; each distinct day is formatted once. */
function dateNames(days: Float64Array, field: string): string[] {
  const named = new Map<number, string>();
  const names = new Array<string>(days.length);
  for (let v = 0; v < days.length; v++) {
    const day = days[v]!;
    let name = named.get(day);
    if (name === undefined) {
      name = day === MISSING ? `No ${field} date` : Number.isNaN(day) ? `%%0%% Invalid ${field} date` : formatDayWithWeekday(day);
      named.set(day, name);
    }
    names[v] = name;
  }
  return names;
}

function computeNames(field: Exclude<GroupField, 'urgency'>, facts: RunFacts): readonly GroupNames[] {
  const { columns, tasks } = facts;
  switch (field) {
    case 'status':
      return tasks.map((t) => (isDoneType(t.status.type) ? 'Done' : 'Todo'));
    case 'status.type':
      return tasks.map((t) => `%%${statusTypeOrder[t.status.type]}%%${t.status.type}`);
    case 'status.name':
      return tasks.map((t) => t.status.name);
    case 'due':
    case 'scheduled':
    case 'start':
    case 'created':
    case 'done':
    case 'cancelled':
    case 'happens':
      return dateNames(columns.day(field), field);
    case 'path':
      return tasks.map((t) => t.path.replace('.md', ''));
    case 'folder':
    case 'root':
      return columns.text(field, null);
    case 'filename':
      return columns.text('filename', null).map(stripExtension);
    case 'backlink': {
      const filenames = columns.text('filename', null);
      return tasks.map((t, v) => {
        const name = stripExtension(filenames[v]!);
        return t.heading ? `${name} > ${t.heading}` : name;
      });
    }
    case 'heading':
      return tasks.map((t) => (t.heading ? t.heading : '(No heading)'));
    case 'tags':
      return columns.hashTags().map((tags) => (tags.length === 0 ? '(No tags)' : tags.length === 1 ? tags[0]! : tags));
    case 'priority':
      return tasks.map((t) => `%%${priorityCode[t.priority]}%%${priorityGroupName[t.priority]} priority`);
    case 'recurring':
      return tasks.map((t) => (t.recurrence !== null ? 'Recurring' : 'Not Recurring'));
    case 'recurrence':
      return tasks.map((t) => t.recurrence ?? 'None');
    case 'id':
      return tasks.map((t) => t.id ?? '');
    case 'role':
      return tasks.map((t) => (t.role ? t.role : '(No role)'));
    case 'state':
      return columns.states().map((state) => `%%${stateOrder[state]}%%${state}`);
  }
}

/** A task's names for `field`, by its position in `index.tasks`. */
export function groupNamer(field: GroupField, facts: RunFacts): (position: number) => GroupNames {
  if (field === 'urgency') {
    // Depends on `today`: formatted per run, once per distinct score.
    const urgency = facts.urgency();
    const named = new Map<number, string>();
    return (v) => {
      const u = urgency[v]!;
      let name = named.get(u);
      if (name === undefined) named.set(u, (name = u.toFixed(2)));
      return name;
    };
  }
  const key = `groupNames:${field}`;
  let names = facts.columns.memo.get(key) as readonly GroupNames[] | undefined;
  if (!names) {
    names = computeNames(field, facts);
    facts.columns.memo.set(key, names);
  }
  const all = names;
  return (v) => all[v]!;
}

/** Every task's single name as a slot into `names` (the distinct names, in first-seen order). */
export interface GroupSlots {
  slots: Int32Array;
  names: readonly string[];
}

/**
 * Slots for a field whose every task has exactly one name (all but tags and urgency), so that
 * grouping one level is bucketing integers, with no string hashing per task. Kept per index.
 */
export function groupSlots(field: Exclude<GroupField, 'tags' | 'urgency'>, facts: RunFacts): GroupSlots {
  const key = `groupSlots:${field}`;
  let slots = facts.columns.memo.get(key) as GroupSlots | undefined;
  if (!slots) {
    const namer = groupNamer(field, facts);
    const slotOf = new Map<string, number>();
    const names: string[] = [];
    const column = new Int32Array(facts.tasks.length);
    for (let v = 0; v < column.length; v++) {
      const name = namer(v) as string;
      let slot = slotOf.get(name);
      if (slot === undefined) {
        slotOf.set(name, (slot = names.length));
        names.push(name);
      }
      column[v] = slot;
    }
    slots = { slots: column, names };
    facts.columns.memo.set(key, slots);
  }
  return slots;
}
