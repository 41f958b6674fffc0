import { ItemView, type WorkspaceLeaf } from 'obsidian';
import type { TaskItem, TaskTreeResult } from '../../../shared-types/protocol.js';
import type { ServerClient } from '../server/serverClient.js';
import { renderTaskRow } from './renderTask.js';
import type { TaskActions } from './taskActions.js';
import { allTasks, countTasks, groupTasks, tasksById, type Grouping, type PaneOptions, type ShownNode } from './taskModel.js';

export const taskPaneType = 'scriptorium-tasks';

/** Every task of the vault, grouped, filtered and nested, kept current by the server's `tasksChanged`. */
export class TaskPane extends ItemView {
  private options: PaneOptions = { grouping: 'note', filter: '', readyOnly: false };
  private tree: TaskTreeResult | null = null;
  private listEl!: HTMLElement;
  private countEl!: HTMLElement;
  private refreshing: Promise<void> | null = null;
  private again = false;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly client: ServerClient,
    private readonly actions: TaskActions,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return taskPaneType;
  }

  getDisplayText(): string {
    return 'Scriptorium tasks';
  }

  override getIcon(): string {
    return 'check-square';
  }

  override async onOpen(): Promise<void> {
    const root = this.contentEl;
    root.empty();
    root.addClass('scriptorium-pane');
    const controls = root.createDiv({ cls: 'scriptorium-controls' });
    const grouping = controls.createEl('select', { cls: 'dropdown scriptorium-grouping', attr: { 'aria-label': 'Group by' } });
    for (const [value, label] of [['note', 'By note'], ['status', 'By status'], ['role', 'By role'], ['tag', 'By tag']] as const) {
      grouping.createEl('option', { value, text: label });
    }
    grouping.value = this.options.grouping;
    grouping.addEventListener('change', () => {
      this.options.grouping = grouping.value as Grouping;
      this.render();
    });
    const filter = controls.createEl('input', { type: 'search', cls: 'scriptorium-filter', attr: { placeholder: 'Filter tasks', 'aria-label': 'Filter tasks' } });
    filter.addEventListener('input', () => {
      this.options.filter = filter.value;
      this.render();
    });
    const ready = controls.createEl('label', { cls: 'scriptorium-ready-toggle' });
    const readyBox = ready.createEl('input', { type: 'checkbox' });
    ready.appendText(' Ready only');
    readyBox.addEventListener('change', () => {
      this.options.readyOnly = readyBox.checked;
      this.render();
    });
    this.countEl = controls.createSpan({ cls: 'scriptorium-count' });
    this.listEl = root.createDiv({ cls: 'scriptorium-task-list' });
    this.listEl.createDiv({ cls: 'scriptorium-empty', text: 'Scriptorium is reading the vault…' });
    this.register(this.client.onTasksChanged(() => void this.refresh()));
    await this.refresh();
  }

  /** Fetches the task tree again; calls made while one is running coalesce into one more. */
  refresh(): Promise<void> {
    if (this.refreshing) {
      this.again = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      do {
        this.again = false;
        try {
          this.tree = await this.client.taskTree();
        } catch (error) {
          this.listEl.empty();
          this.listEl.createDiv({ cls: 'scriptorium-error', text: `Could not read tasks: ${error instanceof Error ? error.message : String(error)}` });
          return;
        }
        this.render();
      } while (this.again);
    })().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  setOptions(options: Partial<PaneOptions>): void {
    this.options = { ...this.options, ...options };
    this.render();
  }

  private render(): void {
    if (!this.tree) return;
    const groups = groupTasks(this.tree, this.options);
    const byId = tasksById(allTasks(this.tree));
    this.countEl.setText(`${countTasks(groups)} tasks`);
    this.listEl.empty();
    if (groups.length === 0) {
      this.listEl.createDiv({ cls: 'scriptorium-empty', text: this.options.filter || this.options.readyOnly ? 'No task matches.' : 'No tasks in this vault.' });
      return;
    }
    for (const group of groups) {
      const details = this.listEl.createEl('details', { cls: 'scriptorium-group', attr: { open: '' } });
      const summary = details.createEl('summary', { cls: 'scriptorium-group-title' });
      summary.createSpan({ text: group.title });
      summary.createSpan({ cls: 'scriptorium-group-count', text: String(countTasks([group])) });
      const list = details.createDiv({ cls: 'scriptorium-tree' });
      for (const node of group.nodes) this.renderNode(list, node, byId);
    }
  }

  private renderNode(parent: HTMLElement, node: ShownNode, byId: ReadonlyMap<string, TaskItem[]>): void {
    const item = parent.createDiv({ cls: 'scriptorium-node' });
    renderTaskRow(item, node.task, this.actions, byId, !node.matches);
    if (node.children.length === 0) return;
    const children = item.createDiv({ cls: 'scriptorium-children' });
    for (const child of node.children) this.renderNode(children, child, byId);
  }
}
