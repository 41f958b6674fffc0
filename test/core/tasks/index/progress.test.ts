import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { makeTask, outline } from './makeTask.js';

describe('progress roll-up', () => {
  it('is null for a task without subtasks', () => {
    const tasks = outline('[ ] leaf');
    expect(buildTaskIndex(tasks).progress(tasks[0]!)).toBeNull();
  });

  it('counts direct children', () => {
    const tasks = outline(`
[ ] parent
  [x] one
  [ ] two
  [-] three`);
    expect(buildTaskIndex(tasks).progress(tasks[0]!)).toEqual({ done: 2, total: 3 });
  });

  it('counts the whole nested subtree, and each level its own', () => {
    const tasks = outline(`
[ ] epic
  [ ] story
    [x] step1
    [x] step2
    [ ] step3
  [x] story2
    [x] step4
[ ] next`);
    const index = buildTaskIndex(tasks);
    expect(index.progress(tasks[0]!)).toEqual({ done: 4, total: 6 });
    expect(index.progress(tasks[1]!)).toEqual({ done: 2, total: 3 });
    expect(index.progress(tasks[5]!)).toEqual({ done: 1, total: 1 });
    expect(index.progress(tasks[7]!)).toBeNull();
  });

  it('includes children named by [parent:: id], with their own subtrees, from other files', () => {
    const epic = makeTask({ path: 'epic.md', line: 0, id: 'epic' });
    const local = makeTask({ path: 'epic.md', line: 1, indentParentLine: 0, symbol: 'x' });
    const remote = outline(
      `
[ ] remote ^epic
  [x] r1
  [ ] r2`,
      'team/remote.md',
    );
    const index = buildTaskIndex([epic, local, ...remote]);
    expect(index.childrenOf(epic)).toEqual([local, remote[0]]);
    expect(index.progress(epic)).toEqual({ done: 2, total: 4 });
    expect(index.progress(remote[0]!)).toEqual({ done: 1, total: 2 });
  });

  it('counts a failed subtask as not done', () => {
    const tasks = outline(`
[ ] parent
  [F] failed
  [x] done`);
    expect(buildTaskIndex(tasks).progress(tasks[0]!)).toEqual({ done: 1, total: 2 });
  });

  it('stays finite when parent links loop', () => {
    const tasks = outline(`
[ ] a ^c
[ ] b ^a
[ ] c ^b`);
    const index = buildTaskIndex(tasks);
    expect(index.progress(tasks[0]!)).toEqual({ done: 0, total: 2 });
  });
});
