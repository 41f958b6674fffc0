import type { Diagnostic } from '../../shared-types/index.js';
import { digraph, type Digraph } from './dependencyGraph.js';
import { parentCycle, unknownParent } from './taskIndexDiagnostics.js';
import type { Steps } from './steps.js';
import type { Task } from './types.js';

/**
 * The subtask tree of the task index. A task's parent is the task its `[parent:: id]` names
 * (the first by path and line when the id is duplicated), else the task it is indented under in
 * the same file. A `[parent:: …]` link that would close a loop is ignored (and diagnosed), so the
 * result is always a forest.
 */
export interface Hierarchy {
  /** Parent node of each node, -1 for a root. */
  readonly parent: Int32Array;
  /** Children of each node, by path and line (compressed: no array per node). */
  readonly children: Digraph;
  /** Its diagnostics, each made again from its node's task when only the task's text changes. */
  readonly recipes: readonly { readonly v: number; readonly make: (task: Task) => Diagnostic }[];
}

type Recipes = { v: number; make: (task: Task) => Diagnostic }[];

/**
 * The nodes carrying each id, by path and line. Nearly every id has one holder, kept as a bare
 * node number so that indexing 50,000 ids allocates no array per id; duplicates get an array.
 */
export type IdHolders = Map<string, number | number[]>;

export function firstHolder(holders: number | readonly number[]): number {
  return typeof holders === 'number' ? holders : holders[0]!;
}

export function holdersOf(idHolders: IdHolders, id: string): readonly number[] {
  const holders = idHolders.get(id);
  return holders === undefined ? [] : typeof holders === 'number' ? [holders] : holders;
}

export interface HierarchyInput {
  tasks: readonly Task[];
  /** `path:line` of a node. */
  keyOf: (v: number) => string;
  /** The node at a path and zero-based line. */
  at: (path: string, line: number) => number | undefined;
  /** Nodes carrying an id, by path and line. */
  idHolders: IdHolders;
  /** Nodes by path and line. */
  sorted: readonly number[];
  rank: Int32Array;
  /** How a node is named in a message. */
  name: (v: number) => string;
}

const maxNamesInCycle = 12;

/** Tasks a pass over every task takes per step when the facts are made in steps (a few ms). */
export const stepTasks = 4096;

/** Parents (by indentation, overridden by `[parent:: id]`) and children of every node, made in steps (see taskFactsInSteps). */
export function* resolveHierarchy(input: HierarchyInput): Steps<Hierarchy> {
  const { tasks, keyOf, at, idHolders, sorted } = input;
  const n = tasks.length;
  const recipes: Recipes = [];
  const indentParent = new Int32Array(n).fill(-1);
  const parent = new Int32Array(n).fill(-1);
  const viaId = new Uint8Array(n);
  for (let v = 0; v < n; v++) {
    if (v % stepTasks === stepTasks - 1) yield;
    const task = tasks[v]!;
    if (task.indentParentLine !== null) {
      const p = at(task.path, task.indentParentLine);
      if (p !== undefined && p !== v) indentParent[v] = p;
    }
    parent[v] = indentParent[v]!;
    const id = task.parentId;
    if (id === null || id === '') continue;
    const holders = idHolders.get(id);
    if (holders === undefined) {
      const fallbackKey = indentParent[v] === -1 ? null : keyOf(indentParent[v]!);
      recipes.push({ v, make: (t) => unknownParent(t, id, fallbackKey) });
      continue;
    }
    parent[v] = typeof holders === 'number' ? holders : (holders.find((h) => h !== v) ?? v);
    viaId[v] = 1;
  }
  yield;
  breakParentCycles(input, parent, indentParent, viaId, recipes);
  yield;
  const from: number[] = [];
  const to: number[] = [];
  for (const v of sorted) {
    if (parent[v] === -1) continue;
    from.push(parent[v]!);
    to.push(v);
  }
  return { parent, children: digraph(n, from, to), recipes };
}

/**
 * Finds every loop of parent links (each node has at most one parent, so a walk up either ends
 * at a root or runs into a loop) and cuts it at the lowest-placed `[parent:: …]` link, which falls
 * back to the indentation parent; a loop that fallback closes again is cut to the top level.
 */
function breakParentCycles(input: HierarchyInput, parent: Int32Array, indentParent: Int32Array, viaId: Uint8Array, recipes: Recipes): void {
  const { tasks, keyOf, sorted, rank, name } = input;
  const n = tasks.length;
  const cutOnce = new Uint8Array(n);
  for (let found = true; found; ) {
    found = false;
    const stamp = new Int32Array(n);
    for (const s of sorted) {
      if (stamp[s] !== 0) continue;
      let u = s;
      while (u !== -1 && stamp[u] === 0) {
        stamp[u] = s + 1;
        u = parent[u]!;
      }
      if (u === -1 || stamp[u] !== s + 1) continue;
      found = true;
      const members: number[] = [];
      let w = u;
      do {
        members.push(w);
        w = parent[w]!;
      } while (w !== u);
      let cut = -1;
      for (const m of members) {
        const better = cut === -1 || (viaId[m]! > viaId[cut]!) || (viaId[m] === viaId[cut] && rank[m]! < rank[cut]!);
        if (better) cut = m;
      }
      const names: string[] = [];
      let x = cut;
      do {
        names.push(name(x));
        x = parent[x]!;
      } while (x !== cut && names.length < maxNamesInCycle);
      const text = x === cut ? [...names, name(cut)].join(' → ') : `${names.join(' → ')} → … → ${name(cut)}`;
      if (viaId[cut] && !cutOnce[cut]) {
        const fallback = indentParent[cut]!;
        parent[cut] = fallback;
        viaId[cut] = 0;
        cutOnce[cut] = 1;
        const fallbackKey = fallback === -1 ? null : keyOf(fallback);
        recipes.push({ v: cut, make: (t) => parentCycle(t, text, fallbackKey) });
      } else {
        parent[cut] = -1;
      }
    }
  }
}

/** Done and total counts over each node's whole subtree (itself excluded). */
export interface Progress {
  readonly done: Int32Array;
  readonly total: Int32Array;
}

export function subtreeProgress(hierarchy: Hierarchy, isDone: Uint8Array, sorted: readonly number[]): Progress {
  const n = isDone.length;
  const done = new Int32Array(n);
  const total = new Int32Array(n);
  // Breadth-first from the roots: every parent comes before its children.
  const order: number[] = [];
  for (const v of sorted) if (hierarchy.parent[v] === -1) order.push(v);
  const { offsets, targets } = hierarchy.children;
  for (let head = 0; head < order.length; head++) {
    const v = order[head]!;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) order.push(targets[e]!);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i]!;
    const p = hierarchy.parent[v]!;
    if (p === -1) continue;
    total[p]! += total[v]! + 1;
    done[p]! += done[v]! + isDone[v]!;
  }
  return { done, total };
}
