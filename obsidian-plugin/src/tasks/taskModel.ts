import type { TaskItem, TaskTreeNode, TaskTreeResult } from '../../../shared-types/protocol.js';

export type Grouping = 'note' | 'status' | 'role' | 'tag';

export interface PaneOptions {
  grouping: Grouping;
  /** Words that must all appear in a task's description, path, tags or role. */
  filter: string;
  /** Only tasks that can be started now: open, and waiting for nothing. */
  readyOnly: boolean;
}

/** A task as the pane shows it: `matches` false means it is only there to hold a matching subtask. */
export interface ShownNode {
  task: TaskItem;
  matches: boolean;
  children: ShownNode[];
}

export interface TaskGroup {
  title: string;
  /** The note the group stands for, when grouped by note. */
  path?: string;
  nodes: ShownNode[];
}

const closedTypes = new Set(['DONE', 'CANCELLED', 'NON_TASK']);

export function isOpen(task: TaskItem): boolean {
  return !closedTypes.has(task.status.type);
}

/** The server's word (core's one definition of ready: a Failed task is not ready). */
export function isReady(task: TaskItem): boolean {
  return task.ready;
}

export function allTasks(tree: TaskTreeResult): TaskItem[] {
  const out: TaskItem[] = [];
  const walk = (node: TaskTreeNode) => {
    out.push(node.task);
    node.children.forEach(walk);
  };
  for (const file of tree.files) file.tasks.forEach(walk);
  return out;
}

/** The open tasks this one waits for (its `dependsOn` ids that name a task not yet done). */
export function blockersOf(task: TaskItem, byId: ReadonlyMap<string, TaskItem[]>): { id: string; task: TaskItem | null }[] {
  const out: { id: string; task: TaskItem | null }[] = [];
  for (const id of task.dependsOn) {
    const targets = byId.get(id) ?? [];
    if (targets.length === 0) out.push({ id, task: null });
    for (const target of targets) if (isOpen(target)) out.push({ id, task: target });
  }
  return out;
}

export function tasksById(tasks: readonly TaskItem[]): Map<string, TaskItem[]> {
  const byId = new Map<string, TaskItem[]>();
  for (const task of tasks) if (task.id) byId.set(task.id, [...(byId.get(task.id) ?? []), task]);
  return byId;
}

function matcher(options: PaneOptions): (task: TaskItem) => boolean {
  const words = options.filter.toLowerCase().split(/\s+/).filter((w) => w !== '');
  return (task) => {
    if (options.readyOnly && !isReady(task)) return false;
    if (words.length === 0) return true;
    const haystack = `${task.description} ${task.path} ${task.tags.join(' ')} ${task.role ?? ''} ${task.status.name}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  };
}

/** The node with only matching tasks and the ancestors that hold them; null when nothing under it matches. */
function prune(node: TaskTreeNode, matches: (task: TaskItem) => boolean): ShownNode | null {
  const children = node.children.map((c) => prune(c, matches)).filter((c): c is ShownNode => c !== null);
  const self = matches(node.task);
  return self || children.length > 0 ? { task: node.task, matches: self, children } : null;
}

/** Top-level trees (a task with its subtasks) grouped as asked; subtasks stay under their parent. */
export function groupTasks(tree: TaskTreeResult, options: PaneOptions): TaskGroup[] {
  const matches = matcher(options);
  if (options.grouping === 'note') {
    return tree.files
      .map((file) => ({ title: file.path.replace(/\.md$/, ''), path: file.path, nodes: file.tasks.map((n) => prune(n, matches)).filter((n): n is ShownNode => n !== null) }))
      .filter((g) => g.nodes.length > 0);
  }
  const groups = new Map<string, ShownNode[]>();
  const add = (key: string, node: ShownNode) => groups.set(key, [...(groups.get(key) ?? []), node]);
  for (const file of tree.files) {
    for (const root of file.tasks) {
      const node = prune(root, matches);
      if (!node) continue;
      const task = root.task;
      if (options.grouping === 'status') add(task.status.name || task.status.type, node);
      else if (options.grouping === 'role') add(task.role ?? '(no role)', node);
      else if (task.tags.length === 0) add('(no tag)', node);
      else for (const tag of task.tags) add(tag.startsWith('#') ? tag : `#${tag}`, node);
    }
  }
  return [...groups.entries()].sort(([a], [b]) => (a.startsWith('(') ? 1 : b.startsWith('(') ? -1 : a.localeCompare(b))).map(([title, nodes]) => ({ title, nodes }));
}

export function countTasks(groups: readonly TaskGroup[]): number {
  let n = 0;
  const walk = (node: ShownNode) => {
    if (node.matches) n++;
    node.children.forEach(walk);
  };
  for (const group of groups) group.nodes.forEach(walk);
  return n;
}
