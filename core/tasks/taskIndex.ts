import type { Diagnostic, TaskState } from '../../shared-types/index.js';
import {
  cycleSketcher,
  digraph,
  type Digraph,
  longestPath,
  nodesOnCycles,
  reversed,
  stronglyConnectedComponents,
  successors,
  topologicalOrder,
} from './dependencyGraph.js';
import { stateOf } from './lifecycle.js';
import { isDoneType } from './statuses.js';
import { compareDiagnostics, dependencyCycle, duplicateId, unknownDependency, walkText } from './taskIndexDiagnostics.js';
import { firstHolder, holdersOf, resolveHierarchy, stepTasks, subtreeProgress, type Hierarchy, type IdHolders, type Progress } from './taskIndexHierarchy.js';
import { finish, type Steps } from './steps.js';
import type { Task, TaskIndex } from './types.js';

/** `path:line` with a one-based line, the way the CLI names tasks. */
export function taskKey(task: Task): string {
  return `${task.path}:${task.line + 1}`;
}

/**
 * The workspace-wide task index. Everything is computed in linear passes over tasks and
 * dependency edges (maps built once, cycles by iterative Tarjan); the answers that return lists
 * (dependencies, blockers, ready set, critical path, progress) are memoised on first use.
 *
 * Decisions (see the contract in types.ts):
 * - Done is Tasks' rule: status type DONE, CANCELLED or NON_TASK. A Failed task is not done.
 * - A dependency id resolves to every task carrying it (duplicates are diagnosed); an unknown id
 *   never blocks (it is diagnosed).
 * - Blocked: not done, and some dependency is not done. Blocking propagates only through tasks
 *   that are not done: a done dependency is satisfied, and what it waited for no longer matters.
 *   So `blockersOf` walks dependency edges breadth-first through not-done tasks (nearest
 *   first); a task on a cycle finds itself among its blockers, so that `isBlocked(t)` ⇔
 *   `blockersOf(t)` is non-empty.
 * - Ready: not done, not blocked, and in state Pending, Active or InProgress — a Failed task
 *   must be reopened first, and a task put on hold (ON_HOLD, or any status whose explicit state
 *   is Blocked) is not ready to be picked up.
 * - Critical path: the longest chain of not-done tasks, each depending directly on the one before,
 *   over the tasks not on a cycle; ties go to the lower path and line.
 * - Progress: done / total over the whole subtree (children by indentation and by `[parent:: id]`),
 *   done by the same rule as above (a cancelled subtask counts as settled).
 * - Output order (ready, children, byId, diagnostics): by path, then line.
 */
export function buildTaskIndex(input: readonly Task[]): TaskIndex {
  return indexOverFacts(computeTaskFacts([...input]));
}

/** A diagnostic of one node, made again from the node's task when only its text changed. */
export interface DiagnosticRecipe {
  readonly v: number;
  readonly make: (task: Task) => Diagnostic;
}

/**
 * Everything a TaskIndex answers from, in node numbers (a node is a position in `tasks`). The
 * structure (places, ids, edges, cycles, hierarchy) depends only on each task's path, line, id,
 * dependencies, parent id and indentation parent; the rest (done, blocked, states, diagnostics'
 * text and columns) is per task and can be patched (see patchTaskFacts).
 */
export interface TaskFacts {
  readonly tasks: readonly Task[];
  readonly sorted: readonly number[];
  readonly at: (path: string, line: number) => number | undefined;
  readonly unique: boolean;
  readonly rank: Int32Array;
  readonly idHolders: IdHolders;
  readonly dependencies: Digraph;
  readonly dependents: Digraph;
  readonly onCycle: Uint8Array;
  readonly hierarchy: Hierarchy;
  readonly done: Uint8Array;
  readonly blocked: Uint8Array;
  readonly blocking: Uint8Array;
  readonly states: readonly TaskState[];
  /** In the order a fresh build makes them (so a stable sort gives the same list). */
  readonly recipes: readonly DiagnosticRecipe[];
  /** recipes' diagnostics, in recipe order. */
  readonly made: readonly Diagnostic[];
  readonly diagnostics: readonly Diagnostic[];
  /** Subtree counts, once some index asked (patched along with done). */
  progress: Progress | null;
}

