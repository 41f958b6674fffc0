import { expect } from 'vitest';
import { parseQuery, runQuery } from '../../../../core/tasks/query/index.js';
import type { QueryResult } from '../../../../core/tasks/query/index.js';
import type { Task } from '../../../../core/tasks/types.js';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';

/** Tasks' documentation examples use Friday 2022-10-21 as today; so do we. */
export const TODAY = '2022-10-21';

export function run(source: string, tasks: Task[], today = TODAY): QueryResult {
  const query = parseQuery(source, { today });
  expect(query.errors).toEqual([]);
  return runQuery(query, buildTaskIndex(tasks), { today });
}

/** Descriptions of the matching tasks, in result order (all groups). */
export function matching(source: string, tasks: Task[], today = TODAY): string[] {
  return run(source, tasks, today).groups.flatMap((g) => g.tasks.map((t) => t.description));
}

export function errorsOf(source: string): string[] {
  return parseQuery(source, { today: TODAY }).errors.map((e) => e.message);
}
