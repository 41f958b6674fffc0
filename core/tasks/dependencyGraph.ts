/**
 * Plain graph algorithms over nodes `0 … size-1`, with no knowledge of tasks: strongly
 * connected components (cycles), topological order, longest path, and a readable cycle through
 * a node. Everything is iterative (no recursion: a 50,000-task chain must not overflow the
 * stack) and linear in nodes + edges.
 */

/** A directed graph in compressed form: the successors of `v` are `targets[offsets[v] … offsets[v+1])`. */
export interface Digraph {
  readonly size: number;
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

/** Builds a graph from parallel edge lists `from[i] → to[i]`; each node's successors keep edge order. */
export function digraph(size: number, from: readonly number[], to: readonly number[]): Digraph {
  const offsets = new Int32Array(size + 1);
  for (const v of from) offsets[v + 1]!++;
  for (let v = 0; v < size; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, size);
  const targets = new Int32Array(from.length);
  for (let i = 0; i < from.length; i++) targets[fill[from[i]!]!++] = to[i]!;
  return { size, offsets, targets };
}

/** The same nodes with every edge turned round. */
export function reversed(g: Digraph): Digraph {
  const from: number[] = [];
  const to: number[] = [];
  for (let v = 0; v < g.size; v++) {
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      from.push(g.targets[e]!);
      to.push(v);
    }
  }
  return digraph(g.size, from, to);
}

export function successors(g: Digraph, v: number): Int32Array {
  return g.targets.subarray(g.offsets[v]!, g.offsets[v + 1]!);
}

export interface Components {
  /** The component of each node; components are numbered in reverse topological order. */
  readonly component: Int32Array;
  readonly count: number;
  readonly sizes: Int32Array;
}

/** Tarjan's strongly connected components, with an explicit call stack. */
export function stronglyConnectedComponents(g: Digraph): Components {
  const n = g.size;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  const callNode = new Int32Array(n);
  const callEdge = new Int32Array(n);
  const component = new Int32Array(n).fill(-1);
  const sizes: number[] = [];
  let sp = 0;
  let csp = 0;
  let counter = 0;
  const enter = (v: number) => {
    index[v] = low[v] = counter++;
    stack[sp++] = v;
    onStack[v] = 1;
    callNode[csp] = v;
    callEdge[csp] = g.offsets[v]!;
    csp++;
  };
  for (let s = 0; s < n; s++) {
    if (index[s] !== -1) continue;
    enter(s);
    while (csp > 0) {
      const v = callNode[csp - 1]!;
      const e = callEdge[csp - 1]!;
      if (e < g.offsets[v + 1]!) {
        callEdge[csp - 1] = e + 1;
        const w = g.targets[e]!;
        if (index[w] === -1) enter(w);
        else if (onStack[w]) low[v] = Math.min(low[v]!, index[w]!);
        continue;
      }
      csp--;
      if (low[v] === index[v]) {
        const id = sizes.length;
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          component[w] = id;
          size++;
        } while (w !== v);
        sizes.push(size);
      }
      if (csp > 0) {
        const u = callNode[csp - 1]!;
        low[u] = Math.min(low[u]!, low[v]!);
      }
    }
  }
  return { component, count: sizes.length, sizes: Int32Array.from(sizes) };
}

/** 1 for every node on some cycle: in a component of two or more nodes, or with an edge to itself. */
export function nodesOnCycles(g: Digraph, components: Components): Uint8Array {
  const cyclic = new Uint8Array(g.size);
  for (let v = 0; v < g.size; v++) {
    if (components.sizes[components.component[v]!]! > 1) cyclic[v] = 1;
    else for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (g.targets[e] === v) cyclic[v] = 1;
  }
  return cyclic;
}

/**
 * Kahn's topological order of the nodes `keep` accepts (all by default), over the edges between
 * them: an edge `u → v` puts `u` first. Among nodes free at the same time, lower `rank` first.
 * Nodes on a cycle of the kept subgraph (and nodes after one) are left out.
 */
export function topologicalOrder(g: Digraph, options: { keep?: (v: number) => boolean; rank?: ArrayLike<number> } = {}): number[] {
  const keep = options.keep ?? (() => true);
  const indegree = new Int32Array(g.size);
  for (let v = 0; v < g.size; v++) {
    if (!keep(v)) continue;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) if (keep(g.targets[e]!)) indegree[g.targets[e]!]!++;
  }
  const queue = new MinHeap(options.rank ?? Int32Array.from({ length: g.size }, (_, i) => i));
  for (let v = 0; v < g.size; v++) if (keep(v) && indegree[v] === 0) queue.push(v);
  const order: number[] = [];
  while (queue.size > 0) {
    const v = queue.pop();
    order.push(v);
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      if (keep(w) && --indegree[w]! === 0) queue.push(w);
    }
  }
  return order;
}

/**
 * The longest path of a DAG given in topological order (edge `u → v`: `u` before `v`), first
 * node first. Ties: the path ending at the lower `rank`, reached through the lower-ranked
 * predecessor. Empty for an empty order.
 */