export function computeTaskFacts(tasks: readonly Task[]): TaskFacts {
  return finish(taskFactsInSteps(tasks));
}

/**
 * computeTaskFacts as a sequence of steps (places, ids, edges, their two graphs, states, cycles,
 * tasks on cycles, hierarchy, diagnostics), each a linear pass: a caller that must stay
 * responsive (a server warming up) runs a few and yields in between.
 */
export function* taskFactsInSteps(tasks: readonly Task[]): Steps<TaskFacts> {
  const n = tasks.length;
  const { sorted, at, unique } = yield* places(tasks);
  const keyOfNode = (v: number) => taskKey(tasks[v]!);
  const rank = new Int32Array(n);
  sorted.forEach((v, r) => (rank[v] = r));

  const recipes: DiagnosticRecipe[] = [];

  yield;
  // Ids: holders by path and line; every holder after the first is a duplicate.
  const idHolders: IdHolders = new Map();
  for (let r = 0; r < n; r++) {
    if (r % stepTasks === stepTasks - 1) yield;
    const v = sorted[r]!;
    const id = tasks[v]!.id;
    if (id === null || id === '') continue;
    const holders = idHolders.get(id);
    if (holders === undefined) idHolders.set(id, v);
    else {
      if (typeof holders === 'number') idHolders.set(id, [holders, v]);
      else holders.push(v);
      const firstKey = keyOfNode(firstHolder(holders));
      recipes.push({ v, make: (t) => duplicateId(t, id, firstKey) });
    }
  }
  const name = (v: number) => tasks[v]!.id || keyOfNode(v);

  yield;
  // Dependency edges v → d (v waits for d), deduplicated.
  const from: number[] = [];
  const to: number[] = [];
  const lastFrom = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    if (v % stepTasks === stepTasks - 1) yield;
    let reported: Set<string> | undefined;
    for (const id of tasks[v]!.dependsOn) {
      if (id === '') continue;
      const holders = idHolders.get(id);
      if (holders === undefined) {
        reported ??= new Set();
        if (!reported.has(id)) recipes.push({ v, make: (t) => unknownDependency(t, id) });
        reported.add(id);
        continue;
      }
      if (typeof holders === 'number') {
        if (lastFrom[holders] === v) continue;
        lastFrom[holders] = v;
        from.push(v);
        to.push(holders);
        continue;
      }
      for (const d of holders) {
        if (lastFrom[d] === v) continue;
        lastFrom[d] = v;
        from.push(v);
        to.push(d);
      }
    }
  }
  yield;
  const dependencies = digraph(n, from, to);
  yield;
  const dependents = reversed(dependencies);

  yield;
  const done = new Uint8Array(n);
  for (let v = 0; v < n; v++) done[v] = isDoneType(tasks[v]!.status.type) ? 1 : 0;
  const blocked = new Uint8Array(n);
  const blocking = new Uint8Array(n);
  const states: TaskState[] = new Array<TaskState>(n);
  for (let v = 0; v < n; v++) {
    if (v % stepTasks === stepTasks - 1) yield;
    if (!done[v]) {
      for (let e = dependencies.offsets[v]!; e < dependencies.offsets[v + 1]!; e++) if (!done[dependencies.targets[e]!]) blocked[v] = 1;
      for (let e = dependents.offsets[v]!; e < dependents.offsets[v + 1]!; e++) if (!done[dependents.targets[e]!]) blocking[v] = 1;
    }
    const role = tasks[v]!.role;
    states[v] = stateOf(tasks[v]!.status, { hasRole: role !== null && role.trim() !== '', blocked: blocked[v] === 1 });
  }

  yield;
  // Cycles: every task on one gets a diagnostic naming a cycle through it.
  const components = stronglyConnectedComponents(dependencies);
  yield;
  const onCycle = nodesOnCycles(dependencies, components);
  const cycleMembers = new Map<number, number[]>();
  for (const v of sorted) {
    if (!onCycle[v]) continue;
    const c = components.component[v]!;
    const members = cycleMembers.get(c);
    if (members) members.push(v);
    else cycleMembers.set(c, [v]);
  }
  for (const members of cycleMembers.values()) {
    const sketch = cycleSketcher(dependencies, dependents, components, members[0]!);
    for (const v of members) {
      const s = sketch(v);
      const next = s.walk[1]!;
      const text = walkText(s, name);
      const selfLoop = members.length === 1;
      const nextId = next >= 0 ? tasks[next]!.id : null;
      recipes.push({ v, make: (t) => dependencyCycle(t, text, selfLoop, nextId) });
    }
  }

  yield;
  const hierarchy = yield* resolveHierarchy({ tasks, keyOf: keyOfNode, at, idHolders, sorted, rank, name });
  recipes.push(...hierarchy.recipes);
  yield;
  const made = recipes.map((r) => r.make(tasks[r.v]!));
  const diagnostics = Object.freeze([...made].sort(compareDiagnostics));
  return { tasks, sorted, at, unique, rank, idHolders, dependencies, dependents, onCycle, hierarchy, done, blocked, blocking, states, recipes, made, diagnostics, progress: null };
}

