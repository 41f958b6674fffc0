// What the Tasks view shows, computed from the server's task tree with no editor API in sight,
// so grouping, nesting and filtering are tested as plain data.
import type { TaskState } from '../../../shared-types/index.js';
import type { TaskItem, TaskTreeNode, TaskTreeResult } from '../../../shared-types/protocol.js';

export type TaskGrouping = 'status' | 'role' | 'file' | 'tag';
export const taskGroupings: readonly TaskGrouping[] = ['status', 'role', 'file', 'tag'];

export interface TaskViewOptions {
  groupBy: TaskGrouping;
  /** Words every shown task (or one of its subtasks) must contain, case-insensitively. */
  filter: string;
  /** Only open, unblocked tasks (and the tasks around them that give them context). */
  readyOnly: boolean;
  /** States left out of the view. */
  hiddenStates: readonly TaskState[];
}

export interface TaskNode {
  task: TaskItem;
  children: TaskNode[];
}

export interface TaskGroup {
  /** Stable within one grouping: the path, state, role or tag. */
  key: string;
  label: string;
  /** A file group's path, to open it. */
  uri?: string;
  nodes: TaskNode[];
  /** Tasks in the group, subtasks included. */
  count: number;
}

/** Lifecycle order: what is moving first, what is finished last. */
const stateOrder: readonly TaskState[] = ['InProgress', 'Active', 'Pending', 'Blocked', 'Failed', 'Completed', 'Cancelled'];
const stateLabels: Record<TaskState, string> = {
  InProgress: 'In progress',
  Active: 'Active (role assigned)',
  Pending: 'Pending',
  Blocked: 'Blocked',
  Failed: 'Failed',
  Completed: 'Completed',
  Cancelled: 'Cancelled',
};
export const noRole = '(no role)';
export const noTag = '(no tag)';

export function isOpen(task: TaskItem): boolean {
  return task.state !== 'Completed' && task.state !== 'Cancelled';
}

/** The server's word (core's one definition of ready). */
export function isReady(task: TaskItem): boolean {
  return task.ready;
}

export function stateLabel(state: TaskState): string {
  return stateLabels[state];
}

/** Every task of the tree, parents before their subtasks. */
export function allTasks(tree: TaskTreeResult): TaskItem[] {
  const out: TaskItem[] = [];
  const walk = (nodes: readonly TaskTreeNode[]) => {
    for (const node of nodes) {
      out.push(node.task);
      walk(node.children);
    }
  };
  for (const file of tree.files) walk(file.tasks);
  return out;
}

/** The open tasks `task` waits for (by id), or their ids when the workspace has no such task. */
export function blockersOf(task: TaskItem, byId: ReadonlyMap<string, TaskItem>): string[] {
  if (!task.blocked) return [];
  const names: string[] = [];
  for (const id of task.dependsOn) {
    const target = byId.get(id.toLowerCase());
    if (!target) names.push(id);
    else if (isOpen(target)) names.push(target.description || id);
  }
  return names;
}

export function indexById(tree: TaskTreeResult): Map<string, TaskItem> {
  const byId = new Map<string, TaskItem>();
  for (const task of allTasks(tree)) if (task.id !== null && !byId.has(task.id.toLowerCase())) byId.set(task.id.toLowerCase(), task);
  return byId;
}

/**
 * The view's groups. By file, a file's task hierarchy is kept whole. Otherwise a task sits in its
 * own group with its subtasks below it; a subtask also heads its own group when its parent is
 * elsewhere, so every task can be found under its state, role or tag.
 */
export function groupTasks(tree: TaskTreeResult, options: TaskViewOptions): TaskGroup[] {
  const shown = visibility(options);
  const prune = (nodes: readonly TaskTreeNode[]): TaskNode[] => {
    const out: TaskNode[] = [];
    for (const node of nodes) {
      const children = prune(node.children);
      if (shown(node.task) || children.length > 0) out.push({ task: node.task, children });
    }
    return out;
  };

  if (options.groupBy === 'file') {
    const groups: TaskGroup[] = [];
    for (const file of tree.files) {
      const nodes = prune(file.tasks);
      if (nodes.length > 0) groups.push({ key: file.path, label: file.path, uri: file.uri, nodes, count: countNodes(nodes) });
    }
    return groups;
  }

  const keysOf = groupKeys(options.groupBy);
  const groups = new Map<string, TaskNode[]>();
  const walk = (nodes: readonly TaskTreeNode[], ancestorKeys: ReadonlySet<string>) => {
    for (const node of nodes) {
      const keys = shown(node.task) ? keysOf(node.task) : [];
      for (const key of keys) {
        if (ancestorKeys.has(key)) continue; // already shown below its parent in this group
        const list = groups.get(key) ?? [];
        list.push({ task: node.task, children: prune(node.children) });
        groups.set(key, list);
      }
      walk(node.children, new Set([...ancestorKeys, ...keys]));
    }
  };
  for (const file of tree.files) walk(file.tasks, new Set());

  const order = (key: string) => (options.groupBy === 'status' ? stateOrder.indexOf(key as TaskState) : 0);
  const isFallback = (key: string) => key === noRole || key === noTag;
  return [...groups.entries()]
    .sort(([a], [b]) => order(a) - order(b) || Number(isFallback(a)) - Number(isFallback(b)) || a.localeCompare(b))
    .map(([key, nodes]) => ({
      key,
      label: options.groupBy === 'status' ? stateLabel(key as TaskState) : options.groupBy === 'tag' && key !== noTag ? `#${key.replace(/^#/, '')}` : key,
      nodes,
      count: countNodes(nodes),
    }));
}

