// ParsedQuery + TaskIndex → QueryResult: filter (each line compiled once into a closure, all
// AND-ed), sort (user sorts, then Tasks' default), `limit`, group, `limit groups`.

import type { Task, TaskIndex } from '../types.js';
import { compileNode, type Predicate } from './compileFilter.js';
import { explainQuery } from './explainQuery.js';
import { groupTasks } from './groupTasks.js';
import { parseQuery } from './parseQuery.js';
import { dayNumber, systemToday } from './queryDates.js';
import { RunFacts } from './runFacts.js';
import { sortTasks } from './sortTasks.js';
import type { ParsedQuery, QueryContext, QueryResult } from './types.js';

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
  const facts = new RunFacts(today, ctx.globalFilter ?? null);
  const predicates: Predicate[] = q.filters.map((f) => compileNode(f.node, { today, index, facts }));

  let matching: Task[] = [];
  if (predicates.length === 0) matching = [...index.tasks];
  else if (predicates.length === 1) matching = index.tasks.filter(predicates[0]!);
  else {
    // Filter line by line, as Tasks does: each pass sees only what the previous ones kept.
    let current: readonly Task[] = index.tasks;
    for (const p of predicates) current = current.filter(p);
    matching = current as Task[];
  }

  const sorted = sortTasks(matching, q.sorters, facts, index);
  const limited = q.limit === null ? sorted : sorted.slice(0, q.limit);
  let groups = groupTasks(limited, q.groupers, facts, index);
  let totalTasks = limited.length;
  if (q.groupLimit !== null && q.groupers.length > 0) {
    const n = q.groupLimit;
    groups = groups.map((g) => ({ headings: g.headings, tasks: g.tasks.slice(0, n) }));
    totalTasks = new Set(groups.flatMap((g) => g.tasks)).size;
  } else if (q.groupers.length > 0) {
    totalTasks = new Set(groups.flatMap((g) => g.tasks)).size;
  }
  return { groups, totalTasks, totalMatching: matching.length, layout: q.layout, explanation, errors: [] };
}
