import { describe, expect, it } from 'vitest';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { TaskIndexer } from '../../../../core/tasks/taskIndexIncremental.js';
import type { Task, TaskIndex } from '../../../../core/tasks/types.js';
import { Workspace } from '../../../../core/workspace/workspace.js';
import { defaultTaskSettings } from '../../../../core/tasks/statuses.js';
import { parseQuery } from '../../../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../../../core/tasks/query/runQuery.js';
import { taskColumns } from '../../../../core/tasks/query/taskColumns.js';
import { makeTask } from './makeTask.js';

/** Queries reading every kind of per-task column (dates, texts, tags, codes, urgency) and the index's own facts. */
const queries = [
  'not done\nsort by due',
  'description includes TASK\nsort by description',
  'tags include #a\nsort by urgency',
  'path includes b\ngroup by priority',
  'heading includes note\nsort by status.type\nsort by priority',
  'has scheduled date\nsort by scheduled reverse',
  'is blocked\nsort by path',
  'is not blocked\nsort by urgency\ngroup by filename',
  'id includes k1\nsort by start',
  'happens before 2024-06-01\nsort by happens',
  'tags do not include #b\nsort by tag',
].map((source) => parseQuery(source));

function queryAnswers(index: TaskIndex, today: string): string[] {
  return queries.map((q) => {
    const result = runQuery(q, index, { today });
    return JSON.stringify([result.totalMatching, result.errors, result.groups.map((g) => [g.headings, g.tasks.map((t) => index.keyOf(t))])]);
  });
}

/** A small seeded generator (mulberry32), so a failure replays exactly. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}

const paths = ['a.md', 'b.md', 'c/d.md', 'c.md', 'e.md', 'z.ts'];
const symbols = [' ', ' ', ' ', 'x', '/', '-', 'F', 'h', 'n'];

function randomFile(r: ReturnType<typeof random>, path: string, ids: number): Task[] {
  const count = r.int(7);
  const tasks: Task[] = [];
  let line = r.int(3);
  for (let i = 0; i < count; i++) {
    const id = () => (r.next() < 0.05 ? '' : `k${r.int(ids)}`);
    const dependsOn = Array.from({ length: r.int(4) }, id);
    const earlier = tasks.filter(() => r.next() < 0.3);
    tasks.push(
      makeTask({
        path,
        line,
        id: r.next() < 0.75 ? id() : null,
        symbol: r.pick(symbols),
        dependsOn,
        parentId: r.next() < 0.25 ? id() : null,
        indentParentLine: earlier.length > 0 && r.next() < 0.5 ? earlier[earlier.length - 1]!.line : r.next() < 0.05 ? line + 1 : null,
        role: r.next() < 0.1 ? (r.next() < 0.5 ? 'lead' : ' ') : null,
      }),
    );
    line += 1 + r.int(2);
  }
  return tasks;
}

/** Every answer of `actual` equals `expected`'s, for the index's own tasks and for tasks from outside. */
function expectSameIndex(actual: TaskIndex, expected: TaskIndex, outsiders: readonly Task[], ids: number): void {
  const keys = (list: readonly Task[]) => list.map((t) => `${actual.keyOf(t)}#${expected.tasks.indexOf(t)}`);
  expect(actual.tasks).toEqual(expected.tasks);
  actual.tasks.forEach((t, i) => expect(t).toBe(expected.tasks[i]));
  for (const task of [...expected.tasks, ...outsiders]) {
    const key = expected.keyOf(task);
    expect(actual.keyOf(task)).toBe(key);
    expect(actual.get(key)).toBe(expected.get(key));
    const parent = actual.parentOf(task);
    expect(parent === null ? null : keys([parent])).toEqual(expected.parentOf(task) === null ? null : keys([expected.parentOf(task)!]));
    expect(keys(actual.childrenOf(task)), `children of ${key}`).toEqual(keys(expected.childrenOf(task)));
    expect(keys(actual.dependenciesOf(task)), `dependencies of ${key}`).toEqual(keys(expected.dependenciesOf(task)));
    expect(keys(actual.dependentsOf(task)), `dependents of ${key}`).toEqual(keys(expected.dependentsOf(task)));
    expect(actual.isBlocked(task), `blocked ${key}`).toBe(expected.isBlocked(task));
    expect(actual.isBlocking(task), `blocking ${key}`).toBe(expected.isBlocking(task));
    expect(keys(actual.blockersOf(task)), `blockers of ${key}`).toEqual(keys(expected.blockersOf(task)));
    expect(actual.state(task), `state of ${key}`).toBe(expected.state(task));
    expect(actual.progress(task), `progress of ${key}`).toEqual(expected.progress(task));
  }
  for (let i = 0; i <= ids; i++) expect(keys(actual.byId(`k${i}`))).toEqual(keys(expected.byId(`k${i}`)));
  expect(actual.byId('')).toEqual(expected.byId(''));
  expect(actual.get('nowhere.md:1')).toBe(expected.get('nowhere.md:1'));
  expect(actual.get('a.md')).toBe(expected.get('a.md'));
  expect(keys(actual.ready())).toEqual(keys(expected.ready()));
  expect(keys(actual.criticalPath())).toEqual(keys(expected.criticalPath()));
  expect(actual.diagnostics).toEqual(expected.diagnostics);
}