export function longestPath(g: Digraph, order: readonly number[], rank: ArrayLike<number>): number[] {
  if (order.length === 0) return [];
  const length = new Int32Array(g.size);
  const previous = new Int32Array(g.size).fill(-1);
  const inOrder = new Uint8Array(g.size);
  for (const v of order) inOrder[v] = 1;
  for (const v of order) {
    if (length[v] === 0) length[v] = 1;
    for (let e = g.offsets[v]!; e < g.offsets[v + 1]!; e++) {
      const w = g.targets[e]!;
      if (!inOrder[w]) continue;
      const candidate = length[v]! + 1;
      const p = previous[w]!;
      if (candidate > length[w]! || (candidate === length[w]! && p !== -1 && rank[v]! < rank[p]!)) {
        length[w] = candidate;
        previous[w] = v;
      }
    }
  }
  let end = order[0]!;
  for (const v of order) {
    if (length[v]! > length[end]! || (length[v] === length[end] && rank[v]! < rank[end]!)) end = v;
  }
  const path: number[] = [];
  for (let v = end; v !== -1; v = previous[v]!) path.push(v);
  return path.reverse();
}

/** A closed walk from a node back to itself; `omitted` nodes sit where `walk` holds -1. */
export interface CycleSketch {
  walk: number[];
  omitted: number;
}

/**
 * Short descriptions of a cycle through each node of one strongly connected component, in
 * O(component) to prepare and O(`maxShown`) per node: the walk goes from the node to the
 * component's root along shortest paths and back. Small walks are shown in full (with any
 * repeated stretch cut out, so the cycle is simple); long ones keep their two ends.
 */
export function cycleSketcher(g: Digraph, reverse: Digraph, components: Components, root: number, maxShown = 12): (v: number) => CycleSketch {
  const c = components.component[root]!;
  const inside = (v: number) => components.component[v] === c;
  // toRoot[v]: the next node on a shortest path v → root; distTo[v]: its length.
  const toRoot = new Map<number, number>();
  const distTo = new Map<number, number>([[root, 0]]);
  // fromRoot[v]: the node before v on a shortest path root → v.
  const fromRoot = new Map<number, number>();
  const distFrom = new Map<number, number>([[root, 0]]);
  bfs(reverse, root, inside, (v, from) => {
    toRoot.set(v, from);
    distTo.set(v, distTo.get(from)! + 1);
  }, distTo);
  bfs(g, root, inside, (v, from) => {
    fromRoot.set(v, from);
    distFrom.set(v, distFrom.get(from)! + 1);
  }, distFrom);
  const half = Math.max(1, Math.floor(maxShown / 2));
  return (v) => {
    if (v === root) {
      // root → w → … → root, through the successor closest to the root.
      let w = -1;
      for (const s of successors(g, v)) if (inside(s) && (w === -1 || distTo.get(s)! < distTo.get(w)!)) w = s;
      if (w === -1) return { walk: [v, v], omitted: 0 };
      const total = distTo.get(w)! + 2;
      const walk = [v];
      for (let u = w; walk.length < maxShown - 1; u = toRoot.get(u)!) {
        walk.push(u);
        if (u === root) return { walk, omitted: 0 };
      }
      return { walk: [...walk, -1, root], omitted: total - walk.length - 1 };
    }
    const there = distTo.get(v)!;
    const back = distFrom.get(v)!;
    const total = there + back + 1;
    if (total <= maxShown) {
      const walk: number[] = [];
      for (let u = v; u !== root; u = toRoot.get(u)!) walk.push(u);
      const tail: number[] = [];
      for (let u = v; u !== root; u = fromRoot.get(u)!) tail.push(u);
      walk.push(root, ...tail.reverse());
      return { walk: simplified(walk), omitted: 0 };
    }
    const head: number[] = [];
    for (let u = v; head.length < half; u = toRoot.get(u)!) {
      head.push(u);
      if (u === root) break;
    }
    const tail: number[] = [];
    for (let u = v; tail.length < half; u = fromRoot.get(u)!) {
      tail.push(u);
      if (u === root) break;
    }
    tail.reverse();
    return { walk: [...head, -1, ...tail], omitted: total - head.length - tail.length };
  };
}

/** Breadth-first search from `start` over nodes `inside` accepts, calling `visit(v, from)` on each first visit. */
function bfs(g: Digraph, start: number, inside: (v: number) => boolean, visit: (v: number, from: number) => void, seen: Map<number, number>): void {
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const u = queue[head]!;
    for (let e = g.offsets[u]!; e < g.offsets[u + 1]!; e++) {
      const v = g.targets[e]!;
      if (!inside(v) || seen.has(v)) continue;
      visit(v, u);
      queue.push(v);
    }
  }
}

/** Cuts every repeated stretch out of a closed walk, leaving a simple cycle through its first node. */
function simplified(walk: number[]): number[] {
  const out: number[] = [];
  const at = new Map<number, number>();
  for (let i = 0; i < walk.length; i++) {
    const v = walk[i]!;
    const seenAt = at.get(v);
    if (seenAt !== undefined && i !== walk.length - 1) {
      for (const dropped of out.splice(seenAt + 1)) at.delete(dropped);
      continue;
    }
    at.set(v, out.length);
    out.push(v);
  }
  return out;
}

/** A binary min-heap of node numbers ordered by `rank`. */
class MinHeap {
  private readonly items: number[] = [];
  constructor(private readonly rank: ArrayLike<number>) {}

  get size(): number {
    return this.items.length;
  }

  push(v: number): void {
    const items = this.items;
    items.push(v);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.rank[items[parent]!]! <= this.rank[v]!) break;
      items[i] = items[parent]!;
      i = parent;
    }
    items[i] = v;
  }

  pop(): number {
    const items = this.items;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= items.length) break;
        if (child + 1 < items.length && this.rank[items[child + 1]!]! < this.rank[items[child]!]!) child++;
        if (this.rank[items[child]!]! >= this.rank[last]!) break;
        items[i] = items[child]!;
        i = child;
      }
      items[i] = last;
    }
    return top;
  }
}
