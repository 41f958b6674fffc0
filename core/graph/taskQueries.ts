import type { TaskIndex } from '../tasks/types.js';
import { nodeId, type ScriptoriumGraph } from './types.js';

export interface TopologicalOrder {
  /** Task nodes, every task after the tasks it depends on; among free choices, by path and line. */
  order: string[];
  /** Tasks that cannot be ordered: on a dependency cycle, or waiting on one. By path and line. */
  unordered: string[];
}

/** Topological order of the tasks along DEPENDS_ON edges (dependencies first; Kahn's algorithm). */
export function topologicalOrder(graph: ScriptoriumGraph): TopologicalOrder {
  const waiting = new Map<string, number>();
  const heap = new TaskHeap(graph);
  graph.forEachNode((node, attributes) => {
    if (attributes.type !== 'task') return;
    let n = 0;
    graph.forEachOutEdge(node, (_edge, a) => {
      if (a.type === 'DEPENDS_ON') n++;
    });
    if (n === 0) heap.push(node);
    else waiting.set(node, n);
  });
  const order: string[] = [];
  for (let node = heap.pop(); node !== undefined; node = heap.pop()) {
    order.push(node);
    graph.forEachInEdge(node, (_edge, a, dependent) => {
      if (a.type !== 'DEPENDS_ON') return;
      const left = waiting.get(dependent)! - 1;
      if (left === 0) {
        waiting.delete(dependent);
        heap.push(dependent);
      } else waiting.set(dependent, left);
    });
  }
  const unordered = [...waiting.keys()].sort((a, b) => heap.compare(a, b));
  return { order, unordered };
}

/** The ready set (not done, every dependency done) as task nodes: the task index answers it. */
export function readyTasks(index: TaskIndex): string[] {
  return index.ready().map((task) => nodeId.task(task));
}

/** The longest chain of not-done dependent tasks, first to do first, as task nodes (from the task index). */
export function criticalPath(index: TaskIndex): string[] {
  return index.criticalPath().map((task) => nodeId.task(task));
}

/** A binary min-heap of task nodes by path, then line. */
class TaskHeap {
  private readonly items: string[] = [];

  constructor(private readonly graph: ScriptoriumGraph) {}

  compare(a: string, b: string): number {
    const pa = this.graph.getNodeAttribute(a, 'path') ?? '';
    const pb = this.graph.getNodeAttribute(b, 'path') ?? '';
    if (pa !== pb) return pa < pb ? -1 : 1;
    return (this.graph.getNodeAttribute(a, 'line') ?? 0) - (this.graph.getNodeAttribute(b, 'line') ?? 0);
  }

  push(node: string): void {
    const items = this.items;
    items.push(node);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(items[i]!, items[parent]!) >= 0) break;
      [items[i], items[parent]] = [items[parent]!, items[i]!];
      i = parent;
    }
  }

  pop(): string | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last !== undefined) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.compare(items[l]!, items[m]!) < 0) m = l;
        if (r < items.length && this.compare(items[r]!, items[m]!) < 0) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top;
  }
}
