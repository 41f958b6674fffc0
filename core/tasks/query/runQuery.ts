// ParsedQuery + TaskIndex → QueryResult: filter (each line compiled once into a closure, all
// AND-ed), sort (user sorts, then Tasks' default), `limit`, group, `limit groups`. Everything in
// between works on positions in `index.tasks` and reads the per-index columns (taskColumns.ts),
// so a run does the filter and sort work only.

import type { Task, TaskIndex } from '../types.js';
import { compileNode, type Predicate } from './compileFilter.js';
import { explainQuery } from './explainQuery.js';
import { displayHeading, groupPositions, type PositionGroup } from './groupTasks.js';
import { parseQuery } from './parseQuery.js';
import { dayNumber, systemToday } from './queryDates.js';
import { RunFacts } from './runFacts.js';
import { memoRanks } from './sortRanks.js';
import { sortPositions, wholeIndexOrder } from './sortTasks.js';
import { taskColumns } from './taskColumns.js';
import type { ParsedQuery, QueryContext, QueryResult } from './types.js';

/**
 * Positions of the tasks every predicate accepts, in `order` (index order when null), written
 * into `kept` (n long; reused across runs so a run allocates no n-sized buffers).
 */
function filterPositions(n: number, predicates: readonly Predicate[], order: Int32Array | null, kept: Int32Array): Int32Array {
  let count = 0;
  // Filters are pure, so applying every line to one task before the next is the same as Tasks'
  // line-by-line passes, without the intermediate arrays.
  outer: for (let i = 0; i < n; i++) {
    const v = order === null ? i : order[i]!;
    for (let p = 0; p < predicates.length; p++) if (!predicates[p]!(v)) continue outer;
    kept[count++] = v;
  }
  return kept.subarray(0, count);
}

/** A buffer of one position per task, shared by the runs on one index (runs are synchronous, and the positions never leave `runQuery`). */
function scratchPositions(facts: RunFacts): Int32Array {
  return memoRanks(facts.columns, 'scratchPositions', () => new Int32Array(facts.columns.n));
}

export function runQuery(query: ParsedQuery, index: TaskIndex, ctx: QueryContext): QueryResult {
  const q =
    query.needsQueryPath && ctx.queryPath !== undefined
      ? parseQuery(query.source, { ...query.options, queryPath: ctx.queryPath })
      : query;
  const explanation = q.explain ? explainQuery(q, ctx) : null;
  if (q.errors.length > 0) {
    return { groups: [], totalTasks: 0, totalMatching: 0, layout: q.layout, explanation, errors: q.errors };
  }

  const today = dayNumber(ctx.today) ?? systemToday();
  const facts = new RunFacts(taskColumns(index), today, ctx.globalFilter ?? null);
  const predicates: Predicate[] = q.filters.map((f) => compileNode(f.node, { today, facts }));
  // With a whole-index order the filter pass yields the matches already sorted.
  const order = wholeIndexOrder(q.sorters, facts);
  const matching = filterPositions(index.tasks.length, predicates, order, scratchPositions(facts));

  const sorted = order !== null ? matching : sortPositions(matching, q.sorters, facts);
  const limited = q.limit === null ? sorted : sorted.subarray(0, q.limit);
  let groups = groupPositions(limited, q.groupers, facts);
  let totalTasks = limited.length;
  if (q.groupers.length > 0) {
    if (q.groupLimit !== null) {
      const n = q.groupLimit;
      groups = groups.map((g) => ({ names: g.names, positions: g.positions.slice(0, n) }));
    }
    totalTasks = countDistinct(groups, facts);
  }
  const tasks = index.tasks;
  const result = groups.map((g) => ({ headings: g.names.map(displayHeading), tasks: tasksAt(g.positions, tasks) }));
  return { groups: result, totalTasks, totalMatching: matching.length, layout: q.layout, explanation, errors: [] };
}

/** The tasks at `positions` (a plain loop: faster than `map` or `Array.from` at this size). */
function tasksAt(positions: ArrayLike<number>, tasks: readonly Task[]): Task[] {
  const out: Task[] = [];
  for (let i = 0; i < positions.length; i++) out.push(tasks[positions[i]!]!);
  return out;
}

/** Distinct tasks over all groups (a task with two tags is in two groups). */
function countDistinct(groups: readonly PositionGroup[], facts: RunFacts): number {
  if (!facts.columns.distinctTasks()) {
    const seen = new Set<Task>();
    for (const g of groups) for (const v of g.positions) seen.add(facts.tasks[v]!);
    return seen.size;
  }
  // No Task appears twice in the index, so marking positions counts tasks, without a Set.
  const seen = new Uint8Array(facts.tasks.length);
  let count = 0;
  for (const g of groups) {
    for (const v of g.positions) {
      if (seen[v] === 0) {
        seen[v] = 1;
        count++;
      }
    }
  }
  return count;
}
