import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import type { Task } from '../../../../core/tasks/types.js';
import { ids, makeTask, outline } from './makeTask.js';

function byName(tasks: Task[]): Record<string, Task> {
  return Object.fromEntries(tasks.map((t) => [t.id!, t]));
}

describe('dependencies: chains', () => {
  const tasks = outline(`
[ ] a
[ ] b <- a
[ ] c <- b
[ ] d <- c`);
  const index = buildTaskIndex(tasks);
  const { a, b, c, d } = byName(tasks);

  it('resolves direct dependencies and dependents', () => {
    expect(ids(index.dependenciesOf(d!))).toEqual(['c']);
    expect(ids(index.dependentsOf(a!))).toEqual(['b']);
    expect(index.dependenciesOf(a!)).toEqual([]);
  });

  it('blocks every task after the first, and every task but the last is blocking', () => {
    expect(tasks.map((t) => index.isBlocked(t))).toEqual([false, true, true, true]);
    expect(tasks.map((t) => index.isBlocking(t))).toEqual([true, true, true, false]);
  });

  it('lists blockers transitively, nearest first', () => {
    expect(ids(index.blockersOf(d!))).toEqual(['c', 'b', 'a']);
    expect(ids(index.blockersOf(b!))).toEqual(['a']);
    expect(index.blockersOf(a!)).toEqual([]);
  });

  it('derives the Blocked state', () => {
    expect(tasks.map((t) => index.state(t))).toEqual(['Pending', 'Blocked', 'Blocked', 'Blocked']);
    void c;
  });
});

describe('dependencies: done dependencies unblock', () => {
  it('a done, cancelled or non-task dependency does not block', () => {
    const tasks = outline(`
[x] a
[-] b
[n] c
[ ] d <- a, b, c`);
    const index = buildTaskIndex(tasks);
    expect(index.isBlocked(tasks[3]!)).toBe(false);
    expect(index.blockersOf(tasks[3]!)).toEqual([]);
    expect(tasks.slice(0, 3).map((t) => index.isBlocking(t))).toEqual([false, false, false]);
  });

  it('a failed dependency is not done, so it still blocks', () => {
    const tasks = outline(`
[F] a
[ ] b <- a`);
    const index = buildTaskIndex(tasks);
    expect(index.isBlocked(tasks[1]!)).toBe(true);
    expect(index.isBlocking(tasks[0]!)).toBe(true);
  });

  it('a done task is neither blocked nor blocking', () => {
    const tasks = outline(`
[ ] a
[x] b <- a
[x] c
[x] d <- c`);
    const index = buildTaskIndex(tasks);
    expect(index.isBlocked(tasks[1]!)).toBe(false);
    expect(index.isBlocking(tasks[0]!)).toBe(false);
    expect(index.isBlocking(tasks[2]!)).toBe(false);
    expect(index.state(tasks[1]!)).toBe('Completed');
  });

  it('a done link ends the chain: what it waited for no longer blocks', () => {
    const tasks = outline(`
[ ] a
[x] b <- a
[ ] c <- b`);
    const index = buildTaskIndex(tasks);
    expect(index.isBlocked(tasks[2]!)).toBe(false);
    expect(index.blockersOf(tasks[2]!)).toEqual([]);
  });

  it('completing the middle of a chain unblocks only its direct dependents', () => {
    const tasks = outline(`
[ ] a
[x] b <- a
[ ] c <- b
[ ] d <- c`);
    const index = buildTaskIndex(tasks);
    expect(tasks.map((t) => index.isBlocked(t))).toEqual([false, false, false, true]);
    expect(ids(index.blockersOf(tasks[3]!))).toEqual(['c']);
  });
});

