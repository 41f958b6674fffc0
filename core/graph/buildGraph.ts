import { MultiDirectedGraph } from 'graphology';
import type { Link } from '../markdown/types.js';
import { relationsOfNote } from './relations.js';
import {
  type EdgeAttributes,
  edgeKey,
  type EdgeType,
  type GraphFile,
  type GraphSource,
  type NodeAttributes,
  nodeId,
  type RelationEdgeType,
  type ScriptoriumGraph,
} from './types.js';

/**
 * The relationship graph of a workspace: every file, task, linked heading and block, role and
 * unresolved target as a node; links, embeds, task references, typed relations, dependencies,
 * parents, roles and containment as typed edges (see types.ts for each type).
 *
 * Ownership, which makes incremental updates exact:
 * - every edge except `PART_OF` belongs to the file of its source node (a note's links belong to
 *   the note, a task's dependencies to the task's file), and is derived from that file's text
 *   plus the link and task indexes;
 * - a file owns its own node and the nodes `PART_OF` it (its tasks, its linked headings/blocks);
 * - heading, block, role and unresolved nodes exist only while some edge points at them.
 */
export function buildGraph(source: GraphSource): ScriptoriumGraph {
  const graph: ScriptoriumGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  const files = [...source.files()];
  for (const file of files) addNodes(graph, file);
  for (const file of files) addEdges(graph, source, file);
  return graph;
}

/**
 * A graph built a few files at a time (`step` until it returns true), so that a server can
 * answer requests in between. The files are listed when the build starts; each is read from
 * the source as it is reached. Files may change meanwhile: the owner notes them and, once the
 * build is done, applies them with `updateGraph` (which re-derives the changed files and every
 * file pointing into them). Until then an edge whose end is not in the graph yet (a file added,
 * or a task moved, after its nodes were made) is left out: it belongs to or points into a
 * changed file, so that update makes it.
 */
export class SlicedGraphBuild {
  readonly graph: ScriptoriumGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  private readonly paths: string[];
  private position = 0;
  private edgesPhase = false;
  /** Some edge was left out: the build may hold target nodes nothing points at. */
  private incomplete = false;

  constructor(private readonly source: GraphSource) {
    this.paths = Array.from(source.files(), (f) => f.path);
  }

  /** Builds until done or until `shouldYield()` says so (asked after each file); true once done. */
  step(shouldYield: () => boolean): boolean {
    for (;;) {
      if (this.position === this.paths.length) {
        if (this.edgesPhase) return true;
        this.edgesPhase = true;
        this.position = 0;
      }
      const file = this.source.file(this.paths[this.position++]!);
      if (file) {
        if (!this.edgesPhase) {
          if (!this.graph.hasNode(nodeId.file(file.path))) addNodes(this.graph, file);
        } else if (this.graph.hasNode(nodeId.file(file.path))) {
          const before = leftOut;
          addEdges(this.graph, this.source, file, true);
          if (leftOut !== before) this.incomplete = true;
        }
      }
      if (this.position === this.paths.length && this.edgesPhase) {
        if (this.incomplete) this.dropUnreferenced();
        return true;
      }
      if (shouldYield()) return false;
    }
  }

  /** Target nodes made for an edge that was then left out exist only while something points at them. */
  private dropUnreferenced(): void {
    const unreferenced: string[] = [];
    this.graph.forEachNode((node, attributes) => {
      const type = attributes.type;
      if ((type === 'heading' || type === 'block' || type === 'role' || type === 'unresolved') && this.graph.inDegree(node) === 0) unreferenced.push(node);
    });
    for (const node of unreferenced) this.graph.dropNode(node);
  }
}

/**
 * Brings `graph` up to date after the files at `changed` were added, replaced or removed;
 * `source` (and its link and task indexes) must already reflect the change.
 *
 * Incremental rule: the changed files are re-derived whole (their nodes dropped with every edge
 * touching them, then re-added), and so are the out-edges of every file that could point into
 * them — the owners of edges that pointed into a changed file's nodes before (read from the
 * graph), the files whose links resolve to a changed file now (the link index's backlinks) and
 * the files of tasks that depend on, or are children of, a changed file's tasks now (the task
 * index). Parent links can also move when a `[parent:: …]` loop is cut elsewhere, so tasks with
 * an explicit parent whose `SUBTASK_OF` edge disagrees with the task index are re-derived too.
 * Heading, block, role and unresolved nodes left without incoming edges are dropped. The cost
 * is that of the changed files and their neighbours, not of the vault (besides the scan of
 * explicit-parent tasks).
 */
