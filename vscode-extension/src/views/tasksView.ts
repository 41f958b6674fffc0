import * as vscode from 'vscode';
import type { TaskState } from '../../../shared-types/index.js';
import { ScriptoriumRequest, type TaskItem, type TaskTreeResult } from '../../../shared-types/protocol.js';
import type { ServerConnection } from '../client/connection.js';
import {
  allTasks,
  groupTasks,
  indexById,
  isOpen,
  isReady,
  taskDescription,
  taskLabel,
  taskTooltip,
  type TaskGroup,
  type TaskGrouping,
  type TaskNode,
  type TaskViewOptions,
} from './taskModel.js';

export type TasksElement = { kind: 'group'; group: TaskGroup } | { kind: 'task'; node: TaskNode; groupKey: string };

const stateIcons: Record<TaskState, [string, string?]> = {
  Pending: ['circle-large-outline'],
  Active: ['account', 'charts.blue'],
  InProgress: ['play-circle', 'charts.yellow'],
  Blocked: ['lock', 'charts.red'],
  Completed: ['pass-filled', 'charts.green'],
  Failed: ['error', 'errorForeground'],
  Cancelled: ['circle-slash', 'disabledForeground'],
};

/** The Tasks view: the server's task tree, grouped, filtered and nested for the view's options. */
export class TasksTreeProvider implements vscode.TreeDataProvider<TasksElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TasksElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly loaded = new vscode.EventEmitter<TaskTreeResult>();
  /** Fires after each fresh task tree from the server (the status bar counts ready tasks from it). */
  readonly onDidLoad = this.loaded.event;
  private tree: TaskTreeResult = { files: [] };
  private byId = new Map<string, TaskItem>();
  private groups: TaskGroup[] = [];
  private loading: Promise<void> | null = null;
  private reloadAfter = false;
  /** The last failure to load, shown as the view's message. */
  error: string | null = null;

  constructor(
    private readonly connection: ServerConnection,
    private options: TaskViewOptions,
  ) {}

  get viewOptions(): TaskViewOptions {
    return this.options;
  }

  setOptions(change: Partial<TaskViewOptions>): void {
    this.options = { ...this.options, ...change };
    this.regroup();
  }

  /** Asks the server for the task tree again; calls made while one is under way coalesce into one more. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.reloadAfter = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.reloadAfter = false;
        try {
          this.tree = await this.connection.sendRequest<TaskTreeResult>(ScriptoriumRequest.taskTree, {});
          this.error = null;
        } catch (e) {
          this.error = e instanceof Error ? e.message : String(e);
        }
        this.byId = indexById(this.tree);
        this.regroup();
        this.loaded.fire(this.tree);
      } while (this.reloadAfter);
    })().finally(() => (this.loading = null));
    return this.loading;
  }

  tasks(): TaskItem[] {
    return allTasks(this.tree);
  }

  readyCount(): number {
    return this.tasks().filter(isReady).length;
  }

  /** The task on `line` (zero-based) of `uri`, for commands run from the editor. */
  taskAt(uri: string, line: number): TaskItem | undefined {
    return this.tasks().find((t) => t.uri === uri && t.line === line + 1);
  }

  private regroup(): void {
    this.groups = groupTasks(this.tree, this.options);
    this.changed.fire(undefined);
  }

  getChildren(element?: TasksElement): TasksElement[] {
    if (!element) return this.groups.map((group) => ({ kind: 'group', group }));
    const groupKey = element.kind === 'group' ? element.group.key : element.groupKey;
    const nodes = element.kind === 'group' ? element.group.nodes : element.node.children;
    return nodes.map((node) => ({ kind: 'task', node, groupKey }));
  }

  getTreeItem(element: TasksElement): vscode.TreeItem {
    if (element.kind === 'group') return this.groupItem(element.group);
    return this.taskItem(element.node, element.groupKey);
  }

  private groupItem(group: TaskGroup): vscode.TreeItem {
    const item = new vscode.TreeItem(group.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `group:${this.options.groupBy}:${group.key}`;
    item.description = `${group.count}`;
    item.contextValue = 'taskGroup';
    item.iconPath = groupIcon(this.options.groupBy, group.key);
    if (group.uri) item.resourceUri = vscode.Uri.parse(group.uri);
    return item;
  }

  private taskItem(node: TaskNode, groupKey: string): vscode.TreeItem {
    const { task } = node;
    const collapsed = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(taskLabel(task), collapsed);
    item.id = `task:${this.options.groupBy}:${groupKey}:${task.key}`;
    item.description = taskDescription(task, this.byId, this.options.groupBy !== 'file');
    item.tooltip = new vscode.MarkdownString(taskTooltip(task, this.byId));
    const [icon, color] = stateIcons[task.state];
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.contextValue = taskContext(task);
    item.command = { command: 'scriptorium.task.reveal', title: 'Reveal Task in Editor', arguments: [task] };
    item.accessibilityInformation = { label: `${taskLabel(task)}, ${task.state}${item.description ? `, ${item.description}` : ''}` };
    return item;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.changed.dispose();
    this.loaded.dispose();
  }
}

/** The words the view's `viewItem` menu conditions test (package.json `menus`). */
export function taskContext(task: TaskItem): string {
  const words = ['task', task.source];
  if (isOpen(task) && task.source === 'markdown') {
    words.push('open');
    if (task.status.type !== 'IN_PROGRESS') words.push('startable');
  }
  if (task.blocked) words.push('blocked');
  return words.join(' ');
}

function groupIcon(groupBy: TaskGrouping, key: string): vscode.ThemeIcon {
  switch (groupBy) {
    case 'file':
      return vscode.ThemeIcon.File;
    case 'role':
      return new vscode.ThemeIcon('person');
    case 'tag':
      return new vscode.ThemeIcon('tag');
    case 'status': {
      const [icon, color] = stateIcons[key as TaskState] ?? ['circle-large-outline'];
      return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    }
  }
}

/** The TaskItem behind a view element, or what a command was given. */
export function taskOf(argument: unknown): TaskItem | undefined {
  if (argument === null || typeof argument !== 'object') return undefined;
  const element = argument as Partial<TasksElement> & Partial<TaskItem>;
  if (element.kind === 'task' && element.node) return element.node.task;
  if (typeof element.key === 'string' && typeof element.uri === 'string' && typeof element.line === 'number') return argument as TaskItem;
  return undefined;
}
