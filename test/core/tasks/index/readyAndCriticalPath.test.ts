import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { ids, makeTask, outline } from './makeTask.js';

describe('ready()', () => {
  it('is every not-done task whose dependencies are all done, by path and line', () => {
    const tasks = outline(`
[x] design
[ ] api <- design
[/] ui <- design
[ ] tests <- api
[ ] docs
[-] dropped
[ ] release <- tests, ui, docs`);
    const index = buildTaskIndex(tasks);
    expect(ids(index.ready())).toEqual(['api', 'ui', 'docs']);
  });

  it('leaves out failed tasks and tasks put on hold', () => {
    const tasks = outline(`
[F] failed
[h] held
[ ] assigned @coder
[/] started`);
    expect(ids(buildTaskIndex(tasks).ready())).toEqual(['assigned', 'started']);
  });

  it('does not wait for unknown ids', () => {
    const tasks = outline('[ ] a <- missing');
    expect(ids(buildTaskIndex(tasks).ready())).toEqual(['a']);
  });

  it('orders across files by path, then line', () => {
    const tasks = [makeTask({ path: 'b.md', line: 0, id: 'b0' }), makeTask({ path: 'a.md', line: 5, id: 'a5' }), makeTask({ path: 'a.md', line: 1, id: 'a1' })];
    expect(ids(buildTaskIndex(tasks).ready())).toEqual(['a1', 'a5', 'b0']);
  });
});

describe('criticalPath()', () => {
  it('follows the longest chain of open work on a small project, first to do first', () => {
    const tasks = outline(`
[x] idea
[ ] spec <- idea
[ ] schema <- spec
[ ] api <- schema
[ ] ui <- spec
[ ] copy
[ ] e2e <- api, ui
[ ] launch <- e2e, copy`);
    expect(ids(buildTaskIndex(tasks).criticalPath())).toEqual(['spec', 'schema', 'api', 'e2e', 'launch']);
  });

  it('breaks ties by path and line, deterministically', () => {
    const tasks = outline(`
[ ] x
[ ] y
[ ] a <- y
[ ] b <- x`);
    const first = ids(buildTaskIndex(tasks).criticalPath());
    expect(first).toEqual(['y', 'a']);
    expect(ids(buildTaskIndex([...tasks].reverse()).criticalPath())).toEqual(first);
  });

  it('prefers the lower predecessor when two chains meet', () => {
    const tasks = outline(`
[ ] p
[ ] q
[ ] end <- q, p`);
    expect(ids(buildTaskIndex(tasks).criticalPath())).toEqual(['p', 'end']);
  });

  it('leaves out done tasks and cycle members', () => {
    const tasks = outline(`
[ ] a <- b
[ ] b <- a
[ ] c <- a
[ ] d <- c
[x] e
[ ] f <- e`);
    expect(ids(buildTaskIndex(tasks).criticalPath())).toEqual(['c', 'd']);
  });

  it('is a single task when nothing depends on anything, and empty when all is done', () => {
    expect(ids(buildTaskIndex(outline('[ ] only\n[ ] other')).criticalPath())).toEqual(['only']);
    expect(buildTaskIndex(outline('[x] a\n[x] b <- a')).criticalPath()).toEqual([]);
  });
});
