import type { CancellationToken } from 'vscode-languageserver';
import { ScriptoriumErrorCode, ScriptoriumRequest, type GraphNeighbourhoodResult } from '../../../shared-types/protocol.js';
import { ResponseError } from 'vscode-languageserver';
import { graphNodeNamed } from '../../../core/graph/findNode.js';
import { neighbourhood } from '../../../core/graph/linkQueries.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { guard, objectParams, optionalInteger, stringParam } from '../guard.js';
import type { ServerContext } from '../serverContext.js';
import { buildGraphInSlices } from '../warmUp.js';
import { checkpoint } from '../yieldNow.js';

const method = ScriptoriumRequest.graphNeighbourhood;

export function registerGraphNeighbourhood(context: ServerContext): void {
  context.connection.onRequest(method, guard(method, context.log, (params: unknown, token: CancellationToken) => graphNeighbourhood(context, params, token)));
}

/** The graph around a note: links, embeds, typed relations, its tasks, their dependencies and roles, N hops out. */
async function graphNeighbourhood(context: ServerContext, raw: unknown, token: CancellationToken): Promise<GraphNeighbourhoodResult> {
  const params = objectParams(method, raw);
  const note = stringParam(method, params, 'note');
  const depth = optionalInteger(method, params, 'depth', 0, 5) ?? 1;
  await checkpoint(token);
  const workspace = context.state.workspace;
  await buildGraphInSlices(workspace, token);
  const center = findNode(context, workspace, note);
  if (center === null) throw new ResponseError(ScriptoriumErrorCode.refused, `No note or file named "${note}" in the workspace (give a path, a URI or a name as in a wikilink).`);
  const found = neighbourhood(workspace.graph(), center, depth)!;
  const uris = context.uris();
  return {
    center: found.center,
    nodes: found.nodes.map((n) => ({
      id: n.id,
      type: n.type,
      label: n.label,
      distance: n.distance,
      ...(n.path !== undefined ? { path: n.path, uri: uris.uriOf(n.path) } : {}),
      ...(n.line !== undefined ? { line: n.line } : {}),
    })),
    edges: found.edges.map((e) => ({ source: e.source, target: e.target, type: e.type, count: e.count })),
  };
}

/** A URI, a vault path (with or without `.md`), or a wikilink-style name, `#heading` included. */
function findNode(context: ServerContext, workspace: Workspace, name: string): string | null {
  const graph = workspace.graph();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(name)) {
    const path = context.uris().pathOf(name);
    return path !== null && graph.hasNode(path) ? path : null;
  }
  return graphNodeNamed(workspace, graph, name);
}