export function updateGraph(graph: ScriptoriumGraph, source: GraphSource, changed: Iterable<string>): void {
  const changedSet = new Set(changed);
  const affected = new Set(changedSet);
  for (const path of changedSet) {
    if (!graph.hasNode(path)) continue;
    for (const node of ownedNodes(graph, path)) {
      graph.forEachInEdge(node, (_edge, attributes, from) => {
        if (attributes.type === 'PART_OF') return;
        const owner = graph.getNodeAttribute(from, 'path');
        if (owner !== undefined) affected.add(owner);
      });
    }
  }
  const links = source.linkIndex();
  const tasks = source.taskIndex();
  for (const path of changedSet) {
    const file = source.file(path);
    if (!file) continue;
    for (const from of links.backlinks(path).keys()) affected.add(from);
    for (const task of file.tasks) {
      for (const t of tasks.dependentsOf(task)) affected.add(t.path);
      for (const t of tasks.childrenOf(task)) affected.add(t.path);
    }
  }
  for (const task of tasks.tasks) {
    if (task.parentId === null || affected.has(task.path)) continue;
    const id = nodeId.task(task);
    if (!graph.hasNode(id)) continue;
    const parent = tasks.parentOf(task);
    const expected = parent ? nodeId.task(parent) : null;
    let current: string | null = null;
    graph.forEachOutEdge(id, (_edge, attributes, _from, to) => {
      if (attributes.type === 'SUBTASK_OF') current = to;
    });
    if (current !== expected) affected.add(task.path);
  }

  const touched = new Set<string>();
  for (const path of changedSet) {
    if (!graph.hasNode(path)) continue;
    for (const node of ownedNodes(graph, path)) {
      graph.forEachOutEdge(node, (_edge, _attributes, _from, to) => touched.add(to));
      graph.dropNode(node);
    }
  }
  for (const path of affected) {
    if (changedSet.has(path) || !graph.hasNode(path)) continue;
    for (const node of ownedNodes(graph, path)) {
      for (const edge of graph.outEdges(node)) {
        if (graph.getEdgeAttribute(edge, 'type') === 'PART_OF') continue;
        touched.add(graph.target(edge));
        graph.dropEdge(edge);
      }
    }
  }
  for (const path of changedSet) {
    const file = source.file(path);
    if (file) addNodes(graph, file);
  }
  for (const path of [...affected].sort()) {
    const file = source.file(path);
    if (file) addEdges(graph, source, file);
  }
  for (const node of touched) {
    if (!graph.hasNode(node)) continue;
    const type = graph.getNodeAttribute(node, 'type');
    if ((type === 'heading' || type === 'block' || type === 'role' || type === 'unresolved') && graph.inDegree(node) === 0) graph.dropNode(node);
  }
}

/** A file's node and the nodes `PART_OF` it. */
function ownedNodes(graph: ScriptoriumGraph, path: string): string[] {
  const out = [path];
  graph.forEachInEdge(path, (_edge, attributes, from) => {
    if (attributes.type === 'PART_OF') out.push(from);
  });
  return out;
}

function addNodes(graph: ScriptoriumGraph, file: GraphFile): void {
  const type = file.kind === 'markdown' ? 'note' : file.kind === 'code' ? 'code' : 'file';
  graph.addNode(nodeId.file(file.path), { type, label: labelOfPath(file.path, type === 'note'), path: file.path });
  for (const task of file.tasks) {
    const id = nodeId.task(task);
    if (graph.hasNode(id)) continue;
    graph.addNode(id, { type: 'task', label: task.description, path: task.path, line: task.line });
    addEdge(graph, id, 'PART_OF', file.path);
  }
}

