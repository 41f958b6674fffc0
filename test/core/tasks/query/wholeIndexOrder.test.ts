// A run whose sorts rank every task the same whatever is matched filters the index in its
// whole sorted order instead of sorting the matches (sortTasks.ts wholeIndexOrder). These tests
// hold the results to what sorting the matched tasks gives, on one index queried repeatedly.
import { describe, expect, it } from 'vitest';
import { parseQuery, runQuery } from '../../../../core/tasks/query/index.js';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import type { Task } from '../../../../core/tasks/types.js';
import { makeTask } from './makeTask.js';
import { TODAY } from './helpers.js';
import { dayNumber } from '../../../../core/tasks/query/queryDates.js';
import { RunFacts } from '../../../../core/tasks/query/runFacts.js';
import { wholeIndexOrderInSteps } from '../../../../core/tasks/query/sortTasks.js';
import { taskColumns } from '../../../../core/tasks/query/taskColumns.js';

function descriptions(source: string, tasks: Task[], index = buildTaskIndex(tasks), today = TODAY): string[] {
  const query = parseQuery(source, { today });
  expect(query.errors).toEqual([]);
  return runQuery(query, index, { today }).groups.flatMap((g) => g.tasks.map((t) => t.description));
}

const dues = ['2022-11-03', '2022-10-01', '', '2023-02-01', '2022-10-21', '2022-10-99'];
const priorities = ['high', 'low', 'normal', 'medium'] as const;
const tasks: Task[] = Array.from({ length: 40 }, (_, i) =>
  makeTask({
    description: `t${i}`,
    path: `folder/note-${i % 7}.md`,
    priority: priorities[i % priorities.length]!,
    status: i % 5 === 0 ? 'DONE' : 'TODO',
    ...(dues[i % dues.length] ? { due: dues[i % dues.length]! } : {}),
    ...(dues[i % dues.length] === '2022-10-99' ? { invalid: ['due' as const] } : {}),
  }),
);

describe('filtering in the whole-index sort order', () => {
  it('gives the matching subset of the unfiltered order, run after run on one index', () => {
    const index = buildTaskIndex(tasks);
    for (const sorts of ['sort by due', 'sort by priority reverse\nsort by path', 'sort by urgency', '']) {
      const all = descriptions(sorts, tasks, index);
      const notDone = new Set(descriptions('not done', tasks, index));
      const expected = all.filter((d) => notDone.has(d));
      for (let run = 0; run < 3; run++) expect(descriptions(`not done\n${sorts}`, tasks, index)).toEqual(expected);
      expect(descriptions(`not done\n${sorts}\nlimit 4`, tasks, index)).toEqual(expected.slice(0, 4));
    }
  });

  it('keeps the order separate per day (urgency depends on today)', () => {
    const index = buildTaskIndex(tasks);
    const early = descriptions('not done', tasks, buildTaskIndex(tasks), '2022-09-01');
    const late = descriptions('not done', tasks, buildTaskIndex(tasks), '2023-06-01');
    expect(early).not.toEqual(late);
    expect(descriptions('not done', tasks, index, '2022-09-01')).toEqual(early);
    expect(descriptions('not done', tasks, index, '2023-06-01')).toEqual(late);
    expect(descriptions('not done', tasks, index, '2022-09-01')).toEqual(early);
  });

  it('ranks collator-equal texts by first appearance among the matched tasks, not the index', () => {
    // `note-01` and `note-1` compare equal (numeric collation): the one seen first sorts first.
    const tied = [
      makeTask({ description: 'first 01, excluded', path: 'note-01.md', status: 'DONE' }),
      makeTask({ description: 'one', path: 'note-1.md' }),
      makeTask({ description: 'zero one', path: 'note-01.md' }),
    ];
    const index = buildTaskIndex(tied);
    expect(descriptions('sort by path', tied, index)).toEqual(['zero one', 'first 01, excluded', 'one']);
    expect(descriptions('not done\nsort by path', tied, index)).toEqual(['one', 'zero one']);
    expect(descriptions('sort by status\nsort by path', tied, index)).toEqual(['zero one', 'one', 'first 01, excluded']);
    expect(descriptions('path includes note\nsort by path', tied, index)).toEqual(['zero one', 'first 01, excluded', 'one']);
  });
});

describe('the whole-index order made in steps ahead of a run', () => {
  it('gives the same results as a run that sorts from nothing', () => {
    for (const sorts of ['', 'sort by due', 'sort by description\nsort by priority reverse']) {
      const warmed = buildTaskIndex(tasks);
      const query = parseQuery(sorts, { today: TODAY });
      const order = wholeIndexOrderInSteps(query.sorters, new RunFacts(taskColumns(warmed), dayNumber(TODAY)!, null));
      let steps = 0;
      while (!order.next().done) steps++;
      expect(steps).toBeGreaterThan(1);
      for (const filter of ['not done', 'done', '']) {
        expect(descriptions(`${filter}\n${sorts}`, tasks, warmed)).toEqual(descriptions(`${filter}\n${sorts}`, tasks));
      }
    }
  });
});

describe('a day column built in steps', () => {
  it('holds what day() makes, whatever the slice, and is kept for later queries', () => {
    const reference = taskColumns(buildTaskIndex(tasks)).day('due');
    for (const perStep of [1, 7, 40, 1000]) {
      const columns = taskColumns(buildTaskIndex(tasks));
      const steps = columns.dayInSteps('due', perStep);
      let turns = 0;
      let step = steps.next();
      for (; !step.done; step = steps.next()) turns++;
      expect(Array.from(step.value)).toEqual(Array.from(reference));
      expect(turns).toBe(Math.ceil(tasks.length / perStep) - 1);
      expect(columns.day('due')).toBe(step.value);
    }
  });
});
