// Sorting: the user's `sort by` lines, then Tasks' default order (status type, urgency, due,
// priority, path). Keys are computed once per task (decorate–sort–undecorate), so a sort over
// 50,000 tasks costs n log n cheap comparisons, not n log n date parses or urgency sums.

import type { TaskState } from '../../../shared-types/index.js';
import type { Task, TaskIndex } from '../types.js';
import type { RunFacts } from './runFacts.js';
import { cleanDescription, collator, isDoneType, priorityCode, statusTypeOrder } from './taskValues.js';
import type { SortField } from './types.js';

export interface SortSpec {
  field: SortField;
  reverse: boolean;
  tagIndex: number;
}

type Key = number | string | [number, string];

interface KeyedSorter {
  key: (task: Task) => Key;
  compare: (a: Key, b: Key) => number;
  sign: 1 | -1;
}

const numeric = (a: Key, b: Key): number => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
const text = (a: Key, b: Key): number => collator.compare(a as string, b as string);
const rankThenText = (a: Key, b: Key): number => {
  const [ra, ta] = a as [number, string];
  const [rb, tb] = b as [number, string];
  if (ra !== rb) return ra - rb;
  return ra === 0 ? collator.compare(ta, tb) : 0;
};

/** Tasks' compareByDate as a number: invalid first, then days ascending, missing last. */
function dateKey(day: number | null): number {
  if (day === null) return Infinity;
  if (Number.isNaN(day)) return -Infinity;
  return day;
}

export const stateOrder: Record<TaskState, number> = {
  Pending: 0,
  Active: 1,
  InProgress: 2,
  Blocked: 3,
  Completed: 4,
  Failed: 5,
  Cancelled: 6,
};

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function keyed(spec: SortSpec, facts: RunFacts, index: TaskIndex): KeyedSorter {
  const sign = spec.reverse ? -1 : 1;
  const k = (key: (t: Task) => Key, compare: (a: Key, b: Key) => number): KeyedSorter => ({ key, compare, sign });
  switch (spec.field) {
    case 'status':
      return k((t) => (isDoneType(t.status.type) ? 1 : 0), numeric);
    case 'status.type':
      return k((t) => statusTypeOrder[t.status.type], numeric);
    case 'status.name':
      return k((t) => t.status.name, text);
    case 'due':
    case 'scheduled':
    case 'start':
    case 'created':
    case 'done':
    case 'cancelled': {
      const field = spec.field;
      return k((t) => dateKey(facts.of(t)[field]), numeric);
    }
    case 'happens':
      return k((t) => dateKey(facts.of(t).happens), numeric);
    case 'priority':
      return k((t) => priorityCode[t.priority], numeric);
    case 'urgency':
      return k((t) => -facts.of(t).urgency, numeric);
    case 'description':
      return k((t) => cleanDescription(t.description, facts.globalFilter), text);
    case 'path':
      return k((t) => t.path, text);
    case 'filename':
      return k((t) => facts.of(t).filename, text);
    case 'heading':
      return k((t) => t.heading ?? '', text);
    case 'id':
      return k((t) => t.id ?? '', text);
    case 'tag': {
      const n = spec.tagIndex;
      return k((t) => {
        const tags = facts.of(t).hashTags;
        if (tags.length === 0) return [2, ''];
        if (tags.length < n) return [1, ''];
        return [0, tags[n - 1]!];
      }, rankThenText);
    }
    case 'recurring':
      return k((t) => (t.recurrence !== null ? 0 : 1), numeric);
    case 'random': {
      // Stable within a day, different the next (Tasks hashes the description with the date).
      const day = String(facts.today);
      return k((t) => fnv1a(`${day}:${t.description}`), numeric);
    }
    case 'role':
      return k((t) => (t.role ? [0, t.role] : [1, '']), rankThenText);
    case 'state':
      return k((t) => stateOrder[index.state(t)], numeric);
  }
}

export const defaultSorts: SortSpec[] = [
  { field: 'status.type', reverse: false, tagIndex: 1 },
  { field: 'urgency', reverse: false, tagIndex: 1 },
  { field: 'due', reverse: false, tagIndex: 1 },
  { field: 'priority', reverse: false, tagIndex: 1 },
  { field: 'path', reverse: false, tagIndex: 1 },
];

/**
 * Replace string keys by their rank in collator order, so the sort compares integers: the
 * collator runs over the distinct strings only (a vault has far fewer paths than tasks).
 */
function rankStrings(keys: Key[]): number[] {
  const distinct = [...new Set(keys as string[])].sort(collator.compare);
  const rank = new Map<string, number>();
  distinct.forEach((s, i) => rank.set(s, i));
  return (keys as string[]).map((k) => rank.get(k)!);
}

/** A new array: `tasks` ordered by `sorts`, then the default sort; ties keep their order. */
export function sortTasks(tasks: readonly Task[], sorts: readonly SortSpec[], facts: RunFacts, index: TaskIndex): Task[] {
  const sorters = [...sorts, ...defaultSorts].map((s) => keyed(s, facts, index));
  // One column of keys per sorter; text columns become integer ranks.
  const columns = sorters.map((s) => {
    const column = tasks.map((t) => s.key(t));
    if (s.compare === text) {
      s.compare = numeric;
      return rankStrings(column);
    }
    return column;
  });
  const order = tasks.map((_, i) => i);
  order.sort((a, b) => {
    for (let s = 0; s < sorters.length; s++) {
      const sorter = sorters[s]!;
      const column = columns[s]!;
      const c = sorter.compare(column[a]!, column[b]!);
      if (c !== 0) return c * sorter.sign;
    }
    return a - b;
  });
  return order.map((i) => tasks[i]!);
}
