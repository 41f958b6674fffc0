import { type EdgeType, LINK_EDGE_TYPES, type NodeAttributes, type ScriptoriumGraph } from './types.js';

export interface GraphEdge {
  source: string;
  target: string;
  type: EdgeType;
  /** How many times it is written. */
  count: number;
}

/**
 * What links to the note (or file) at `path`: every link-like edge (LINKS_TO, EMBEDS,
 * REFERENCES and the typed relations) into it or into one of its linked headings and blocks.
 * Sources are notes, canvases and tasks (a task's REFERENCES come beside its note's LINKS_TO).
 */
export function backlinks(graph: ScriptoriumGraph, path: string): GraphEdge[] {
  if (!graph.hasNode(path)) return [];
  const out: GraphEdge[] = [];
  for (const node of partsOf(graph, path)) {
    graph.forEachInEdge(node, (_edge, attributes, source, target) => {
      if (LINK_EDGE_TYPES.has(attributes.type)) out.push({ source, target, type: attributes.type, count: attributes.count });
    });
  }
  return out.sort(compareEdges);
}

/** What the note (or canvas) at `path` links to: its own link-like edges, one per target and type. */
export function outgoing(graph: ScriptoriumGraph, path: string): GraphEdge[] {
  if (!graph.hasNode(path)) return [];
  const out: GraphEdge[] = [];
  graph.forEachOutEdge(path, (_edge, attributes, source, target) => {
    if (LINK_EDGE_TYPES.has(attributes.type)) out.push({ source, target, type: attributes.type, count: attributes.count });
  });
  return out.sort(compareEdges);
}

export interface UnresolvedTarget {
  /** The name as written in the links. */
  name: string;
  /** The notes and tasks whose links name it. */
  from: GraphEdge[];
}

/** Every link target that names no file, with what names it, by name. */
export function unresolved(graph: ScriptoriumGraph): UnresolvedTarget[] {
  const out: UnresolvedTarget[] = [];
  graph.forEachNode((node, attributes) => {
    if (attributes.type !== 'unresolved') return;
    const from: GraphEdge[] = [];
    graph.forEachInEdge(node, (_edge, a, source, target) => from.push({ source, target, type: a.type, count: a.count }));
    out.push({ name: attributes.label, from: from.sort(compareEdges) });
  });
  return out.sort((a, b) => compare(a.name, b.name));
}

/**
 * Notes with no link in or out: no link-like edge joins the note, its tasks or its linked
 * headings and blocks to anything outside the note (a link to itself does not count; a link to
 * an unresolved name does). Dependencies and roles are not links. In path order.
 */
export function orphans(graph: ScriptoriumGraph): string[] {
  const out: string[] = [];
  graph.forEachNode((node, attributes) => {
    if (attributes.type !== 'note') return;
    const connected = partsOf(graph, node).some((part) =>
      graph.someEdge(part, (_edge, a, source, target) => {
        if (!LINK_EDGE_TYPES.has(a.type)) return false;
        const other = source === part ? target : source;
        return homeOf(graph, other) !== node;
      }),
    );
    if (!connected) out.push(node);
  });
  return out.sort(compare);
}

export interface NeighbourhoodNode extends NodeAttributes {
  id: string;
  /** Hops from the centre. */
  distance: number;
}

export interface Neighbourhood {
  center: string;
  nodes: NeighbourhoodNode[];
  edges: GraphEdge[];
}

/**
 * Every node within `depth` hops of `center`, following edges of every type in both directions,
 * and every edge between two of those nodes. Nodes by distance, then id; edges by type, source,
 * target. Null when the centre is not a node.
 */
export function neighbourhood(graph: ScriptoriumGraph, center: string, depth: number): Neighbourhood | null {
  if (!graph.hasNode(center)) return null;
  const distance = new Map<string, number>([[center, 0]]);
  let frontier = [center];
  for (let hop = 1; hop <= depth && frontier.length > 0; hop++) {
    const next: string[] = [];
    for (const node of frontier) {
      graph.forEachNeighbor(node, (neighbour) => {
        if (distance.has(neighbour)) return;
        distance.set(neighbour, hop);
        next.push(neighbour);
      });
    }
    frontier = next;
  }
  const nodes: NeighbourhoodNode[] = [...distance].map(([id, d]) => ({ id, distance: d, ...graph.getNodeAttributes(id) }));
  nodes.sort((a, b) => a.distance - b.distance || compare(a.id, b.id));
  const edges: GraphEdge[] = [];
  for (const node of distance.keys()) {
    graph.forEachOutEdge(node, (_edge, a, source, target) => {
      if (distance.has(target)) edges.push({ source, target, type: a.type, count: a.count });
    });
  }
  return { center, nodes, edges: edges.sort((a, b) => compare(a.type, b.type) || compareEdges(a, b)) };
}

/** A file's node and the nodes PART_OF it (tasks, linked headings and blocks). */
export function partsOf(graph: ScriptoriumGraph, path: string): string[] {
  const out = [path];
  graph.forEachInEdge(path, (_edge, a, source) => {
    if (a.type === 'PART_OF') out.push(source);
  });
  return out;
}

/** The file a node is or lives in; for roles and unresolved names, the node itself. */
function homeOf(graph: ScriptoriumGraph, node: string): string {
  return graph.getNodeAttribute(node, 'path') ?? node;
}

function compareEdges(a: GraphEdge, b: GraphEdge): number {
  return compare(a.source, b.source) || compare(a.target, b.target) || compare(a.type, b.type);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
