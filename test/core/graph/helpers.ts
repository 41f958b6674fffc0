import { buildGraph } from '../../../core/graph/buildGraph.js';
import type { ScriptoriumGraph } from '../../../core/graph/types.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

/** A workspace from `{ path: text }`; non-note files (images, PDFs) are given as ''. */
export function workspaceOf(files: Record<string, string>): Workspace {
  const workspace = new Workspace(defaultTaskSettings());
  for (const [path, text] of Object.entries(files)) workspace.setText(path, text);
  return workspace;
}

/** Every edge as `source -TYPE-> target` (with `×n` when written n > 1 times), sorted. */
export function edgeList(graph: ScriptoriumGraph): string[] {
  return graph
    .mapEdges((_e, a, s, t) => `${s} -${a.type}-> ${t}${a.count > 1 ? ` ×${a.count}` : ''}`)
    .sort();
}

/** Every node as `id (type) label`, sorted. */
export function nodeList(graph: ScriptoriumGraph): string[] {
  return graph.mapNodes((id, a) => `${id} (${a.type}${a.line !== undefined ? ` @${a.line}` : ''}) ${a.label}`).sort();
}

/** The edges of a given type. */
export function edgesOfType(graph: ScriptoriumGraph, type: string): string[] {
  return edgeList(graph).filter((e) => e.includes(` -${type}-> `));
}

/** Nodes and edges of a fresh build of the workspace's current files. */
export function fresh(workspace: Workspace): { nodes: string[]; edges: string[] } {
  const graph = buildGraph(workspace);
  return { nodes: nodeList(graph), edges: edgeList(graph) };
}
