import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { ids, makeTask, outline } from './makeTask.js';

describe('task index: identity', () => {
  it('names a task path:line with a one-based line and finds it by that key', () => {
    const t = makeTask({ path: 'a/b.md', line: 0, id: 'x' });
    const index = buildTaskIndex([t]);
    expect(index.keyOf(t)).toBe('a/b.md:1');
    expect(index.get('a/b.md:1')).toBe(t);
    expect(index.get('a/b.md:2')).toBeUndefined();
  });

  it('keeps the tasks as given', () => {
    const tasks = [makeTask({ path: 'z.md', line: 3 }), makeTask({ path: 'a.md', line: 1 })];
    expect(buildTaskIndex(tasks).tasks).toEqual(tasks);
  });

  it('lists every task carrying an id, by path and line', () => {
    const a = makeTask({ path: 'b.md', line: 4, id: 'x' });
    const b = makeTask({ path: 'a.md', line: 9, id: 'x' });
    const c = makeTask({ path: 'a.md', line: 2, id: 'y' });
    const index = buildTaskIndex([a, b, c]);
    expect(index.byId('x')).toEqual([b, a]);
    expect(index.byId('y')).toEqual([c]);
    expect(index.byId('nope')).toEqual([]);
  });

  it('answers for an equal task object re-parsed at the same place', () => {
    const [a, b] = outline(`
[ ] a
[ ] b <- a`);
    const index = buildTaskIndex([a!, b!]);
    const copy = { ...b! };
    expect(index.isBlocked(copy)).toBe(true);
    expect(ids(index.dependenciesOf(copy))).toEqual(['a']);
  });

  it('answers harmlessly for a task it does not know', () => {
    const index = buildTaskIndex(outline('[ ] a'));
    const stranger = makeTask({ path: 'elsewhere.md', line: 0, dependsOn: ['a'] });
    expect(index.parentOf(stranger)).toBeNull();
    expect(index.childrenOf(stranger)).toEqual([]);
    expect(index.dependenciesOf(stranger)).toEqual([]);
    expect(index.isBlocked(stranger)).toBe(false);
    expect(index.progress(stranger)).toBeNull();
    expect(index.state(stranger)).toBe('Pending');
  });

  it('builds an empty index', () => {
    const index = buildTaskIndex([]);
    expect(index.tasks).toEqual([]);
    expect(index.ready()).toEqual([]);
    expect(index.criticalPath()).toEqual([]);
    expect(index.diagnostics).toEqual([]);
  });
});

describe('task index: hierarchy', () => {
  it('takes the parent from indentation in the same file', () => {
    const tasks = outline(`
[ ] root
  [ ] child
    [ ] grandchild
  [ ] second
[ ] other`);
    const index = buildTaskIndex(tasks);
    const [root, child, grandchild, second, other] = tasks;
    expect(index.parentOf(child!)).toBe(root);
    expect(index.parentOf(grandchild!)).toBe(child);
    expect(index.parentOf(second!)).toBe(root);
    expect(index.parentOf(root!)).toBeNull();
    expect(index.childrenOf(root!)).toEqual([child, second]);
    expect(index.childrenOf(other!)).toEqual([]);
  });

  it('prefers a [parent:: id] that resolves, even in another file', () => {
    const epic = makeTask({ path: 'epics.md', line: 0, id: 'epic' });
    const tasks = outline(`
[ ] local
  [ ] moved ^epic`);
    const index = buildTaskIndex([epic, ...tasks]);
    expect(index.parentOf(tasks[1]!)).toBe(epic);
    expect(index.childrenOf(epic)).toEqual([tasks[1]]);
    expect(index.childrenOf(tasks[0]!)).toEqual([]);
  });

  it('warns about an unknown parent id and falls back to indentation', () => {
    const tasks = outline(`
[ ] local
  [ ] lost ^ghost
[ ] orphan ^ghost2`);
    const index = buildTaskIndex(tasks);
    expect(index.parentOf(tasks[1]!)).toBe(tasks[0]);
    expect(index.parentOf(tasks[2]!)).toBeNull();
    const unknown = index.diagnostics.filter((d) => d.code === 'unknown-parent');
    expect(unknown).toHaveLength(2);
    expect(unknown[0]!.severity).toBe('warning');
    expect(unknown[0]!.message).toContain("'ghost'");
    expect(unknown[0]!.message).toContain('notes/project.md:1');
    expect(unknown[1]!.message).toContain('top-level');
    const t = tasks[1]!;
    const field = t.fields.find((f) => f.key === 'parent')!;
    expect(unknown[0]!.range).toEqual({ start: { line: 1, character: field.start }, end: { line: 1, character: field.end } });
  });

  it('ignores a parent link that would make a task its own ancestor', () => {
    const tasks = outline(`
[ ] a ^b
  [ ] b
[ ] self ^self`);
    const index = buildTaskIndex(tasks);
    expect(index.parentOf(tasks[0]!)).toBeNull();
    expect(index.parentOf(tasks[1]!)).toBe(tasks[0]);
    expect(index.parentOf(tasks[2]!)).toBeNull();
    const loops = index.diagnostics.filter((d) => d.message.startsWith('Parent cycle'));
    expect(loops.map((d) => d.message.split('.')[0])).toEqual(['Parent cycle: a → b → a', 'Parent cycle: self → self']);
    expect(loops.every((d) => d.severity === 'warning' && d.code === 'dependency-cycle')).toBe(true);
  });

  it('breaks a parent loop spread over several files at the first place', () => {
    const a = makeTask({ path: 'a.md', line: 0, id: 'a', parentId: 'c' });
    const b = makeTask({ path: 'b.md', line: 0, id: 'b', parentId: 'a' });
    const c = makeTask({ path: 'c.md', line: 0, id: 'c', parentId: 'b' });
    const index = buildTaskIndex([c, b, a]);
    expect(index.parentOf(a)).toBeNull();
    expect(index.parentOf(b)).toBe(a);
    expect(index.parentOf(c)).toBe(b);
    expect(index.diagnostics.map((d) => d.path)).toEqual(['a.md']);
  });
});
