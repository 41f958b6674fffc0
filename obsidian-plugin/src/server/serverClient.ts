import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createMessageConnection,
  type MessageConnection,
} from 'vscode-jsonrpc/browser';
import {
  ScriptoriumRequest,
  ScriptoriumServerNotification,
  type RelatedNotesParams,
  type RelatedNotesResult,
  type RolesResult,
  type ScriptoriumSettings,
  type SearchParams,
  type SearchResult,
  type StatusParams,
  type SuggestLinksParams,
  type SuggestLinksResult,
  type TaskQueryParams,
  type TaskQueryResult,
  type TaskTreeParams,
  type TaskTreeResult,
  type TasksChangedParams,
  type UpdateTaskParams,
  type UpdateTaskResult,
} from '../../../shared-types/protocol.js';
import { vaultRootUri } from './uris.js';

/** Starts the worker that runs the server. Obsidian: a Blob-URL Web Worker; tests: the same server elsewhere. */
export type WorkerFactory = () => Worker;

type Listener<T> = (value: T) => void;

/**
 * The plugin's side of the JSON-RPC connection to the language server in its worker: typed
 * `scriptorium/…` requests, and the server's notifications fanned out to whoever listens.
 */
export class ServerClient {
  readonly connection: MessageConnection;
  private readonly worker: Worker;
  private readonly tasksChangedListeners = new Set<Listener<TasksChangedParams>>();
  private readonly statusListeners = new Set<Listener<StatusParams>>();
  private lastStatus: StatusParams | null = null;
  private readyWaiters: (() => void)[] = [];

  constructor(factory: WorkerFactory) {
    this.worker = factory();
    this.connection = createMessageConnection(new BrowserMessageReader(this.worker), new BrowserMessageWriter(this.worker));
    this.connection.onNotification(ScriptoriumServerNotification.tasksChanged, (params: TasksChangedParams) => {
      for (const listener of this.tasksChangedListeners) listener(params);
    });
    this.connection.onNotification(ScriptoriumServerNotification.status, (params: StatusParams) => {
      this.lastStatus = params;
      for (const listener of this.statusListeners) listener(params);
      if (params.state === 'ready') for (const resolve of this.readyWaiters.splice(0)) resolve();
    });
  }

  /** Call after every handler is registered: the server starts asking for files right after `initialized`. */
  async start(settings: ScriptoriumSettings): Promise<void> {
    this.connection.listen();
    await this.connection.sendRequest('initialize', {
      processId: null,
      rootUri: vaultRootUri,
      workspaceFolders: [{ uri: vaultRootUri, name: 'vault' }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { applyEdit: true, workspaceEdit: { documentChanges: true }, configuration: true },
      },
      initializationOptions: settings,
    });
    await this.connection.sendNotification('initialized', {});
  }

  get status(): StatusParams | null {
    return this.lastStatus;
  }

  /** Resolves once the server has indexed the vault (at once if it already has). */
  whenReady(): Promise<void> {
    if (this.lastStatus?.state === 'ready') return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  onTasksChanged(listener: Listener<TasksChangedParams>): () => void {
    this.tasksChangedListeners.add(listener);
    return () => this.tasksChangedListeners.delete(listener);
  }

  onStatus(listener: Listener<StatusParams>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  taskQuery(params: TaskQueryParams): Promise<TaskQueryResult> {
    return this.connection.sendRequest(ScriptoriumRequest.taskQuery, params);
  }

  taskTree(params: TaskTreeParams = {}): Promise<TaskTreeResult> {
    return this.connection.sendRequest(ScriptoriumRequest.taskTree, params);
  }

  updateTask(params: UpdateTaskParams): Promise<UpdateTaskResult> {
    return this.connection.sendRequest(ScriptoriumRequest.updateTask, params);
  }

  relatedNotes(params: RelatedNotesParams): Promise<RelatedNotesResult> {
    return this.connection.sendRequest(ScriptoriumRequest.relatedNotes, params);
  }

  suggestLinks(params: SuggestLinksParams): Promise<SuggestLinksResult> {
    return this.connection.sendRequest(ScriptoriumRequest.suggestLinks, params);
  }

  search(params: SearchParams): Promise<SearchResult> {
    return this.connection.sendRequest(ScriptoriumRequest.search, params);
  }

  roles(): Promise<RolesResult> {
    return this.connection.sendRequest(ScriptoriumRequest.roles, {});
  }

  changeSettings(settings: ScriptoriumSettings): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { scriptorium: settings } });
  }

  dispose(): void {
    this.connection.dispose();
    this.worker.terminate();
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
}
