import type { Diagnostic, TaskState } from '../../shared-types/index.js';
import { stateOf } from './lifecycle.js';
import { isDoneType } from './statuses.js';
import { computeTaskFacts, indexOverFacts, patchTaskFacts, registerFacts, taskFactsInSteps, taskKey, type TaskFacts } from './taskIndex.js';
import type { Steps } from './steps.js';
import type { Task, TaskIndex } from './types.js';

/** One file's change as an edit of the task array: `remove` tasks at `offset` replaced by `insert`. */
export interface TaskSplice {
  readonly path: string;
  /** Set when the splice is applied. */
  offset?: number;
  readonly remove: number;
  readonly insert: readonly Task[];
}

/**
 * How an index handed out by a TaskIndexer follows from the one before it: the splices that turn
 * the previous `tasks` into its own, in order. Only the newest link is kept (no chain of old
 * indexes stays alive); the query layer reuses the previous index's per-task columns through it.
 */
export const lineage = new WeakMap<TaskIndex, { previous: TaskIndex; splices: readonly TaskSplice[] }>();

const maxSplices = 64;
const maxSpliced = 10_000;

/** Applies one splice to tasks sorted by path (one file's tasks together); returns its offset. */
function spliceIn(tasks: Task[], splice: TaskSplice): number {
  let lo = 0;
  let hi = tasks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tasks[mid]!.path < splice.path) lo = mid + 1;
    else hi = mid;
  }
  tasks.splice(lo, splice.remove, ...splice.insert);
  return lo;
}

/**
 * The task index of a workspace, kept file by file. A file change updates only what is keyed to
 * that file's tasks: its task list, the tasks carrying each id and the tasks depending on each id.
 * The index a read gets answers from these:
 *
 * - at once and without any whole-vault pass: `tasks`, `get`, `byId`, `dependenciesOf`,
 *   `dependentsOf`, `isBlocked`, `isBlocking`, `blockersOf`, `state` (each is a question about one
 *   task's neighbourhood, answered on demand and memoised);
 * - through the whole-graph facts of the same tasks (core/tasks/taskIndex.ts), made on the first
 *   such question: the hierarchy (`parentOf`, `childrenOf`, `progress`), `ready`, `criticalPath`
 *   and `diagnostics` (cycles, duplicate and unknown ids and parents are whole-graph facts). A
 *   change that kept every task's place, id, dependencies and parent links (a status toggle, a
 *   text edit) patches the last facts (patchTaskFacts); any other change builds them afresh.
 *
 * An index handed out stays an exact answer for the tasks it was built over: once the files
 * change, an older index stops reading the shared maps and answers everything from its own full
 * build. A read with no change in between gets the same index object (so the query layer's
 * per-index columns stay warm), and a change that neither had nor has tasks keeps it too.
 */
export class TaskIndexer {
  /** Files that hold tasks: their tasks as given, and in place order (by line, stable). */
  private readonly files = new Map<string, { tasks: readonly Task[]; byLine: readonly Task[] }>();
  /** Paths of `files`, sorted (code-unit order, as `Array.prototype.sort`). */
  private readonly paths: string[] = [];
  /** Tasks carrying each id, by path and line. */
  private readonly holders = new Map<string, Task[]>();
  /** Tasks whose dependencies name each id (each task once per id). */
  private readonly waiters = new Map<string, Task[]>();
  private generation = 0;
  private current: TaskIndex | null = null;
  /** The tasks of the last index handed out, and the file changes since, as splices of it (null: too many to replay). */
  private base: { index: TaskIndex; tasks: readonly Task[] } | null = null;
  private splices: TaskSplice[] | null = [];
  /** Files whose tasks name another path. */
  private readonly foreign = new Set<string>();
  /** The whole-graph facts last built: the next build patches them when the change allows (see patchTaskFacts). */
  private lastFacts: TaskFacts | null = null;
  /** Facts being made in steps by prepareFacts, and the tasks they are for. */
  private factsUnderWay: { tasks: readonly Task[]; steps: Steps<TaskFacts> } | null = null;