function freshBuild(files: Map<string, Task[]>): TaskIndex {
  const tasks: Task[] = [];
  for (const path of [...files.keys()].sort()) tasks.push(...files.get(path)!);
  return buildTaskIndex(tasks);
}

describe('TaskIndexer (incremental) against a fresh build', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}: random edits, additions and removals`, () => {
      const r = random(seed);
      const ids = 4 + r.int(8);
      const files = new Map<string, Task[]>();
      const indexer = new TaskIndexer();
      const older: { index: TaskIndex; files: Map<string, Task[]> }[] = [];
      for (let step = 0; step < 25; step++) {
        const path = r.pick(paths);
        const op = r.next();
        if (op < 0.2) {
          files.delete(path);
          indexer.removeFile(path);
        } else if (op < 0.5 && files.has(path)) {
          // A status toggle or text edit: every task keeps its place, ids and links (the facts are patched).
          const tasks = files.get(path)!.map((t) =>
            r.next() < 0.5
              ? t
              : makeTask({ path: t.path, line: t.line, id: t.id, dependsOn: t.dependsOn, parentId: t.parentId, indentParentLine: t.indentParentLine, symbol: r.pick(symbols), role: r.next() < 0.2 ? 'lead' : t.role, description: r.next() < 0.5 ? t.description : `edited ${'x'.repeat(r.int(9))}` }),
          );
          files.set(path, tasks);
          indexer.setFile(path, tasks);
        } else {
          const tasks = op < 0.3 ? [] : randomFile(r, path, ids);
          if (tasks.length === 0) files.delete(path);
          else files.set(path, tasks);
          indexer.setFile(path, tasks);
        }
        // Sometimes the facts are made ahead in steps, left unfinished or not, before the change after.
        if (r.next() < 0.3) indexer.prepareFacts(() => r.next() < 0.5);
        const index = indexer.index();
        const expected = freshBuild(files);
        const all = expected.tasks;
        // Tasks from outside: a copy at an indexed place, and one at a place nobody holds.
        const outsiders: Task[] = [];
        if (all.length > 0) outsiders.push({ ...r.pick(all) });
        outsiders.push(makeTask({ path: r.pick(paths), line: 99, dependsOn: ['k1'], id: 'k0' }));
        // Ask the cheap questions first (the lazy full build must not be needed for them).
        if (all.length > 0) index.isBlocked(r.pick(all));
        expectSameIndex(index, expected, outsiders, ids);
        expect(indexer.index()).toBe(index);
        if (r.next() < 0.3) older.push({ index, files: new Map(files) });
      }
      // An index handed out earlier still answers for the tasks it was built over.
      for (const old of older) expectSameIndex(old.index, freshBuild(old.files), [], ids);
    });
  }

  it('an older index asked for the first time after later changes answers for its own tasks', () => {
    const indexer = new TaskIndexer();
    const a = [makeTask({ path: 'a.md', line: 0, id: 'x' }), makeTask({ path: 'a.md', line: 1, dependsOn: ['x'] })];
    indexer.setFile('a.md', a);
    const first = indexer.index();
    indexer.setFile('a.md', [makeTask({ path: 'a.md', line: 0, id: 'x', symbol: 'x' }), makeTask({ path: 'a.md', line: 1, dependsOn: ['x'] })]);
    expect(first.isBlocked(a[1]!)).toBe(true);
    expect(indexer.index().isBlocked(indexer.index().tasks[1]!)).toBe(false);
  });

  it('a file holding tasks of another path still answers as a fresh build of the same tasks', () => {
    const indexer = new TaskIndexer();
    const a = [makeTask({ path: 'a.md', line: 0, id: 'x' }), makeTask({ path: 'a.md', line: 1, dependsOn: ['x', 'y'] })];
    const z = [makeTask({ path: 'b.md', line: 0, id: 'y' }), makeTask({ path: 'a.md', line: 0, id: 'x', dependsOn: ['y'] })];
    const files = new Map<string, Task[]>([['a.md', a]]);
    indexer.setFile('a.md', a);
    expectSameIndex(indexer.index(), freshBuild(files), [], 3);
    indexer.setFile('z.md', z);
    files.set('z.md', z);
    expectSameIndex(indexer.index(), freshBuild(files), [], 3);
    const c = [makeTask({ path: 'c.md', line: 0, dependsOn: ['x'] })];
    indexer.setFile('c.md', c);
    files.set('c.md', c);
    expectSameIndex(indexer.index(), freshBuild(files), [], 3);
    indexer.removeFile('z.md');
    files.delete('z.md');
    expectSameIndex(indexer.index(), freshBuild(files), [], 3);
  });

  it('facts made ahead in steps are the ones the index answers from', () => {
    const indexer = new TaskIndexer();
    const tasks = [makeTask({ path: 'a.md', line: 0, id: 'k1', dependsOn: ['k2'] }), makeTask({ path: 'a.md', line: 1, id: 'k2', dependsOn: ['k1'] })];
    indexer.setFile('a.md', tasks);
    let steps = 0;
    while (!indexer.prepareFacts(() => true)) steps++;
    expect(steps).toBeGreaterThan(2);
    expect(indexer.index().diagnostics).toEqual(buildTaskIndex(tasks).diagnostics);
    expect(indexer.prepareFacts(() => true)).toBe(true);
  });

  it('a file without tasks before and after keeps the same index object', () => {
    const indexer = new TaskIndexer();
    indexer.setFile('a.md', [makeTask({ path: 'a.md', line: 0 })]);
    const index = indexer.index();
    indexer.setFile('empty.md', []);
    indexer.removeFile('missing.md');
    expect(indexer.index()).toBe(index);
  });
});

describe('Workspace.taskIndex() after edits', () => {
  it.each([7, 8, 9, 10])('seed %i: equals a fresh build of all tasks after edits, removals and renames, and is the same object between reads', (seed) => {
    const r = random(seed);
    const workspace = new Workspace(defaultTaskSettings());
    const notes = ['a.md', 'b.md', 'c/d.md', 'e.md'];
    for (let step = 0; step < 30; step++) {
      const path = r.pick(notes);
      if (r.next() < 0.15) workspace.remove(path);
      else if (r.next() < 0.15) workspace.rename(path, r.pick(notes));
      else {
        const lines = Array.from({ length: r.int(5) }, (_, i) => {
          const sym = r.pick([' ', 'x', '/']);
          const id = r.next() < 0.7 ? ` 🆔 k${r.int(6)}` : '';
          const dep = r.next() < 0.5 ? ` ⛔ k${r.int(6)}` : '';
          const parent = r.next() < 0.2 ? ` [parent:: k${r.int(6)}]` : '';
          const date = (emoji: string) => (r.next() < 0.3 ? ` ${emoji} 2024-0${1 + r.int(9)}-1${r.int(10)}` : '');
          const tags = r.next() < 0.3 ? ` #${r.pick(['a', 'b', 'A'])}` : '';
          const priority = r.next() < 0.2 ? ` ${r.pick(['⏫', '🔼', '🔽'])}` : '';
          return `${i > 0 && r.next() < 0.4 ? '  ' : ''}- [${sym}] Task ${step}.${i}${tags}${parent}${id}${dep}${date('📅')}${date('⏳')}${date('🛫')}${priority}`;
        });
        workspace.setText(path, `# Note\n\n${lines.join('\n')}\n`);
      }
      const index = workspace.taskIndex();
      const tasks: Task[] = [];
      for (const file of [...workspace.files()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) tasks.push(...file.tasks);
      const fresh = buildTaskIndex(tasks);
      expectSameIndex(index, fresh, [], 6);
      expect(workspace.taskIndex()).toBe(index);
      // Query columns carried over from the previous index give the answers of cold columns.
      if (step % 3 !== 2) {
        const today = r.pick(['2024-03-15', '2024-06-01']);
        expect(queryAnswers(index, today)).toEqual(queryAnswers(fresh, today));
      }
    }
  });
});