describe('dependencies: diamonds', () => {
  const tasks = outline(`
[ ] top
[ ] left <- top
[ ] right <- top
[ ] bottom <- left, right`);
  const index = buildTaskIndex(tasks);
  const { top, left, right, bottom } = byName(tasks);

  it('lists each blocker once, nearest first, in dependency order', () => {
    expect(ids(index.blockersOf(bottom!))).toEqual(['left', 'right', 'top']);
  });

  it('has two dependents on the top', () => {
    expect(ids(index.dependentsOf(top!))).toEqual(['left', 'right']);
  });

  it('unblocks the bottom only when both sides are done', () => {
    const partly = outline(`
[x] top
[x] left <- top
[ ] right <- top
[ ] bottom <- left, right`);
    const i2 = buildTaskIndex(partly);
    expect(i2.isBlocked(partly[3]!)).toBe(true);
    expect(ids(i2.blockersOf(partly[3]!))).toEqual(['right']);
    expect(ids(i2.ready())).toEqual(['right']);
    void left;
    void right;
  });
});

describe('dependencies: unknown ids', () => {
  const tasks = outline(`
[ ] a
[ ] b <- a, ghost, ghost`);
  const index = buildTaskIndex(tasks);

  it('do not block and do not resolve', () => {
    expect(ids(index.dependenciesOf(tasks[1]!))).toEqual(['a']);
    const lone = outline('[ ] z <- nobody');
    const i2 = buildTaskIndex(lone);
    expect(i2.isBlocked(lone[0]!)).toBe(false);
    expect(i2.ready()).toEqual(lone);
  });

  it('are diagnosed once per id, as a warning on the id itself', () => {
    const unknown = index.diagnostics.filter((d) => d.code === 'unknown-dependency');
    expect(unknown).toHaveLength(1);
    const d = unknown[0]!;
    expect(d.severity).toBe('warning');
    expect(d.message).toContain("'ghost'");
    const line = tasks[1]!.lineText;
    expect(line.slice(d.range.start.character, d.range.end.character)).toBe('ghost');
    expect(d.range.start.line).toBe(1);
    expect(d.path).toBe('notes/project.md');
  });
});

describe('dependencies: duplicate ids', () => {
  const first = makeTask({ path: 'a.md', line: 4, id: 'dup' });
  const second = makeTask({ path: 'b.md', line: 0, id: 'dup', symbol: 'x' });
  const third = makeTask({ path: 'b.md', line: 7, id: 'dup' });
  const dependent = makeTask({ path: 'c.md', line: 0, id: 'user', dependsOn: ['dup'] });
  const index = buildTaskIndex([third, dependent, second, first]);

  it('flags every holder after the first (by path and line), naming the first', () => {
    const dups = index.diagnostics.filter((d) => d.code === 'duplicate-id');
    expect(dups.map((d) => `${d.path}:${d.range.start.line}`)).toEqual(['b.md:0', 'b.md:7']);
    expect(dups.every((d) => d.severity === 'error' && d.message.includes('a.md:5'))).toBe(true);
    const idField = third.fields.find((f) => f.key === 'id')!;
    expect(dups[1]!.range.start.character).toBe(idField.start);
    expect(dups[1]!.range.end.character).toBe(idField.end);
  });

  it('makes a dependent wait for all of them', () => {
    expect(index.dependenciesOf(dependent)).toEqual([first, second, third]);
    expect(index.blockersOf(dependent)).toEqual([first, third]);
    expect(index.isBlocked(dependent)).toBe(true);
    expect(index.isBlocking(second)).toBe(false);
  });
});

describe('dependencies: roles and explicit states', () => {
  it('an assigned task is Active; an ON_HOLD one is Blocked without dependencies', () => {
    const tasks = outline(`
[ ] a @coder
[h] b
[/] c
[/] d <- a`);
    const index = buildTaskIndex(tasks);
    expect(tasks.map((t) => index.state(t))).toEqual(['Active', 'Blocked', 'InProgress', 'Blocked']);
    expect(index.isBlocked(tasks[1]!)).toBe(false);
  });
});
