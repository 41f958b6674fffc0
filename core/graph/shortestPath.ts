import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import type { EdgeType, ScriptoriumGraph } from './types.js';

export interface PathStep {
  from: string;
  to: string;
  type: EdgeType;
  /** False when the step walks the edge against its direction (an undirected path). */
  forward: boolean;
}

export interface GraphPath {
  nodes: string[];
  steps: PathStep[];
}

/**
 * A shortest path (fewest hops) between two nodes, over edges of every type, or null when none
 * exists. Undirected by default: a reader follows a link both ways (the backlinks pane), so
 * two notes that both link to a third are two hops apart; `directed: true` follows edges only
 * from source to target (A → B → C when A links B and B links C). Uses graphology-shortest-path's
 * bidirectional BFS; the undirected search sees the same graph through a view whose successors
 * and predecessors are all neighbours, so nothing is copied.
 */
export function shortestPath(graph: ScriptoriumGraph, from: string, to: string, options: { directed?: boolean } = {}): GraphPath | null {
  if (!graph.hasNode(from) || !graph.hasNode(to)) return null;
  const view = options.directed ? graph : undirectedView(graph);
  const nodes = bidirectional(view, from, to);
  if (!nodes) return null;
  const steps: PathStep[] = [];
  for (let i = 1; i < nodes.length; i++) {
    const a = nodes[i - 1]!;
    const b = nodes[i]!;
    const forward = graph.outEdges(a, b);
    const edge = forward.length > 0 ? forward.sort()[0]! : graph.outEdges(b, a).sort()[0]!;
    steps.push({ from: a, to: b, type: graph.getEdgeAttribute(edge, 'type'), forward: forward.length > 0 });
  }
  return { nodes, steps };
}

function undirectedView(graph: ScriptoriumGraph): ScriptoriumGraph {
  const neighbours = (node: unknown) => graph.neighbors(node as string);
  return new Proxy(graph, {
    get(target, property, receiver) {
      if (property === 'outboundNeighbors' || property === 'inboundNeighbors') return neighbours;
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}