function groupKeys(groupBy: Exclude<TaskGrouping, 'file'>): (task: TaskItem) => string[] {
  switch (groupBy) {
    case 'status':
      return (task) => [task.state];
    case 'role':
      return (task) => [task.role ?? noRole];
    case 'tag':
      return (task) => (task.tags.length > 0 ? [...new Set(task.tags.map((t) => t.replace(/^#/, '')))] : [noTag]);
  }
}

function visibility(options: TaskViewOptions): (task: TaskItem) => boolean {
  const words = options.filter.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const hidden = new Set(options.hiddenStates);
  return (task) => {
    if (hidden.has(task.state)) return false;
    if (options.readyOnly && !isReady(task)) return false;
    if (words.length === 0) return true;
    const text = searchableText(task);
    return words.every((w) => text.includes(w));
  };
}

function searchableText(task: TaskItem): string {
  return [task.description, task.path, task.id ?? '', task.role ?? '', task.keyword ?? '', task.owner ?? '', task.status.name, task.state, ...task.tags].join(' ').toLowerCase();
}

function countNodes(nodes: readonly TaskNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countNodes(node.children), 0);
}

/** The short line beside a task's name: what blocks it, its progress, role, due date and place. */
export function taskDescription(task: TaskItem, byId: ReadonlyMap<string, TaskItem>, withPlace: boolean): string {
  const parts: string[] = [];
  const blockers = blockersOf(task, byId);
  if (blockers.length > 0) parts.push(`⛔ ${blockers.join(', ')}`);
  if (task.progress) parts.push(`${task.progress.done}/${task.progress.total}`);
  if (task.role) parts.push(`@${task.role}`);
  if (task.due) parts.push(`📅 ${task.due}`);
  if (withPlace) parts.push(`${task.path}:${task.line}`);
  return parts.join(' · ');
}

/** The name a task is listed by: its text, after the keyword for TODO comments. */
export function taskLabel(task: TaskItem): string {
  const text = task.description.trim() || '(no description)';
  if (task.source !== 'code' || !task.keyword) return text;
  return `${task.keyword}${task.owner ? `(${task.owner})` : ''}: ${text}`;
}

/** Markdown for the hover over a task. */
export function taskTooltip(task: TaskItem, byId: ReadonlyMap<string, TaskItem>): string {
  const lines = [`**${escapeMarkdown(taskLabel(task))}**`, ''];
  lines.push(`${stateLabel(task.state)} · status \`[${task.status.symbol}]\` ${task.status.name}`);
  const blockers = blockersOf(task, byId);
  if (blockers.length > 0) lines.push('', `Blocked by: ${blockers.map(escapeMarkdown).join(', ')}`);
  if (task.blocking) lines.push('', 'Other open tasks wait for this one.');
  if (task.progress) lines.push('', `Subtasks: ${task.progress.done} of ${task.progress.total} done`);
  const fields: string[] = [];
  if (task.id) fields.push(`id \`${task.id}\``);
  if (task.role) fields.push(`role ${escapeMarkdown(task.role)}`);
  if (task.due) fields.push(`due ${task.due}`);
  if (task.scheduled) fields.push(`scheduled ${task.scheduled}`);
  if (task.priority !== 'normal') fields.push(`priority ${task.priority}`);
  if (task.tags.length > 0) fields.push(task.tags.map((t) => `#${t.replace(/^#/, '')}`).join(' '));
  if (fields.length > 0) lines.push('', fields.join(' · '));
  lines.push('', `${escapeMarkdown(task.path)}:${task.line}`);
  return lines.join('\n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, (c) => `\\${c}`);
}
