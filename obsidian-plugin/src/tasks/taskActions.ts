import { FuzzySuggestModal, Menu, Notice, TFile, type App } from 'obsidian';
import type { RoleInfo, TaskChange, TaskItem } from '../../../shared-types/protocol.js';
import type { ServerClient } from '../server/serverClient.js';
import type { VaultBridge } from '../server/vaultBridge.js';
import type { PluginSettings } from '../settings.js';
import { allTasks } from './taskModel.js';

/** What a user can do to a task from the pane or a query block; every change is the server's edit. */
export class TaskActions {
  constructor(
    private readonly app: App,
    private readonly client: ServerClient,
    private readonly bridge: VaultBridge,
    private readonly settings: () => PluginSettings,
  ) {}

  /** Asks the server for the change; its edit comes back as `workspace/applyEdit` and is applied only to the text it was computed for. */
  async change(task: TaskItem, change: TaskChange): Promise<boolean> {
    const release = this.bridge.expectVersion(task.path, task.fileVersion);
    try {
      const result = await this.client.updateTask({ uri: task.uri, line: task.line - 1, change, fileVersion: task.fileVersion });
      if (!result.applied) new Notice(`Scriptorium: ${result.failureReason ?? 'the change was not applied.'}`);
      return result.applied;
    } catch (error) {
      new Notice(`Scriptorium: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    } finally {
      release();
    }
  }

  toggle(task: TaskItem): Promise<boolean> {
    return this.change(task, { kind: 'toggleDone' });
  }

  async open(task: TaskItem): Promise<void> {
    const file = this.app.vault.getAbstractFileByPath(task.path);
    if (!(file instanceof TFile)) return;
    const line = task.line - 1;
    await this.app.workspace.getLeaf(false).openFile(file, { eState: { line, cursor: { from: { line, ch: 0 }, to: { line, ch: 0 } } } });
  }

  showMenu(task: TaskItem, event: MouseEvent): void {
    const menu = new Menu();
    for (const status of this.settings().statuses) {
      menu.addItem((item) =>
        item
          .setTitle(`[${status.symbol}] ${status.name}`)
          .setChecked(task.status.symbol === status.symbol)
          .onClick(() => void this.change(task, { kind: 'setStatus', symbol: status.symbol })),
      );
    }
    menu.addSeparator();
    menu.addItem((item) => item.setTitle('Assign role…').onClick(() => void this.pickRole(task)));
    menu.addItem((item) => item.setTitle('Add a dependency…').onClick(() => void this.pickDependency(task)));
    if (task.role) menu.addItem((item) => item.setTitle(`Unassign ${task.role}`).onClick(() => void this.change(task, { kind: 'setField', field: 'role', value: null })));
    menu.addItem((item) => item.setTitle('Open in note').onClick(() => void this.open(task)));
    menu.showAtMouseEvent(event);
  }

  async pickRole(task: TaskItem): Promise<void> {
    let roles: RoleInfo[];
    try {
      roles = (await this.client.roles()).roles;
    } catch (error) {
      new Notice(`Scriptorium: roles are not available (${error instanceof Error ? error.message : String(error)}).`);
      return;
    }
    new PickerModal<RoleInfo>(this.app, roles, (r) => (r.displayName && r.displayName !== r.name ? `${r.name} — ${r.displayName}` : r.name), 'Assign a role', (role) =>
      void this.change(task, { kind: 'setField', field: 'role', value: role.name }),
    ).open();
  }

  async pickDependency(task: TaskItem): Promise<void> {
    const tasks = allTasks(await this.client.taskTree()).filter((t) => t.key !== task.key && t.status.type !== 'DONE' && t.status.type !== 'CANCELLED');
    new PickerModal<TaskItem>(this.app, tasks, (t) => `${t.description} — ${t.path}:${t.line}${t.id ? ` 🆔 ${t.id}` : ''}`, 'Wait for which task?', (target) =>
      void this.change(task, { kind: 'addDependency', target: target.id ?? target.key }),
    ).open();
  }
}

/** A fuzzy picker over a fixed list. */
export class PickerModal<T> extends FuzzySuggestModal<T> {
  constructor(
    app: App,
    private readonly items: T[],
    private readonly text: (item: T) => string,
    placeholder: string,
    private readonly chosen: (item: T) => void,
  ) {
    super(app);
    this.setPlaceholder(placeholder);
  }

  getItems(): T[] {
    return this.items;
  }

  getItemText(item: T): string {
    return this.text(item);
  }

  onChooseItem(item: T): void {
    this.chosen(item);
  }
}
