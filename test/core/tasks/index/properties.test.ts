import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import type { Task } from '../../../../core/tasks/types.js';
import { makeTask } from './makeTask.js';

const symbols = [' ', ' ', ' ', 'x', '/', '-', 'F', 'h'];

/** A random DAG: task i may depend only on tasks before it. */
const dag = fc
  .integer({ min: 1, max: 30 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
      fc.array(fc.constantFrom(...symbols), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
    ),
  )
  .map(([n, pairs, status, file]) =>
    Array.from({ length: n }, (_, i) =>
      makeTask({
        path: `f${file[i]}.md`,
        line: i,
        id: `t${i}`,
        symbol: status[i]!,
        dependsOn: [...new Set(pairs.filter(([a, b]) => a === i && b < i).map(([, b]) => `t${b}`))],
      }),
    ),
  );

/** Any graph: self-loops, cycles, duplicate and unknown ids, parent links anywhere. */
const anyGraph = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n + 2)), { maxLength: n * 3 }),
      fc.array(fc.constantFrom(...symbols), { minLength: n, maxLength: n }),
      fc.array(fc.nat(n + 2), { minLength: n, maxLength: n }),
      fc.array(fc.option(fc.nat(n + 2)), { minLength: n, maxLength: n }),
      fc.array(fc.option(fc.nat(n)), { minLength: n, maxLength: n }),
    ),
  )
  .map(([n, pairs, status, idOf, parentOf, indentParent]) =>
    Array.from({ length: n }, (_, i) => {
      const ip = indentParent[i];
      return makeTask({
        path: 'g.md',
        line: i,
        // ids drawn from n+3 names: duplicates happen, some names never exist (unknown ids).
        id: `k${idOf[i]}`,
        symbol: status[i]!,
        dependsOn: pairs.filter(([a]) => a === i).map(([, b]) => `k${b}`),
        parentId: parentOf[i] === null || parentOf[i] === undefined ? null : `k${parentOf[i]}`,
        indentParentLine: ip !== null && ip !== undefined && ip < i ? ip : null,
      });
    }),
  );

const isDone = (t: Task) => ['DONE', 'CANCELLED', 'NON_TASK'].includes(t.status.type);

/** Longest chain of not-done tasks by brute force (memoised DFS over a DAG). */
function longestOpenChain(tasks: Task[]): number {
  const byId = new Map(tasks.map((t) => [t.id!, t]));
  const memo = new Map<Task, number>();
  const len = (t: Task): number => {
    if (memo.has(t)) return memo.get(t)!;
    let best = 1;
    for (const d of t.dependsOn) {
      const dep = byId.get(d)!;
      if (!isDone(dep)) best = Math.max(best, 1 + len(dep));
    }
    memo.set(t, best);
    return best;
  };
  return Math.max(0, ...tasks.filter((t) => !isDone(t)).map(len));
}

describe('properties: random DAGs', () => {
  it('the critical path is a valid, longest chain of open tasks', () => {
    fc.assert(
      fc.property(dag, (tasks) => {
        const index = buildTaskIndex(tasks);
        const path = index.criticalPath();
        for (const t of path) expect(isDone(t)).toBe(false);
        for (let i = 0; i + 1 < path.length; i++) expect(index.dependenciesOf(path[i + 1]!)).toContain(path[i]);
        expect(path.length).toBe(longestOpenChain(tasks));
        expect(index.diagnostics.filter((d) => d.code === 'dependency-cycle')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('ready tasks are open with every dependency done; every other open task is blocked, failed or held', () => {
    fc.assert(
      fc.property(dag, (tasks) => {
        const index = buildTaskIndex(tasks);
        const ready = new Set(index.ready());
        for (const t of tasks) {
          const depsDone = index.dependenciesOf(t).every(isDone);
          if (ready.has(t)) {
            expect(isDone(t)).toBe(false);
            expect(depsDone).toBe(true);
          } else if (!isDone(t) && depsDone) {
            expect(['Failed', 'Blocked']).toContain(index.state(t));
          }
          expect(index.isBlocked(t)).toBe(!isDone(t) && !depsDone);
          expect(index.blockersOf(t).length > 0).toBe(index.isBlocked(t));
          for (const b of index.blockersOf(t)) expect(isDone(b)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers do not depend on the order tasks are given in', () => {
    fc.assert(
      fc.property(dag, fc.infiniteStream(fc.nat()), (tasks, noise) => {
        const shuffled = tasks.map((t) => [noise.next().value, t] as const).sort((a, b) => a[0] - b[0]).map(([, t]) => t);
        const a = buildTaskIndex(tasks);
        const b = buildTaskIndex(shuffled);
        expect(b.criticalPath()).toEqual(a.criticalPath());
        expect(b.ready()).toEqual(a.ready());
        expect(b.diagnostics).toEqual(a.diagnostics);
      }),
      { numRuns: 100 },
    );
  });
});

describe('properties: any graph', () => {
  it('never throws, and diagnoses exactly the tasks that sit on a dependency cycle', () => {
    fc.assert(
      fc.property(anyGraph, (tasks) => {
        const index = buildTaskIndex(tasks);
        // Reference: resolve every id to all its holders, then ask "can t reach itself?".
        const holders = new Map<string, Task[]>();
        for (const t of tasks) holders.set(t.id!, [...(holders.get(t.id!) ?? []), t]);
        const next = (t: Task) => t.dependsOn.flatMap((id) => holders.get(id) ?? []);
        const onCycle = (t: Task) => {
          const seen = new Set<Task>();
          const stack = next(t);
          while (stack.length > 0) {
            const u = stack.pop()!;
            if (u === t) return true;
            if (seen.has(u)) continue;
            seen.add(u);
            stack.push(...next(u));
          }
          return false;
        };
        const diagnosed = new Set(
          index.diagnostics.filter((d) => d.code === 'dependency-cycle' && !d.message.startsWith('Parent cycle')).map((d) => d.range.start.line),
        );
        for (const t of tasks) expect(diagnosed.has(t.line)).toBe(onCycle(t));
        // Cycle members never make it onto the critical path or into the ready set.
        for (const t of index.criticalPath()) expect(onCycle(t)).toBe(false);
        // A task on a cycle can still be ready when the cycle runs through a done task.
        for (const t of index.ready()) expect(index.dependenciesOf(t).every(isDone)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the hierarchy is always a forest, and progress counts each subtree', () => {
    fc.assert(
      fc.property(anyGraph, (tasks) => {
        const index = buildTaskIndex(tasks);
        const subtree = (t: Task): { done: number; total: number } => {
          let done = 0;
          let total = 0;
          for (const c of index.childrenOf(t)) {
            const s = subtree(c);
            total += s.total + 1;
            done += s.done + (isDone(c) ? 1 : 0);
          }
          return { done, total };
        };
        for (const t of tasks) {
          // Walking up ends within n steps.
          let steps = 0;
          for (let p = index.parentOf(t); p !== null; p = index.parentOf(p)) expect(++steps).toBeLessThanOrEqual(tasks.length);
          for (const c of index.childrenOf(t)) expect(index.parentOf(c)).toBe(t);
          const expected = subtree(t);
          expect(index.progress(t)).toEqual(expected.total === 0 ? null : expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