/** `partial`: a sliced build, where an edge with an end not made yet is left out (see SlicedGraphBuild). */
function addEdges(graph: ScriptoriumGraph, source: GraphSource, file: GraphFile, partial = false): void {
  const addEdge = partial ? addEdgeIfBothEnds : addEdgeStrict;
  const outgoing = source.linkIndex().outgoing(file.path);
  if (outgoing.length > 0) {
    const relations = file.note ? relationsOfNote(file.note, outgoing.map((o) => o.link)).relations : null;
    const taskOnLine = new Map<number, string>();
    for (const task of file.tasks) if (task.source === 'markdown') taskOnLine.set(task.line, nodeId.task(task));
    for (const { link, target } of outgoing) {
      const to = partial && target !== null && !graph.hasNode(target) ? target : linkTargetNode(graph, source, link, target);
      const relation = relations?.get(link);
      const relationType = relation ? (relation.toUpperCase() as RelationEdgeType) : null;
      const linkType: EdgeType = link.kind === 'embed' || link.kind === 'markdown-embed' ? 'EMBEDS' : 'LINKS_TO';
      const task = file.note ? taskOnLine.get(link.range.start.line) : undefined;
      if (task !== undefined) {
        // A task states the relation or references the target; the note still links to it.
        addEdge(graph, task, relationType ?? 'REFERENCES', to);
        addEdge(graph, file.path, linkType, to);
      } else {
        addEdge(graph, file.path, relationType ?? linkType, to);
      }
    }
  }
  if (file.tasks.length === 0) return;
  const index = source.taskIndex();
  for (const task of file.tasks) {
    const id = nodeId.task(task);
    for (const dependency of index.dependenciesOf(task)) addEdge(graph, id, 'DEPENDS_ON', nodeId.task(dependency));
    const parent = index.parentOf(task);
    if (parent) addEdge(graph, id, 'SUBTASK_OF', nodeId.task(parent));
    const role = task.role?.trim();
    if (role) {
      const roleNode = nodeId.role(role);
      if (!graph.hasNode(roleNode)) graph.addNode(roleNode, { type: 'role', label: role });
      addEdge(graph, id, 'ASSIGNED_TO', roleNode);
    }
  }
}

/** The node a link points at: a linked heading or block (created on demand), the file, or an unresolved name. */
function linkTargetNode(graph: ScriptoriumGraph, source: GraphSource, link: Link, target: string | null): string {
  if (target === null) {
    const id = nodeId.unresolved(link.target);
    if (!graph.hasNode(id)) graph.addNode(id, { type: 'unresolved', label: link.target });
    return id;
  }
  if (link.subpath) {
    const sub = subpathNode(source, target, link.subpath);
    if (sub) {
      if (!graph.hasNode(sub.id)) {
        graph.addNode(sub.id, sub.attributes);
        addEdge(graph, sub.id, 'PART_OF', target);
      }
      return sub.id;
    }
  }
  return target;
}

/**
 * The heading or block a subpath names in the note at `path`, or null (then the link points at
 * the note, as Obsidian still opens it). `#A#B` names the heading B (nested under A); headings
 * match ignoring case and runs of spaces, block ids ignoring case.
 */
export function subpathNode(source: GraphSource, path: string, subpath: string): { id: string; attributes: NodeAttributes } | null {
  const note = source.file(path)?.note;
  if (!note) return null;
  const parts = subpath.split('#').map((s) => s.trim()).filter((s) => s !== '');
  const last = parts[parts.length - 1];
  if (last === undefined) return null;
  if (last.startsWith('^')) {
    const wanted = last.slice(1).toLowerCase();
    const block = note.blockIds.find((b) => b.id.toLowerCase() === wanted);
    return block ? { id: nodeId.block(path, block.id), attributes: { type: 'block', label: `^${block.id}`, path, line: block.line } } : null;
  }
  const wanted = normalizeHeading(last);
  const heading = note.headings.find((h) => normalizeHeading(h.text) === wanted);
  return heading ? { id: nodeId.heading(path, heading.text), attributes: { type: 'heading', label: heading.text, path, line: heading.line } } : null;
}

function normalizeHeading(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Edges a sliced build left out (see SlicedGraphBuild.step). */
let leftOut = 0;

function addEdgeIfBothEnds(graph: ScriptoriumGraph, from: string, type: EdgeType, to: string): void {
  if (graph.hasNode(from) && graph.hasNode(to)) addEdgeStrict(graph, from, type, to);
  else leftOut++;
}

const addEdge = addEdgeStrict;

function addEdgeStrict(graph: ScriptoriumGraph, from: string, type: EdgeType, to: string): void {
  const key = edgeKey(from, type, to);
  if (graph.hasEdge(key)) graph.updateEdgeAttribute(key, 'count', (n) => (n ?? 0) + 1);
  else graph.addDirectedEdgeWithKey(key, from, to, { type, count: 1 });
}

function labelOfPath(path: string, note: boolean): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return note ? name.replace(/\.(md|markdown)$/i, '') : name;
}