  setFile(path: string, tasks: readonly Task[]): void {
    const old = this.files.get(path);
    if (old === undefined && tasks.length === 0) return;
    this.generation++;
    this.current = null;
    // Splices find a file's stretch by its tasks' paths: a file holding tasks of another path
    // (never so in a Workspace) turns them off while it is there.
    if (tasks.some((t) => t.path !== path)) this.foreign.add(path);
    else this.foreign.delete(path);
    if (this.foreign.size > 0) this.splices = null;
    if (this.splices) {
      this.splices.push({ path, remove: old?.tasks.length ?? 0, insert: tasks });
      if (this.splices.length > maxSplices || tasks.length > maxSpliced) this.splices = null;
    }
    if (old !== undefined) this.forget(old.tasks);
    if (tasks.length === 0) {
      this.files.delete(path);
      this.paths.splice(this.pathSlot(path), 1);
      return;
    }
    let inOrder = true;
    for (let i = 1; i < tasks.length && inOrder; i++) inOrder = tasks[i - 1]!.line <= tasks[i]!.line;
    const byLine = inOrder ? tasks : [...tasks].sort((a, b) => a.line - b.line);
    const entry = { tasks, byLine };
    this.files.set(path, entry);
    if (old === undefined) this.paths.splice(this.pathSlot(path), 0, path);
    this.learn(entry.byLine);
  }

  removeFile(path: string): void {
    this.setFile(path, []);
  }

  /** The index of the current tasks; the same object until the next change. */
  index(): TaskIndex {
    if (this.current) return this.current;
    const previous = this.base;
    const splices = this.splices;
    let tasks: Task[];
    if (previous && splices) {
      // Unchanged files keep their stretch of the previous array: copy it, and splice each change in.
      tasks = previous.tasks.slice();
      for (const splice of splices) splice.offset = spliceIn(tasks, splice);
    } else {
      tasks = [];
      for (const path of this.paths) {
        const own = this.files.get(path)!.tasks;
        for (let i = 0; i < own.length; i++) tasks.push(own[i]!);
      }
    }
    const index = this.snapshot(tasks);
    if (previous) lineage.delete(previous.index);
    if (previous && splices && splices.length > 0) lineage.set(index, { previous: previous.index, splices });
    this.base = this.foreign.size === 0 ? { index, tasks } : null;
    this.splices = [];
    return (this.current = index);
  }

  /**
   * Makes the whole-graph facts of the current index a step at a time (see taskFactsInSteps)
   * until `shouldYield()` says to stop; true once they are there, so that the index's first
   * whole-graph question costs nothing more. A change meanwhile starts over on the new tasks.
   */
  prepareFacts(shouldYield: () => boolean): boolean {
    const built = this.current !== null;
    const tasks = this.index().tasks;
    // Making the index (the task array) is a step of its own.
    if (!built && shouldYield()) return false;
    if (this.lastFacts?.tasks === tasks) {
      this.factsUnderWay = null;
      return true;
    }
    if (this.factsUnderWay?.tasks !== tasks) {
      const patched = this.lastFacts && patchTaskFacts(this.lastFacts, tasks);
      if (patched) {
        this.lastFacts = patched;
        this.factsUnderWay = null;
        return true;
      }
      this.factsUnderWay = { tasks, steps: taskFactsInSteps(tasks) };
    }
    for (;;) {
      const step = this.factsUnderWay.steps.next();
      if (step.done) {
        this.lastFacts = step.value;
        this.factsUnderWay = null;
        return true;
      }
      if (shouldYield()) return false;
    }
  }

