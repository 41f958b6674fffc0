import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainQuery, parseQuery, runQuery } from '../../../../core/tasks/query/index.js';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { makeTask } from './makeTask.js';

const fragments = ['(', ')', '[', ']', '"', ' AND ', ' OR ', ' NOT ', 'XOR', 'due', 'before', 'today', 'done', 'not done',
  'tags include #a', '\\', '\n', '#', '{{', '}}', 'sort by', 'group by', 'limit', '/x/', 'regex matches', 'is blocked', ' '];

describe('properties', () => {
  it('parseQuery and explainQuery never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(fc.constantFrom(...fragments)).map((a) => a.join(''))), (source) => {
        const q = parseQuery(source, { today: '2022-10-21' });
        explainQuery(q, { today: '2022-10-21' });
        for (const e of q.errors) expect(e.message).toContain(`(line ${e.line})`);
      }),
      { numRuns: 500 },
    );
  });

  const filters = ['done', 'due before 2022-10-21', 'tags include #a', 'priority is high', 'is recurring', 'has due date', 'description includes 1'];
  const tasks = Array.from({ length: 40 }, (_, i) =>
    makeTask({
      description: `t${i}`,
      status: i % 4 === 0 ? 'DONE' : 'TODO',
      due: i % 3 === 0 ? `2022-10-${String(10 + (i % 20)).padStart(2, '0')}` : undefined,
      tags: i % 2 ? ['a'] : [],
      priority: i % 5 === 0 ? 'high' : 'normal',
      recurrence: i % 7 === 0 ? 'every day' : undefined,
    }),
  );
  const index = buildTaskIndex(tasks);
  const ids = (source: string) =>
    new Set(runQuery(parseQuery(source), index, { today: '2022-10-21' }).groups.flatMap((g) => g.tasks));

  it('NOT (f) is the complement of f; AND is intersection, OR union, XOR symmetric difference', () => {
    fc.assert(
      fc.property(fc.constantFrom(...filters), fc.constantFrom(...filters), (a, b) => {
        const A = ids(a);
        const B = ids(b);
        const not = ids(`NOT (${a})`);
        expect(not.size + A.size).toBe(tasks.length);
        for (const t of A) expect(not.has(t)).toBe(false);
        expect([...ids(`(${a}) AND (${b})`)].sort()).toEqual([...A].filter((t) => B.has(t)).sort());
        expect(ids(`(${a}) OR (${b})`).size).toBe(new Set([...A, ...B]).size);
        expect(ids(`(${a}) XOR (${b})`).size).toBe([...A].filter((t) => !B.has(t)).length + [...B].filter((t) => !A.has(t)).length);
        expect(ids(`${a}\n${b}`)).toEqual(ids(`(${a}) AND (${b})`));
      }),
    );
  });
});

describe('at scale', () => {
  it('50,000 tasks: filter, sort, group and limit give the expected counts', () => {
    const many = Array.from({ length: 50_000 }, (_, i) =>
      makeTask({
        description: `task ${i}`,
        path: `folder${i % 50}/note${i % 700}.md`,
        line: i,
        status: i % 5 === 0 ? 'DONE' : 'TODO',
        due: i % 2 ? `2022-10-${String(1 + (i % 28)).padStart(2, '0')}` : undefined,
        tags: i % 3 === 0 ? ['x'] : [],
      }),
    );
    const r = runQuery(parseQuery('not done\ndue before 2022-10-15\n(tags include #x) OR (description regex matches /7$/)\nsort by due\ngroup by folder\nlimit groups 3'), buildTaskIndex(many), { today: '2022-10-21' });
    const expected = many.filter((t) => t.status.type !== 'DONE' && t.dates.due !== null && t.dates.due < '2022-10-15' && (t.tags.includes('x') || /7$/.test(t.description)));
    expect(r.totalMatching).toBe(expected.length);
    expect(r.groups.length).toBe(new Set(expected.map((t) => t.path.split('/')[0])).size);
    expect(r.groups.every((g) => g.tasks.length <= 3)).toBe(true);
    for (const g of r.groups) {
      const dues = g.tasks.map((t) => t.dates.due!);
      expect(dues).toEqual([...dues].sort());
    }
  });
});
