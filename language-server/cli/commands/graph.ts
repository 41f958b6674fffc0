import { graphNodeNamed } from '../../../core/graph/findNode.js';
import { type Neighbourhood, neighbourhood } from '../../../core/graph/linkQueries.js';
import type { NodeAttributes } from '../../../core/graph/types.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';

/** `graph <dir> <note> [--depth N] [--json]`: the neighbourhood of one note in the relationship graph. */
export async function graphCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('graph', args, { json: { type: 'boolean' }, depth: { type: 'string' }, store: { type: 'string' } });
  const [dir, note, ...extra] = positionals;
  if (!dir || !note || extra.length > 0) throw new UserError('graph: expected a directory and a note, e.g. scriptorium graph ./vault "Website relaunch"');
  const depth = values.depth === undefined ? 1 : Number(values.depth);
  if (!Number.isInteger(depth) || depth < 0 || !/^\d+$/.test(values.depth ?? '1'))
    throw new UserError(`graph: --depth must be a whole number of hops (0 or more), not '${values.depth}'.`);
  const workspace = await loadWorkspace(dir, { store: values.store ?? 'auto' });
  const graph = workspace.graph();
  const center = graphNodeNamed(workspace, graph, note);
  if (center === null) throw new UserError(`graph: no note or file named "${note}" in ${dir} (give a vault path or a name as in a wikilink).`);
  const found = neighbourhood(graph, center, depth)!;
  if (values.json) {
    const json = {
      center: found.center,
      nodes: found.nodes.map((n) => ({ id: n.id, type: n.type, label: n.label, ...(n.path !== undefined ? { path: n.path } : {}) })),
      edges: found.edges.map((e) => ({ source: e.source, target: e.target, type: e.type })),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    process.stdout.write(readable(found, depth));
  }
  return 0;
}


function readable(found: Neighbourhood, depth: number): string {
  const byId = new Map(found.nodes.map((n) => [n.id, n]));
  const show = (id: string) => describe(id, byId.get(id)!);
  const center = found.center;
  const out = [`${show(center)}: ${found.nodes.length - 1} node(s) within ${depth} hop(s), ${found.edges.length} edge(s)`];
  const groups = new Map<string, string[]>();
  const further: string[] = [];
  for (const e of found.edges) {
    if (e.source === center && e.target === center) continue;
    if (e.source === center) push(groups, `${e.type} →`, show(e.target));
    else if (e.target === center) push(groups, `${e.type} ←`, show(e.source));
    else further.push(`  ${show(e.source)} —${e.type}→ ${show(e.target)}`);
  }
  for (const [group, lines] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push('', group, ...lines.sort().map((l) => `  ${l}`));
  }
  if (further.length > 0) out.push('', 'Between the others:', ...further);
  return `${out.join('\n')}\n`;
}

function describe(id: string, node: NodeAttributes): string {
  switch (node.type) {
    case 'task':
      return `${node.path}:${(node.line ?? 0) + 1}  ${node.label}  [task]`;
    case 'heading':
    case 'block':
      return `${id}  [${node.type}]`;
    case 'role':
      return `${node.label}  [role]`;
    case 'unresolved':
      return `"${node.label}"  [unresolved]`;
    default:
      return node.type === 'note' ? id : `${id}  [${node.type}]`;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
