// Sorting: the user's `sort by` lines, then Tasks' default order (status type, urgency, due,
// priority, path). Every key becomes an integer rank per task — ranks that depend only on the
// index are computed once per index (sortRanks.ts, kept in taskColumns) — and a stable counting
// sort orders the tasks key by key (radixOrder.ts). Ties keep the order the tasks came in.

import type { TaskState } from '../../../shared-types/index.js';
import { finish, type Steps } from '../steps.js';
import { radixOrderInSteps } from './radixOrder.js';
import type { RunFacts } from './runFacts.js';
import { memoRanks, numericRanks, textRanks, type Ranks } from './sortRanks.js';
import type { TextColumn } from './taskColumns.js';
import type { SortField } from './types.js';

export interface SortSpec {
  field: SortField;
  reverse: boolean;
  tagIndex: number;
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

export const defaultSorts: SortSpec[] = [
  { field: 'status.type', reverse: false, tagIndex: 1 },
  { field: 'urgency', reverse: false, tagIndex: 1 },
  { field: 'due', reverse: false, tagIndex: 1 },
  { field: 'priority', reverse: false, tagIndex: 1 },
  { field: 'path', reverse: false, tagIndex: 1 },
];

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Ranks over the whole index, read at the sorted positions. */
function atPositions(global: Ranks, positions: Int32Array): Ranks {
  const ranks = new Int32Array(positions.length);
  for (let s = 0; s < positions.length; s++) ranks[s] = global.ranks[positions[s]!]!;
  return { ranks, count: global.count };
}

/** Small non-negative integer keys (codes, flags) as ranks. */
function codes(read: (position: number) => number, count: number, positions: Int32Array): Ranks {
  const ranks = new Int32Array(positions.length);
  for (let s = 0; s < positions.length; s++) ranks[s] = read(positions[s]!);
  return { ranks, count };
}

/** Tasks' compareByDate: invalid first, then days ascending, missing (MISSING = Infinity) last. */
function dateRanks(days: Float64Array): Ranks {
  const keys = new Float64Array(days.length);
  for (let v = 0; v < days.length; v++) keys[v] = Number.isNaN(days[v]) ? -Infinity : days[v]!;
  return numericRanks(keys);
}

/**
 * Collator order of a text column. Index-wide ranks serve every run unless two distinct strings
 * compare equal: then the order between them depends on which came first among the tasks being
 * sorted, so those runs rank their own strings.
 */
function textKey(column: TextColumn, facts: RunFacts, positions: Int32Array): Ranks {
  const global = memoRanks(facts.columns, `text:${column}:${facts.globalFilter ?? ''}`, () => textRanks(facts.text(column), false));
  if (!global.ties) return atPositions(global, positions);
  const values = facts.text(column);
  const subset: string[] = [];
  for (let s = 0; s < positions.length; s++) subset.push(values[positions[s]!]!);
  return textRanks(subset, false);
}

/** Tasks' tag sort: the n-th tag in collator order, then tasks with fewer tags, then none. */
function tagRanks(facts: RunFacts, n: number): Ranks {
  const tags = facts.columns.hashTags();
  const picked: string[] = [];
  for (const list of tags) if (list.length >= n) picked.push(list[n - 1]!);
  const text = textRanks(picked, true);
  const ranks = new Int32Array(tags.length);
  let next = 0;
  for (let v = 0; v < tags.length; v++) {
    const count = tags[v]!.length;
    ranks[v] = count === 0 ? text.count + 1 : count < n ? text.count : text.ranks[next++]!;
  }
  return { ranks, count: text.count + 2 };
}

/** Tasks with a role first, in collator order, then those without. */
function roleRanks(facts: RunFacts): Ranks {
  const tasks = facts.tasks;
  const roles: string[] = [];
  for (const t of tasks) if (t.role) roles.push(t.role);
  const text = textRanks(roles, true);
  const ranks = new Int32Array(tasks.length);
  let next = 0;
  for (let v = 0; v < tasks.length; v++) ranks[v] = tasks[v]!.role ? text.ranks[next++]! : text.count;
  return { ranks, count: text.count + 1 };
}

/** Urgency is highest first; it depends on `today`, so its ranks are kept per day (a few days). */
function urgencyRanks(facts: RunFacts): Ranks {
  const byDay = memoRanks(facts.columns, 'urgency', () => new Map<number, Ranks>());
  let ranks = byDay.get(facts.today);
  if (!ranks) {
    const ascending = numericRanks(facts.urgency());
    const last = ascending.count - 1;
    for (let v = 0; v < ascending.ranks.length; v++) ascending.ranks[v] = last - ascending.ranks[v]!;
    ranks = ascending;
    if (byDay.size >= 4) byDay.delete(byDay.keys().next().value!);
    byDay.set(facts.today, ranks);
  }
  return ranks;
}

function ranksOf(spec: SortSpec, facts: RunFacts, positions: Int32Array): Ranks {
  const { columns, tasks } = facts;
  const memo = <T>(key: string, compute: () => T) => memoRanks(columns, key, compute);
  switch (spec.field) {
    case 'status': {
      const done = columns.flag('done');
      return codes((v) => done[v]!, 2, positions);
    }
    case 'status.type': {
      const order = columns.code('statusType');
      return codes((v) => order[v]!, 7, positions);
    }
    case 'status.name':
      return textKey('status.name', facts, positions);
    case 'due':
    case 'scheduled':
    case 'start':
    case 'created':
    case 'done':
    case 'cancelled':
    case 'happens': {
      const field = spec.field;
      return atPositions(memo(`day:${field}`, () => dateRanks(columns.day(field))), positions);
    }
    case 'priority': {
      const priority = columns.code('priority');
      return codes((v) => priority[v]!, 6, positions);
    }
    case 'urgency':
      return atPositions(urgencyRanks(facts), positions);
    case 'description':
      return textKey('sortDescription', facts, positions);
    case 'path':
    case 'filename':
    case 'heading':
    case 'id':
      return textKey(spec.field, facts, positions);
    case 'tag': {
      const n = spec.tagIndex;
      return atPositions(memo(`tag:${n}`, () => tagRanks(facts, n)), positions);
    }
    case 'recurring':
      return codes((v) => (tasks[v]!.recurrence !== null ? 0 : 1), 2, positions);
    case 'random': {
      // Stable within a day, different the next (Tasks hashes the description with the date).
      const day = String(facts.today);
      const hashes = new Float64Array(positions.length);
      for (let s = 0; s < positions.length; s++) hashes[s] = fnv1a(`${day}:${tasks[positions[s]!]!.description}`);
      return numericRanks(hashes);
    }
    case 'role':
      return atPositions(memo('role', () => roleRanks(facts)), positions);
    case 'state': {
      const states = columns.states();
      return codes((v) => stateOrder[states[v]!], 7, positions);
    }
  }
}

/** The sorts that decide the order: the user's, then the default, each field once (a field sorted twice is ranked once: by the second, the first has already found the two tasks equal). */
function effectiveSorts(sorts: readonly SortSpec[]): SortSpec[] {
  const seen = new Set<string>();
  const effective: SortSpec[] = [];
  for (const spec of [...sorts, ...defaultSorts]) {
    const id = `${spec.field}:${spec.field === 'tag' ? spec.tagIndex : 1}`;
    if (seen.has(id)) continue;
    seen.add(id);
    effective.push(spec);
  }
  return effective;
}

/** Whether a key ranks every task the same whichever tasks are sorted (a text column with collator-equal strings does not). */
function subsetInvariant(spec: SortSpec, facts: RunFacts): boolean {
  switch (spec.field) {
    case 'random':
      return false;
    case 'status.name':
    case 'description':
    case 'path':
    case 'filename':
    case 'heading':
    case 'id': {
      const column: TextColumn = spec.field === 'description' ? 'sortDescription' : spec.field;
      return !memoRanks(facts.columns, `text:${column}:${facts.globalFilter ?? ''}`, () => textRanks(facts.text(column), false)).ties;
    }
    default:
      return true;
  }
}

/** Sort orders of the whole index kept per index (a few: queries differ in their sorts and days). */
const wholeOrdersKept = 8;

/**
 * Every position of the index in the order `sorts` give, or null when some key is not
 * subset-invariant. The sort is stable and every key is a fixed rank per task, so the matching
 * tasks of any run, taken in this order, are exactly what sorting them would give: a run then
 * filters in sorted order instead of sorting. Kept per index, keyed by the sorts, day and global filter.
 */
export function wholeIndexOrder(sorts: readonly SortSpec[], facts: RunFacts): Int32Array | null {
  return finish(wholeIndexOrderInSteps(sorts, facts));
}

/**
 * wholeIndexOrder in steps (each key's ranks, each counting pass): for a caller that must stay
 * responsive (a server warming up), so that a first query's sort costs nothing more.
 */
export function* wholeIndexOrderInSteps(sorts: readonly SortSpec[], facts: RunFacts): Steps<Int32Array | null> {
  const effective = effectiveSorts(sorts);
  const key = `${facts.today}\u0000${facts.globalFilter ?? ''}\u0000${effective.map((s) => `${s.field}:${s.tagIndex}:${s.reverse ? 1 : 0}`).join(',')}`;
  const orders = memoRanks(facts.columns, 'wholeOrders', () => new Map<string, Int32Array | null>());
  let order = orders.get(key);
  if (order === undefined) {
    if (effective.every((spec) => subsetInvariant(spec, facts))) {
      const all = new Int32Array(facts.columns.n);
      for (let v = 0; v < all.length; v++) all[v] = v;
      order = yield* orderBy(all, effective, facts);
    } else {
      order = null;
    }
    if (orders.size >= wholeOrdersKept) orders.delete(orders.keys().next().value!);
    orders.set(key, order);
  }
  return order;
}

/** `positions` (into `index.tasks`) ordered by `sorts`, then the default sort; ties keep their order. */
export function sortPositions(positions: Int32Array, sorts: readonly SortSpec[], facts: RunFacts): Int32Array {
  return finish(orderBy(positions, effectiveSorts(sorts), facts));
}

function* orderBy(positions: Int32Array, effective: readonly SortSpec[], facts: RunFacts): Steps<Int32Array> {
  const keys: Ranks[] = [];
  for (const spec of effective) {
    const key = ranksOf(spec, facts, positions);
    if (spec.reverse) {
      const last = key.count - 1;
      for (let s = 0; s < key.ranks.length; s++) key.ranks[s] = last - key.ranks[s]!;
    }
    keys.push(key);
    yield;
  }
  const order = yield* radixOrderInSteps(positions.length, keys);
  const sorted = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) sorted[i] = positions[order[i]!]!;
  return sorted;
}