/**
 * The facts of `tasks` from those of an earlier array, when every task that differs (by
 * identity, position by position) kept its path, line, id, dependencies, parent id and
 * indentation parent — a status toggle or a text edit, the common change. The structure is
 * shared; done, blocked, blocking and states are redone for the changed tasks and their direct
 * neighbours, ancestors' progress moves by the change in done, and the changed tasks'
 * diagnostics are made again. Null when the structure changed (a fresh build is needed).
 */
export function patchTaskFacts(old: TaskFacts, tasks: readonly Task[]): TaskFacts | null {
  const n = tasks.length;
  if (n !== old.tasks.length) return null;
  const changed: number[] = [];
  for (let v = 0; v < n; v++) {
    const a = old.tasks[v]!;
    const b = tasks[v]!;
    if (a === b) continue;
    if (!sameStructure(a, b)) return null;
    changed.push(v);
  }
  if (changed.length === 0) return { ...old, tasks };
  const { dependencies, dependents, hierarchy } = old;
  const done = old.done.slice();
  const blocked = old.blocked.slice();
  const blocking = old.blocking.slice();
  const states = old.states.slice();
  const affected = new Set<number>();
  const progress = old.progress ? { done: old.progress.done.slice(), total: old.progress.total } : null;
  for (const v of changed) {
    const now = isDoneType(tasks[v]!.status.type) ? 1 : 0;
    if (progress && now !== done[v]) {
      for (let p = hierarchy.parent[v]!; p !== -1; p = hierarchy.parent[p]!) progress.done[p]! += now - done[v]!;
    }
    done[v] = now;
    affected.add(v);
    for (let e = dependencies.offsets[v]!; e < dependencies.offsets[v + 1]!; e++) affected.add(dependencies.targets[e]!);
    for (let e = dependents.offsets[v]!; e < dependents.offsets[v + 1]!; e++) affected.add(dependents.targets[e]!);
  }
  for (const v of affected) {
    blocked[v] = 0;
    blocking[v] = 0;
    if (!done[v]) {
      for (let e = dependencies.offsets[v]!; e < dependencies.offsets[v + 1]!; e++) if (!done[dependencies.targets[e]!]) blocked[v] = 1;
      for (let e = dependents.offsets[v]!; e < dependents.offsets[v + 1]!; e++) if (!done[dependents.targets[e]!]) blocking[v] = 1;
    }
    const task = tasks[v]!;
    states[v] = stateOf(task.status, { hasRole: task.role !== null && task.role.trim() !== '', blocked: blocked[v] === 1 });
  }
  const remade = new Set(changed);
  let made = old.made;
  if (old.recipes.some((r) => remade.has(r.v))) {
    made = old.recipes.map((r, i) => (remade.has(r.v) ? r.make(tasks[r.v]!) : old.made[i]!));
  }
  const diagnostics = made === old.made ? old.diagnostics : Object.freeze([...made].sort(compareDiagnostics));
  return { ...old, tasks, done, blocked, blocking, states, made, diagnostics, progress };
}

