import type { MultiDirectedGraph } from 'graphology';
import type { LinkIndex } from '../links/linkIndex.js';
import type { ParsedNote } from '../markdown/types.js';
import type { Task, TaskIndex } from '../tasks/types.js';

/**
 * The typed relations a note or a task can state about a note or file, written as an inline
 * field (`implements:: [[Spec]]`, `[implements:: [[Spec]]]`) or a frontmatter property
 * (`implements: "[[Spec]]"` or a list). Add a name here and it becomes an edge type
 * (upper-cased), a recognised field and a diagnostic target; nothing else needs to change.
 */
export const RELATION_NAMES = ['implements', 'validates', 'inspires', 'creates'] as const;
export type RelationName = (typeof RELATION_NAMES)[number];
export type RelationEdgeType = Uppercase<RelationName>;

/**
 * - `note`: a markdown file; `code`: a source file (its TODO comments are tasks); `file`: any
 *   other file (attachments, canvases). Every file of the workspace is a node.
 * - `heading`, `block`: a heading or `^block` of a note, only while some link points at it.
 * - `task`: every task (checkbox or code comment).
 * - `role`: a `[role:: …]` value, while some task is assigned to it.
 * - `unresolved`: a link target that names no file, while some link names it.
 */
export type NodeType = 'note' | 'code' | 'file' | 'heading' | 'block' | 'task' | 'role' | 'unresolved';

/**
 * - `LINKS_TO`, `EMBEDS`: a note (or canvas) → what a link or embed of it resolves to (a note,
 *   file, heading or block node, or an unresolved target).
 * - `REFERENCES`: a task → what a link on its own line resolves to.
 * - relation types (`IMPLEMENTS`, …): the note or task that states the relation → its target.
 * - `DEPENDS_ON`: a task → a task it waits for (`⛔ id`); `SUBTASK_OF`: a task → its parent
 *   (indentation or `[parent:: id]`); `ASSIGNED_TO`: a task → its role.
 * - `PART_OF`: a task, heading or block → the file that holds it (structure, not a link).
 */
export type EdgeType =
  | 'LINKS_TO'
  | 'EMBEDS'
  | 'REFERENCES'
  | 'DEPENDS_ON'
  | 'SUBTASK_OF'
  | 'ASSIGNED_TO'
  | 'PART_OF'
  | RelationEdgeType;

export const RELATION_EDGE_TYPES: readonly RelationEdgeType[] = RELATION_NAMES.map((n) => n.toUpperCase() as RelationEdgeType);

/** Edges that stand for something written as a link (what backlinks, outgoing and orphans count). */
export const LINK_EDGE_TYPES: ReadonlySet<EdgeType> = new Set<EdgeType>(['LINKS_TO', 'EMBEDS', 'REFERENCES', ...RELATION_EDGE_TYPES]);

export interface NodeAttributes {
  type: NodeType;
  /** What a person reads: a file's name without `.md`, a heading's text, a task's description, … */
  label: string;
  /** The file the node is or lives in (absent for roles and unresolved targets). */
  path?: string;
  /** Zero-based line, for tasks, headings and blocks. */
  line?: number;
}

export interface EdgeAttributes {
  type: EdgeType;
  /** How many times it is written (two `[[B]]` in A make one LINKS_TO edge with count 2). */
  count: number;
}

/** One edge per (source, type, target); a multigraph so that A → B can be both LINKS_TO and IMPLEMENTS. */
export type ScriptoriumGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

/** What the graph needs of one workspace file (a `WorkspaceFile` fits). */
export interface GraphFile {
  path: string;
  kind: 'markdown' | 'canvas' | 'code' | 'other';
  note: ParsedNote | null;
  tasks: readonly Task[];
}

/** What the graph is built from (a `Workspace` fits). The indexes must reflect the current files. */
export interface GraphSource {
  files(): Iterable<GraphFile>;
  file(path: string): GraphFile | undefined;
  taskIndex(): TaskIndex;
  linkIndex(): LinkIndex;
}

/** Node ids: a file is its vault path; everything else carries a prefix no vault path can have. */
export const nodeId = {
  file: (path: string) => path,
  heading: (path: string, text: string) => `${path}#${text}`,
  block: (path: string, id: string) => `${path}#^${id}`,
  task: (task: Pick<Task, 'path' | 'line'>) => `task:${task.path}:${task.line + 1}`,
  role: (name: string) => `role:${name}`,
  unresolved: (name: string) => `unresolved:${name}`,
};

export function edgeKey(source: string, type: EdgeType, target: string): string {
  return `${source}\u0000${type}\u0000${target}`;
}