describe('facts made in steps at scale', () => {
  // More tasks than one step's pass covers (stepTasks), so every pass stops and resumes.
  function bigVault(seed: number): Map<string, Task[]> {
    const r = random(seed);
    const files = new Map<string, Task[]>();
    for (let f = 0; f < 3500; f++) {
      const path = `n${String(f).padStart(4, '0')}.md`;
      files.set(path, randomFile(r, path, 3000));
    }
    return files;
  }

  it('in steps of one each, equals a fresh build, and the columns read states and blocked from the facts', () => {
    const files = bigVault(3);
    const indexer = new TaskIndexer();
    for (const [path, tasks] of files) indexer.setFile(path, tasks);
    let steps = 0;
    while (!indexer.prepareFacts(() => true)) steps++;
    const index = indexer.index();
    const expected = buildTaskIndex([...files.values()].flat());
    expect(index.tasks.length).toBeGreaterThan(2 * 4096);
    expect(steps).toBeGreaterThan(12);
    expect(index.diagnostics).toEqual(expected.diagnostics);
    expect(index.ready()).toEqual(expected.ready());
    expect(index.tasks.map((t) => index.parentOf(t))).toEqual(expected.tasks.map((t) => expected.parentOf(t)));
    const columns = taskColumns(index);
    expect(columns.states()).toEqual(index.tasks.map((t) => expected.state(t)));
    expect([...columns.flag('blocked')]).toEqual(index.tasks.map((t) => (expected.isBlocked(t) ? 1 : 0)));
    expect([...columns.flag('blocking')]).toEqual(index.tasks.map((t) => (expected.isBlocking(t) ? 1 : 0)));
  });

  it('the columns of an index whose facts are not made ask task by task, with the same answers', () => {
    const files = bigVault(4);
    const indexer = new TaskIndexer();
    for (const [path, tasks] of files) indexer.setFile(path, tasks);
    const index = indexer.index();
    const columns = taskColumns(index);
    const states = columns.states();
    const blocked = [...columns.flag('blocked')];
    const expected = buildTaskIndex([...files.values()].flat());
    expect(states).toEqual(index.tasks.map((t) => expected.state(t)));
    expect(blocked).toEqual(index.tasks.map((t) => (expected.isBlocked(t) ? 1 : 0)));
  });
});