/** What the structure of the facts reads of a task. */
function sameStructure(a: Task, b: Task): boolean {
  if (a.path !== b.path || a.line !== b.line || a.id !== b.id || a.parentId !== b.parentId || a.indentParentLine !== b.indentParentLine) return false;
  const x = a.dependsOn;
  const y = b.dependsOn;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** How to get the facts an index answers from, without making them (see factsIfMade). */
const factsOfIndex = new WeakMap<TaskIndex, () => TaskFacts | null>();

/** Registers where `index`'s facts are, once made: facts of exactly its `tasks`, node v being `tasks[v]`. */
export function registerFacts(index: TaskIndex, made: () => TaskFacts | null): void {
  factsOfIndex.set(index, made);
}

/**
 * The whole-graph facts of `index`, if they are made already (never makes them): per-task answers
 * (blocked, states) read from them are arrays in `index.tasks` order, not a lookup per task.
 */
export function factsIfMade(index: TaskIndex): TaskFacts | null {
  const facts = factsOfIndex.get(index)?.() ?? null;
  return facts !== null && facts.tasks === index.tasks ? facts : null;
}

/** The TaskIndex answering from `facts`; list answers are memoised on first use. */
export function indexOverFacts(facts: TaskFacts): TaskIndex {
  const { tasks, sorted, at, unique, rank, idHolders, dependencies, dependents, onCycle, hierarchy, done, blocked, blocking, states, diagnostics } = facts;
  const n = tasks.length;

  // Lazily memoised answers.
  const toTasks = (nodes: Iterable<number>): readonly Task[] => Object.freeze(Array.from(nodes, (v) => tasks[v]!));
  const dependencyLists: (readonly Task[] | undefined)[] = new Array(n);
  const dependentLists: (readonly Task[] | undefined)[] = new Array(n);
  const childLists: (readonly Task[] | undefined)[] = new Array(n);
  const blockerLists = new Map<number, readonly Task[]>();
  let progress: Progress | null = null;
  let readyList: readonly Task[] | null = null;
  let critical: readonly Task[] | null = null;
  const byIdLists = new Map<string, readonly Task[]>();
  const none: readonly Task[] = Object.freeze([]);

  // Node of a task: by identity, else by place. When every place is claimed once, a task of the
  // index is found at its own place, so the identity map is built only for a task found
  // elsewhere (a task from outside, or one whose place changed since).
  let byTask: Map<Task, number> | null = null;
  const identity = (task: Task): number | undefined => {
    if (!byTask) {
      byTask = new Map<Task, number>();
      for (let v = 0; v < n; v++) byTask.set(tasks[v]!, v);
    }
    return byTask.get(task);
  };
  const node = (task: Task): number => {
    const placed = at(task.path, task.line);
    if (unique && placed !== undefined && tasks[placed] === task) return placed;
    return identity(task) ?? placed ?? -1;
  };

  const blockersOf = (v: number): readonly Task[] => {
    let list = blockerLists.get(v);
    if (list) return list;
    const seen = new Set<number>();
    const queue: number[] = [];
    if (!done[v]) {
      queue.push(v);
      for (let head = 0; head < queue.length; head++) {
        const u = queue[head]!;
        for (let e = dependencies.offsets[u]!; e < dependencies.offsets[u + 1]!; e++) {
          const d = dependencies.targets[e]!;
          if (done[d] || seen.has(d)) continue;
          seen.add(d);
          queue.push(d);
        }
      }
    }
    list = toTasks(queue.slice(1));
    blockerLists.set(v, list);
    return list;
  };

  const index: TaskIndex = {
    tasks,
    diagnostics,
    keyOf: taskKey,
    get: (key) => {
      const colon = key.lastIndexOf(':');
      const line = Number(key.slice(colon + 1));
      const v = colon === -1 || !Number.isInteger(line) ? undefined : at(key.slice(0, colon), line - 1);
      return v === undefined ? undefined : tasks[v];
    },
    byId: (id) => {
      let list = byIdLists.get(id);
      if (!list) {
        list = toTasks(holdersOf(idHolders, id));
        byIdLists.set(id, list);
      }
      return list;
    },
    parentOf: (task) => {
      const v = node(task);
      const p = v === -1 ? -1 : hierarchy.parent[v]!;
      return p === -1 ? null : tasks[p]!;
    },
    childrenOf: (task) => {
      const v = node(task);
      if (v === -1) return none;
      return (childLists[v] ??= toTasks(successors(hierarchy.children, v)));
    },
    dependenciesOf: (task) => {
      const v = node(task);
      if (v === -1) return none;
      return (dependencyLists[v] ??= toTasks(successors(dependencies, v)));
    },
    dependentsOf: (task) => {
      const v = node(task);
      if (v === -1) return none;
      return (dependentLists[v] ??= toTasks([...successors(dependents, v)].sort((a, b) => rank[a]! - rank[b]!)));
    },
    isBlocked: (task) => {
      const v = node(task);
      return v !== -1 && blocked[v] === 1;
    },
    isBlocking: (task) => {
      const v = node(task);
      return v !== -1 && blocking[v] === 1;
    },
    blockersOf: (task) => {
      const v = node(task);
      return v === -1 ? none : blockersOf(v);
    },
    state: (task) => {
      const v = node(task);
      if (v !== -1) return states[v]!;
      return stateOf(task.status, { hasRole: task.role !== null && task.role.trim() !== '', blocked: false });
    },
    progress: (task) => {
      const v = node(task);
      if (v === -1 || hierarchy.children.offsets[v] === hierarchy.children.offsets[v + 1]) return null;
      progress ??= facts.progress ??= subtreeProgress(hierarchy, done, sorted);
      return { done: progress.done[v]!, total: progress.total[v]! };
    },
    ready: () =>
      (readyList ??= toTasks(
        sorted.filter((v) => !done[v] && !blocked[v] && (states[v] === 'Pending' || states[v] === 'Active' || states[v] === 'InProgress')),
      )),
    criticalPath: () => {
      if (critical) return critical;
      // Edges d → v (prerequisite first) between not-done tasks off every cycle.
      const keep = (v: number) => !done[v] && !onCycle[v];
      const order = topologicalOrder(dependents, { keep, rank });
      critical = toTasks(longestPath(dependents, order, rank));
      return critical;
    },
  };
  registerFacts(index, () => facts);
  return index;
}

/**
 * Node numbers by path, then line (then input order), sorting paths once and lines as numbers;
 * the node at a path and zero-based line (the first given, if two claim the same place); and
 * whether every place is claimed once. Tasks arrive grouped by file, so a file's tasks are
 * collected without a map lookup each, and a place is found by binary search over its file's
 * lines instead of through a map per file.
 */
function* places(tasks: readonly Task[]): Steps<{ sorted: number[]; at: (path: string, line: number) => number | undefined; unique: boolean }> {
  const groups = new Map<string, number[]>();
  let currentPath: string | undefined;
  let current: number[] = [];
  for (let v = 0; v < tasks.length; v++) {
    if (v % stepTasks === stepTasks - 1) yield;
    const path = tasks[v]!.path;
    if (path !== currentPath) {
      currentPath = path;
      const group = groups.get(path);
      if (group) current = group;
      else groups.set(path, (current = []));
    }
    current.push(v);
  }
  const sorted: number[] = [];
  const lineOf: number[] = [];
  const fileOf = new Map<string, number>();
  const fileStart: number[] = [];
  let unique = true;
  const paths = [...groups.keys()].sort();
  yield;
  for (let f = 0; f < paths.length; f++) {
    if (f % stepTasks === stepTasks - 1) yield;
    const path = paths[f]!;
    const group = groups.get(path)!;
    let inOrder = true;
    for (let i = 1; i < group.length && inOrder; i++) inOrder = tasks[group[i - 1]!]!.line <= tasks[group[i]!]!.line;
    if (!inOrder) group.sort((a, b) => tasks[a]!.line - tasks[b]!.line || a - b);
    fileOf.set(path, fileStart.length);
    fileStart.push(sorted.length);
    for (const v of group) {
      const line = tasks[v]!.line;
      if (lineOf.length > fileStart[fileStart.length - 1]! && lineOf[lineOf.length - 1] === line) unique = false;
      sorted.push(v);
      lineOf.push(line);
    }
  }
  fileStart.push(sorted.length);
  const at = (path: string, line: number): number | undefined => {
    const file = fileOf.get(path);
    if (file === undefined) return undefined;
    // The first of the file's entries with this line (lines ascending; equal lines in input order).
    let lo = fileStart[file]!;
    let hi = fileStart[file + 1]!;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lineOf[mid]! < line) lo = mid + 1;
      else hi = mid;
    }
    return lo < fileStart[file + 1]! && lineOf[lo] === line ? sorted[lo] : undefined;
  };
  return { sorted, at, unique };
}
