import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { ids, makeTask, outline } from './makeTask.js';

const cycleDiagnostics = (tasks: ReturnType<typeof outline>) =>
  buildTaskIndex(tasks).diagnostics.filter((d) => d.code === 'dependency-cycle');

describe('dependency cycles', () => {
  it('a task that depends on itself is a cycle of one', () => {
    const tasks = outline(`
[ ] a <- a
[ ] b <- a`);
    const index = buildTaskIndex(tasks);
    const cycles = index.diagnostics.filter((d) => d.code === 'dependency-cycle');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.severity).toBe('error');
    expect(cycles[0]!.message).toContain('a → a');
    expect(cycles[0]!.range.start.line).toBe(0);
    expect(index.isBlocked(tasks[0]!)).toBe(true);
    expect(ids(index.blockersOf(tasks[0]!))).toEqual(['a']);
    expect(ids(index.blockersOf(tasks[1]!))).toEqual(['a']);
    expect(ids(index.ready())).toEqual([]);
  });

  it('a cycle of two diagnoses both tasks, each from its own side', () => {
    const cycles = cycleDiagnostics(
      outline(`
[ ] a <- b
[ ] b <- a`),
    );
    expect(cycles.map((d) => d.message.split('.')[0])).toEqual(['Dependency cycle: a → b → a', 'Dependency cycle: b → a → b']);
  });

  it('a cycle of three lists the whole loop like a → b → c → a', () => {
    const tasks = outline(`
[ ] a <- b
[ ] b <- c
[ ] c <- a
[ ] outside <- a`);
    const cycles = cycleDiagnostics(tasks);
    expect(cycles).toHaveLength(3);
    expect(cycles[0]!.message).toContain('a → b → c → a');
    expect(cycles[1]!.message).toContain('b → c → a → b');
    expect(cycles[2]!.message).toContain('c → a → b → c');
    // The range is the id in ⛔ that leads round the cycle.
    const line = tasks[0]!.lineText;
    expect(line.slice(cycles[0]!.range.start.character, cycles[0]!.range.end.character)).toBe('b');
  });

  it('cycles among done tasks are still diagnosed; nothing throws', () => {
    const cycles = cycleDiagnostics(
      outline(`
[x] a <- b
[x] b <- a`),
    );
    expect(cycles).toHaveLength(2);
  });

  it('tasks on a cycle are blocked and never ready; a task beside it is unaffected', () => {
    const tasks = outline(`
[ ] a <- b
[ ] b <- a
[ ] free`);
    const index = buildTaskIndex(tasks);
    expect(tasks.map((t) => index.state(t))).toEqual(['Blocked', 'Blocked', 'Pending']);
    expect(ids(index.ready())).toEqual(['free']);
    expect(ids(index.blockersOf(tasks[0]!))).toEqual(['b', 'a']);
  });

  it('a component with several loops gives every member a cycle through itself', () => {
    const tasks = outline(`
[ ] a <- b, c
[ ] b <- a
[ ] c <- d
[ ] d <- a`);
    const cycles = cycleDiagnostics(tasks);
    expect(cycles).toHaveLength(4);
    for (const [i, t] of tasks.entries()) {
      const text = cycles[i]!.message.split(': ')[1]!.split('.')[0]!;
      const names = text.split(' → ');
      expect(names[0]).toBe(t.id);
      expect(names[names.length - 1]).toBe(t.id);
      // A real cycle: each name depends on the next.
      for (let k = 0; k + 1 < names.length; k++) {
        const from = tasks.find((x) => x.id === names[k])!;
        expect(from.dependsOn).toContain(names[k + 1]);
      }
      // Simple: no task repeated inside.
      expect(new Set(names.slice(0, -1)).size).toBe(names.length - 1);
    }
  });

  it('a long cycle is shortened in the message, keeping both ends', () => {
    const n = 40;
    const tasks = Array.from({ length: n }, (_, i) => makeTask({ line: i, id: `t${i}`, dependsOn: [`t${(i + 1) % n}`] }));
    const cycles = buildTaskIndex(tasks).diagnostics.filter((d) => d.code === 'dependency-cycle');
    expect(cycles).toHaveLength(n);
    expect(cycles[5]!.message).toMatch(/^Dependency cycle: t5 → t6 → .* → … \(\d+ more\) … → .* → t4 → t5\./);
    expect(cycles.every((d) => d.message.length < 400)).toBe(true);
  });
});