  /** Whole-graph facts of `tasks`: patched from the last ones when only tasks' text changed, else built. */
  private factsOf(tasks: readonly Task[]): TaskFacts {
    const facts = (this.lastFacts && patchTaskFacts(this.lastFacts, tasks)) ?? computeTaskFacts(tasks);
    this.lastFacts = facts;
    return facts;
  }

  private pathSlot(path: string): number {
    let lo = 0;
    let hi = this.paths.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.paths[mid]! < path) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private forget(tasks: readonly Task[]): void {
    const gone = new Set(tasks);
    const drop = (map: Map<string, Task[]>, key: string) => {
      const list = map.get(key);
      if (!list) return;
      const kept = list.filter((t) => !gone.has(t));
      if (kept.length === 0) map.delete(key);
      else map.set(key, kept);
    };
    for (const task of tasks) {
      if (task.id !== null && task.id !== '') drop(this.holders, task.id);
      for (const id of task.dependsOn) if (id !== '') drop(this.waiters, id);
    }
  }

  /** `tasks` in place order: holders stay sorted by path and line. */
  private learn(tasks: readonly Task[]): void {
    // Made only when an id is held twice: most files add none, and a set per file adds up at 13k files.
    let touched: Set<Task[]> | null = null;
    for (const task of tasks) {
      const id = task.id;
      if (id !== null && id !== '') {
        const list = this.holders.get(id);
        if (list === undefined) this.holders.set(id, [task]);
        else {
          list.push(task);
          (touched ??= new Set()).add(list);
        }
      }
      let previous: string | undefined;
      for (const dep of task.dependsOn) {
        if (dep === '' || dep === previous) continue;
        previous = dep;
        const list = this.waiters.get(dep);
        if (list === undefined) this.waiters.set(dep, [task]);
        else if (list[list.length - 1] !== task) list.push(task);
      }
    }
    if (touched) for (const list of touched) list.sort((a, b) => this.compare(a, b));
  }

  /** Path, then line, then order within the file: the order of a fresh build's nodes. */
  private compare(a: Task, b: Task): number {
    if (a.path !== b.path) return a.path < b.path ? -1 : 1;
    if (a.line !== b.line) return a.line - b.line;
    if (a === b) return 0;
    const tasks = this.files.get(a.path)?.tasks ?? [];
    return tasks.indexOf(a) - tasks.indexOf(b);
  }

  private snapshot(tasks: readonly Task[]): TaskIndex {
    const generation = this.generation;
    // The shared maps look tasks up by file; with a file holding another path's tasks, only the full build is exact.
    const usual = this.foreign.size === 0;
    const live = () => usual && this.generation === generation;
    let whole: TaskIndex | null = null;
    const full = (): TaskIndex => (whole ??= indexOverFacts(this.factsOf(tasks)));
    const none: readonly Task[] = Object.freeze([]);

    const at = (path: string, line: number): Task | undefined => {
      const file = this.files.get(path);
      if (!file) return undefined;
      const byLine = file.byLine;
      let lo = 0;
      let hi = byLine.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (byLine[mid]!.line < line) lo = mid + 1;
        else hi = mid;
      }
      return lo < byLine.length && byLine[lo]!.line === line ? byLine[lo] : undefined;
    };
    // The index's own task for a task given by a caller: itself if indexed, else the task at its place.
    let members: Set<Task> | null = null;
    const resolve = (task: Task): Task | undefined => {
      const placed = at(task.path, task.line);
      if (placed === task) return task;
      members ??= new Set(tasks);
      return members.has(task) ? task : placed;
    };
    const done = (t: Task) => isDoneType(t.status.type);

    const byIdLists = new Map<string, readonly Task[]>();
    const dependencyLists = new Map<Task, readonly Task[]>();
    const dependentLists = new Map<Task, readonly Task[]>();
    const blockerLists = new Map<Task, readonly Task[]>();
    const blockedFlags = new Map<Task, boolean>();

