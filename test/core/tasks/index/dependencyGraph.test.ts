import { describe, expect, it } from 'vitest';
import {
  cycleSketcher,
  digraph,
  longestPath,
  nodesOnCycles,
  reversed,
  stronglyConnectedComponents,
  successors,
  topologicalOrder,
} from '../../../../core/tasks/dependencyGraph.js';

const graph = (size: number, edges: [number, number][]) => digraph(size, edges.map(([a]) => a), edges.map(([, b]) => b));

describe('dependencyGraph', () => {
  it('keeps successors in edge order and reverses edges', () => {
    const g = graph(3, [[0, 2], [0, 1], [2, 1]]);
    expect([...successors(g, 0)]).toEqual([2, 1]);
    expect([...successors(reversed(g), 1)]).toEqual([0, 2]);
  });

  it('finds strongly connected components and the nodes on cycles', () => {
    const g = graph(6, [[0, 1], [1, 2], [2, 0], [3, 3], [4, 5]]);
    const c = stronglyConnectedComponents(g);
    expect(c.component[0]).toBe(c.component[1]);
    expect(c.component[1]).toBe(c.component[2]);
    expect(c.component[4]).not.toBe(c.component[5]);
    expect(c.count).toBe(4);
    expect([...nodesOnCycles(g, c)]).toEqual([1, 1, 1, 1, 0, 0]);
  });

  it('numbers components in reverse topological order', () => {
    const g = graph(3, [[0, 1], [1, 2]]);
    const c = stronglyConnectedComponents(g);
    expect(c.component[2]).toBeLessThan(c.component[1]!);
    expect(c.component[1]).toBeLessThan(c.component[0]!);
  });

  it('orders topologically with rank tie-breaks, leaving cycles out', () => {
    const g = graph(5, [[3, 0], [4, 0], [1, 2], [2, 1]]);
    expect(topologicalOrder(g)).toEqual([3, 4, 0]);
    expect(topologicalOrder(g, { rank: [0, 9, 9, 2, 1] })).toEqual([4, 3, 0]);
    expect(topologicalOrder(g, { keep: (v) => v !== 4 })).toEqual([3, 0]);
  });

  it('finds the longest path of a DAG', () => {
    const g = graph(5, [[0, 1], [1, 2], [0, 3], [3, 4], [4, 2]]);
    expect(longestPath(g, topologicalOrder(g), [0, 1, 2, 3, 4])).toEqual([0, 3, 4, 2]);
    expect(longestPath(g, [], [])).toEqual([]);
  });

  it('runs Tarjan without recursion on a 200,000-node chain', () => {
    const n = 200_000;
    const edges: [number, number][] = Array.from({ length: n - 1 }, (_, i) => [i, i + 1]);
    edges.push([n - 1, 0]);
    const c = stronglyConnectedComponents(graph(n, edges));
    expect(c.count).toBe(1);
  });

  it('sketches a cycle through each member', () => {
    const g = graph(3, [[0, 1], [1, 2], [2, 0]]);
    const c = stronglyConnectedComponents(g);
    const sketch = cycleSketcher(g, reversed(g), c, 0);
    expect(sketch(0)).toEqual({ walk: [0, 1, 2, 0], omitted: 0 });
    expect(sketch(1)).toEqual({ walk: [1, 2, 0, 1], omitted: 0 });
    expect(sketch(2)).toEqual({ walk: [2, 0, 1, 2], omitted: 0 });
  });
});
