import { Plugin, type WorkspaceLeaf } from 'obsidian';
import { QueryBlocks } from './query/queryBlocks.js';
import { blobWorkerFactory } from './server/blobWorker.js';
import { ServerClient, type WorkerFactory } from './server/serverClient.js';
import { VaultBridge } from './server/vaultBridge.js';
import { ScriptoriumSettingTab, serverSettings, settingsFrom, type PluginSettings } from './settings.js';
import { TaskActions } from './tasks/taskActions.js';
import { TaskPane, taskPaneType } from './tasks/taskPane.js';
import { LinkSuggest, putFirst } from './writing/linkSuggest.js';
import { RelatedPane, relatedPaneType } from './writing/relatedPane.js';

const tasksPluginId = 'obsidian-tasks-plugin';

export default class ScriptoriumPlugin extends Plugin {
  declare settings: PluginSettings;
  client!: ServerClient;
  bridge!: VaultBridge;
  actions!: TaskActions;
  queryBlocks!: QueryBlocks;
  linkSuggest: LinkSuggest | null = null;
  /** How the server is started; tests set it before `onload` to run the same server where a Blob worker cannot. */
  workerFactory: WorkerFactory = blobWorkerFactory;
  /** Settles once the server was started (after the layout is ready). */
  started: Promise<void> = Promise.resolve();
  private statusEl!: HTMLElement;

  override async onload(): Promise<void> {
    this.settings = settingsFrom(await this.loadData());
    this.addSettingTab(new ScriptoriumSettingTab(this.app, this));

    const client = new ServerClient(this.workerFactory);
    this.client = client;
    this.register(() => client.dispose());
    this.statusEl = this.addStatusBarItem();
    this.statusEl.addClass('scriptorium-status');
    this.statusEl.setText('Scriptorium: starting');
    const storeFolder = this.manifest.dir ?? `${this.app.vault.configDir}/plugins/${this.manifest.id}`;
    this.bridge = new VaultBridge(this.app, client, storeFolder, () => serverSettings(this.settings), (p) => this.statusEl.setText(`Scriptorium: reading ${p.read} / ${p.total} files`));
    this.register(
      client.onStatus((status) => {
        this.statusEl.setText(status.state === 'ready' ? `Scriptorium: ${status.files} files` : `Scriptorium: indexing ${status.files} files`);
      }),
    );
    this.actions = new TaskActions(this.app, client, this.bridge, () => this.settings);

    this.registerView(taskPaneType, (leaf) => new TaskPane(leaf, client, this.actions));
    this.registerView(relatedPaneType, (leaf) => new RelatedPane(leaf, client, () => this.bridge.settled(), () => this.settings));

    this.queryBlocks = new QueryBlocks(client, this.actions);
    this.registerMarkdownCodeBlockProcessor('scriptorium', this.queryBlocks.processor);
    if (this.settings.renderTasksBlocks && !this.tasksPluginEnabled()) this.registerMarkdownCodeBlockProcessor('tasks', this.queryBlocks.processor);
    this.register(client.onTasksChanged(() => void this.queryBlocks.update()));

    if (this.settings.linkSuggestMode !== 'off') {
      this.linkSuggest = new LinkSuggest(this.app, client, () => this.bridge.settled(), () => this.settings);
      this.registerEditorSuggest(this.linkSuggest);
      if (this.settings.linkSuggestMode === 'replace') putFirst(this.app, this.linkSuggest);
    }

    this.addCommand({ id: 'open-task-pane', name: 'Open the task pane', callback: () => void this.openView(taskPaneType) });
    this.addCommand({ id: 'open-related-notes', name: 'Open related notes', callback: () => void this.openView(relatedPaneType) });
    this.addCommand({
      id: 'show-ready-tasks',
      name: 'Show tasks ready to start',
      callback: async () => {
        const view = (await this.openView(taskPaneType))?.view;
        if (view instanceof TaskPane) view.setOptions({ readyOnly: true });
      },
    });
    this.addRibbonIcon('check-square', 'Scriptorium tasks', () => void this.openView(taskPaneType));

    this.started = new Promise((resolve, reject) => {
      this.app.workspace.onLayoutReady(() => {
        // Vault events from here on: the startup `create` of every file is not replayed.
        for (const ref of this.bridge.vaultEvents()) this.registerEvent(ref);
        client.start(serverSettings(this.settings)).then(resolve, (error: unknown) => {
          this.statusEl.setText('Scriptorium: the server did not start');
          reject(error instanceof Error ? error : new Error(String(error)));
        });
      });
    });
  }

  async saveSettings(): Promise<void> {
    await this.saveData(this.settings);
    await this.client.changeSettings(serverSettings(this.settings));
  }

  /** Shows a pane in the right sidebar, reusing the open one. */
  async openView(type: string): Promise<WorkspaceLeaf | null> {
    const workspace = this.app.workspace;
    const leaf = workspace.getLeavesOfType(type)[0] ?? workspace.getRightLeaf(false);
    if (!leaf) return null;
    await leaf.setViewState({ type, active: true });
    await workspace.revealLeaf(leaf);
    return leaf;
  }

  private tasksPluginEnabled(): boolean {
    const plugins = (this.app as unknown as { plugins?: { enabledPlugins?: Set<string> } }).plugins;
    return plugins?.enabledPlugins?.has(tasksPluginId) ?? false;
  }
}