    const dependenciesOf = (v: Task): readonly Task[] => {
      let list = dependencyLists.get(v);
      if (list) return list;
      const out: Task[] = [];
      for (const id of v.dependsOn) {
        if (id === '') continue;
        const hs = this.holders.get(id);
        if (!hs) continue;
        for (const d of hs) if (!out.includes(d)) out.push(d);
      }
      list = Object.freeze(out);
      dependencyLists.set(v, list);
      return list;
    };
    const dependentsOf = (d: Task): readonly Task[] => {
      let list = dependentLists.get(d);
      if (list) return list;
      const ws = d.id === null || d.id === '' ? undefined : this.waiters.get(d.id);
      list = ws ? Object.freeze([...ws].sort((a, b) => this.compare(a, b))) : none;
      dependentLists.set(d, list);
      return list;
    };
    const isBlocked = (v: Task): boolean => {
      let flag = blockedFlags.get(v);
      if (flag === undefined) {
        flag = !done(v) && dependenciesOf(v).some((d) => !done(d));
        blockedFlags.set(v, flag);
      }
      return flag;
    };
    const blockersOf = (v: Task): readonly Task[] => {
      let list = blockerLists.get(v);
      if (list) return list;
      const seen = new Set<Task>();
      const queue: Task[] = [];
      if (!done(v)) {
        queue.push(v);
        for (let head = 0; head < queue.length; head++) {
          for (const d of dependenciesOf(queue[head]!)) {
            if (done(d) || seen.has(d)) continue;
            seen.add(d);
            queue.push(d);
          }
        }
      }
      list = Object.freeze(queue.slice(1));
      blockerLists.set(v, list);
      return list;
    };
    const hasRole = (t: Task) => t.role !== null && t.role.trim() !== '';

    const index: TaskIndex = {
      tasks,
      get diagnostics(): readonly Diagnostic[] {
        return full().diagnostics;
      },
      keyOf: taskKey,
      get: (key) => {
        if (!live()) return full().get(key);
        const colon = key.lastIndexOf(':');
        const line = Number(key.slice(colon + 1));
        return colon === -1 || !Number.isInteger(line) ? undefined : at(key.slice(0, colon), line - 1);
      },
      byId: (id) => {
        if (!live()) return full().byId(id);
        let list = byIdLists.get(id);
        if (!list) {
          list = Object.freeze([...(this.holders.get(id) ?? [])]);
          byIdLists.set(id, list);
        }
        return list;
      },
      parentOf: (task) => full().parentOf(task),
      childrenOf: (task) => full().childrenOf(task),
      dependenciesOf: (task) => {
        if (!live()) return full().dependenciesOf(task);
        const v = resolve(task);
        return v === undefined ? none : dependenciesOf(v);
      },
      dependentsOf: (task) => {
        if (!live()) return full().dependentsOf(task);
        const v = resolve(task);
        return v === undefined ? none : dependentsOf(v);
      },
      isBlocked: (task) => {
        if (!live()) return full().isBlocked(task);
        const v = resolve(task);
        return v !== undefined && isBlocked(v);
      },
      isBlocking: (task) => {
        if (!live()) return full().isBlocking(task);
        const v = resolve(task);
        return v !== undefined && !done(v) && dependentsOf(v).some((w) => !done(w));
      },
      blockersOf: (task) => {
        if (!live()) return full().blockersOf(task);
        const v = resolve(task);
        return v === undefined ? none : blockersOf(v);
      },
      state: (task): TaskState => {
        if (!live()) return full().state(task);
        const v = resolve(task);
        if (v === undefined) return stateOf(task.status, { hasRole: hasRole(task), blocked: false });
        return stateOf(v.status, { hasRole: hasRole(v), blocked: isBlocked(v) });
      },
      progress: (task) => full().progress(task),
      ready: () => full().ready(),
      criticalPath: () => full().criticalPath(),
    };
    registerFacts(index, () => (this.lastFacts?.tasks === tasks ? this.lastFacts : null));
    return index;
  }
}
