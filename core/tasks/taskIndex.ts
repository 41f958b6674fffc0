import type { Diagnostic, TaskState } from '../../shared-types/index.js';
import {
  cycleSketcher,
  digraph,
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
import { firstHolder, holdersOf, resolveHierarchy, subtreeProgress, type IdHolders, type Progress } from './taskIndexHierarchy.js';
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
  const tasks: readonly Task[] = [...input];
  const n = tasks.length;
  const { sorted, at, unique } = places(tasks);
  const keyOfNode = (v: number) => taskKey(tasks[v]!);
  const rank = new Int32Array(n);
  sorted.forEach((v, r) => (rank[v] = r));

  const diagnostics: Diagnostic[] = [];

  // Ids: holders by path and line; every holder after the first is a duplicate.
  const idHolders: IdHolders = new Map();
  for (const v of sorted) {
    const id = tasks[v]!.id;
    if (id === null || id === '') continue;
    const holders = idHolders.get(id);
    if (holders === undefined) idHolders.set(id, v);
    else {
      if (typeof holders === 'number') idHolders.set(id, [holders, v]);
      else holders.push(v);
      diagnostics.push(duplicateId(tasks[v]!, id, keyOfNode(firstHolder(holders))));
    }
  }
  const name = (v: number) => tasks[v]!.id || keyOfNode(v);

  // Dependency edges v → d (v waits for d), deduplicated.
  const from: number[] = [];
  const to: number[] = [];
  const lastFrom = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    let reported: Set<string> | undefined;
    for (const id of tasks[v]!.dependsOn) {
      if (id === '') continue;
      const holders = idHolders.get(id);
      if (holders === undefined) {
        reported ??= new Set();
        if (!reported.has(id)) diagnostics.push(unknownDependency(tasks[v]!, id));
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
  const dependencies = digraph(n, from, to);
  const dependents = reversed(dependencies);

  const done = new Uint8Array(n);
  for (let v = 0; v < n; v++) done[v] = isDoneType(tasks[v]!.status.type) ? 1 : 0;
  const blocked = new Uint8Array(n);
  const blocking = new Uint8Array(n);
  const states: TaskState[] = new Array<TaskState>(n);
  for (let v = 0; v < n; v++) {
    if (!done[v]) {
      for (let e = dependencies.offsets[v]!; e < dependencies.offsets[v + 1]!; e++) if (!done[dependencies.targets[e]!]) blocked[v] = 1;
      for (let e = dependents.offsets[v]!; e < dependents.offsets[v + 1]!; e++) if (!done[dependents.targets[e]!]) blocking[v] = 1;
    }
    const role = tasks[v]!.role;
    states[v] = stateOf(tasks[v]!.status, { hasRole: role !== null && role.trim() !== '', blocked: blocked[v] === 1 });
  }

  // Cycles: every task on one gets a diagnostic naming a cycle through it.
  const components = stronglyConnectedComponents(dependencies);
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
      diagnostics.push(dependencyCycle(tasks[v]!, walkText(s, name), members.length === 1, next >= 0 ? tasks[next]!.id : null));
    }
  }

  const hierarchy = resolveHierarchy({ tasks, keyOf: keyOfNode, at, idHolders, sorted, rank, name });
  diagnostics.push(...hierarchy.diagnostics);
  diagnostics.sort(compareDiagnostics);

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
    diagnostics: Object.freeze(diagnostics),
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
      progress ??= subtreeProgress(hierarchy, done, sorted);
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
  return index;
}

/**
 * Node numbers by path, then line (then input order), sorting paths once and lines as numbers;
 * the node at a path and zero-based line (the first given, if two claim the same place); and
 * whether every place is claimed once. Tasks arrive grouped by file, so a file's tasks are
 * collected without a map lookup each, and a place is found by binary search over its file's
 * lines instead of through a map per file.
 */
function places(tasks: readonly Task[]): { sorted: number[]; at: (path: string, line: number) => number | undefined; unique: boolean } {
  const groups = new Map<string, number[]>();
  let currentPath: string | undefined;
  let current: number[] = [];
  for (let v = 0; v < tasks.length; v++) {
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
  for (const path of [...groups.keys()].sort()) {
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
