import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { makeTask } from './makeTask.js';

const N = 50_000;

// No timing assertions: these prove the algorithms are iterative and linear enough to finish.
describe('50,000 tasks', () => {
  it('a single dependency chain builds without stack overflow', () => {
    const tasks = Array.from({ length: N }, (_, i) => makeTask({ path: `n${Math.floor(i / 100)}.md`, line: i % 100, id: `t${i}`, dependsOn: i > 0 ? [`t${i - 1}`] : [] }));
    const index = buildTaskIndex(tasks);
    expect(index.diagnostics).toEqual([]);
    expect(index.criticalPath()).toHaveLength(N);
    expect(index.criticalPath()[0]).toBe(tasks[0]);
    expect(index.ready()).toEqual([tasks[0]]);
    expect(index.blockersOf(tasks[N - 1]!)).toHaveLength(N - 1);
    expect(index.state(tasks[N - 1]!)).toBe('Blocked');
  });

  it('one cycle through all of them is diagnosed on every task, briefly', () => {
    const tasks = Array.from({ length: N }, (_, i) => makeTask({ path: 'big.md', line: i, id: `t${i}`, dependsOn: [`t${(i + 1) % N}`] }));
    const index = buildTaskIndex(tasks);
    const cycles = index.diagnostics.filter((d) => d.code === 'dependency-cycle');
    expect(cycles).toHaveLength(N);
    expect(cycles.every((d) => d.message.length < 400)).toBe(true);
    expect(index.criticalPath()).toEqual([]);
    expect(index.ready()).toEqual([]);
  });

  it('a random graph with many edges, duplicates and unknown ids builds and answers', () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const tasks = Array.from({ length: N }, (_, i) =>
      makeTask({
        path: `notes/${i % 500}.md`,
        line: Math.floor(i / 500),
        id: `t${i}`,
        symbol: random() < 0.3 ? 'x' : ' ',
        dependsOn: Array.from({ length: Math.floor(random() * 4) }, () => `t${Math.floor(random() * N * 1.01)}`),
      }),
    );
    const index = buildTaskIndex(tasks);
    expect(index.criticalPath().length).toBeGreaterThan(1);
    expect(index.ready().length).toBeGreaterThan(0);
    expect(index.diagnostics.some((d) => d.code === 'unknown-dependency')).toBe(true);
    for (const t of tasks.slice(0, 1000)) index.state(t);
  });

  it('a 50,000-deep subtask nesting rolls progress up to the root', () => {
    const tasks = Array.from({ length: N }, (_, i) => makeTask({ path: 'deep.md', line: i, symbol: i % 2 ? 'x' : ' ', indentParentLine: i > 0 ? i - 1 : null }));
    const index = buildTaskIndex(tasks);
    expect(index.progress(tasks[0]!)).toEqual({ done: N / 2, total: N - 1 });
    expect(index.parentOf(tasks[N - 1]!)).toBe(tasks[N - 2]);
  });

  it('a 50,000-long loop of parent links is cut once', () => {
    const tasks = Array.from({ length: N }, (_, i) => makeTask({ path: 'loop.md', line: i, id: `p${i}`, parentId: `p${(i + 1) % N}` }));
    const index = buildTaskIndex(tasks);
    expect(index.diagnostics.filter((d) => d.message.startsWith('Parent cycle'))).toHaveLength(1);
    expect(index.parentOf(tasks[0]!)).toBeNull();
    expect(index.progress(tasks[0]!)).toEqual({ done: 0, total: N - 1 });
  });
});
