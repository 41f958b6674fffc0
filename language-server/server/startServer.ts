import {
  ConnectionError,
  ConnectionErrors,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  MessageType,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type InitializeResult,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  ScriptoriumServerNotification,
  type ScriptoriumSettings,
  type StatusParams,
  type TasksChangedParams,
} from '../../shared-types/protocol.js';
import { defaultTaskSettings, settingsFromTasksPluginData } from '../../core/tasks/statuses.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { registerGraphNeighbourhood } from './custom/graphNeighbourhood.js';
import { registerTaskHistory } from './custom/taskHistory.js';
import { registerTaskQueries } from './custom/taskQuery.js';
import { registerUpdateTask } from './custom/updateTask.js';
import { DiagnosticsCache } from './diagnostics.js';
import { Exclusions } from './exclusions.js';
import { GitignoreRules, loadGitignoreRules } from './gitignoreRules.js';
import type { FeatureContext } from './featureContext.js';
import { guard, guardedConnection } from './guard.js';
import { projectFeatures } from './projectFeatures.js';
import type { HostFileContent, HostFileEvents, ServerHost } from './host.js';
import type { ServerContext } from './serverContext.js';
import { ServerWorkspace } from './serverWorkspace.js';
import { WorkspaceUris } from './uris.js';
import { ServerRoles } from './serverRoles.js';
import { ServerSearch } from './searchIndex.js';
import { ServerEmbeddings } from './serverEmbeddings.js';
import { readSettings, withCustomStatuses } from './serverSettings.js';
import { todayOf } from './serverContext.js';
import { warmTaskQueries } from './warmUp.js';
import { backgroundTurn, checkpoint, inSlices, Slicer, yieldNow } from './yieldNow.js';

/** Registers the standard feature providers; may add to the server's capabilities. */
export type FeatureRegistrar = (connection: Connection, context: FeatureContext, server: ServerContext) => ServerCapabilities | void;

/** Registers extra `scriptorium/…` requests (search, roles) that need only the server context. */
export type ExtensionRegistrar = (context: ServerContext) => void;

export interface ServerOptions {
  features?: FeatureRegistrar;
  extensions?: readonly ExtensionRegistrar[];
}

const tasksPluginSettings = '.obsidian/plugins/obsidian-tasks-plugin/data.json';
/** Files read per host round trip while indexing. */
const readBatch = 16;

/**
 * One language server for every host: keeps a core Workspace up to date from the host's files
 * and the client's open documents, and answers standard LSP and `scriptorium/…` requests from it.
 * Indexing runs in time slices so that requests are answered while it goes on.
 */
export function startServer(connection: Connection, host: ServerHost, options: ServerOptions = projectFeatures): void {
  const log = (line: string) => host.log(line);
  const documents = new TextDocuments(TextDocument);
  const state = new ServerWorkspace(defaultTaskSettings());
  const search = new ServerSearch(state);
  const roles = new ServerRoles(state, host);
  const diagnostics = new DiagnosticsCache(state, { get version() { return roles.version; }, diagnostics: () => roles.diagnostics() });
  let uris = new WorkspaceUris(null);
  let settings: ScriptoriumSettings = {};
  /** Problems with the settings given at initialize, shown once the client may be sent messages. */
  let initialProblems: string[] = [];
  let client: ClientCapabilities = {};
  let exclusions = new Exclusions(new GitignoreRules(), []);
  let indexing = false;
  let indexedOnce = false;
  /** File events apply one after another, in the order they came. */
  let fileQueue: Promise<void> = Promise.resolve();

  const embeddings = new ServerEmbeddings(host, search, {
    changed: (status, warn) => {
      log(status.message);
      if (warn) warnAbout([status.message]);
      // Hosts show which embedder answers; the indexing state is repeated as it is.
      void connection.sendNotification(ScriptoriumServerNotification.status, { state: indexing || !indexedOnce ? 'indexing' : 'ready', files: count(), embeddings: status } satisfies StatusParams);
    },
  });
  const context: ServerContext = { connection, host, state, search, roles, uris: () => uris, settings: () => settings, log };
  /** What feature providers asked to have done at the end of every warm-up (FeatureContext.afterWarmUp). */
  const warmSlices: ((shouldYield: () => boolean) => boolean)[] = [];
  const featureContext: FeatureContext = {
    workspace: () => state.workspace,
    pathOf: (uri) => uris.pathOf(uri),
    uriOf: (path) => uris.uriOf(path),
    documentVersion: (uri) => documents.get(uri)?.version ?? null,
    onDidChange: (listener) => state.onDidChange((change) => listener(change.paths)),
    afterWarmUp: (slice) => void warmSlices.push(slice),
  };

  // --- notifications that follow changes --------------------------------------------------------

  const changedTaskPaths = new Set<string>();
  const tasksChanged = debounce(50, () => {
    const params: TasksChangedParams = { paths: [...changedTaskPaths].sort(), all: false };
    changedTaskPaths.clear();
    if (params.paths.length > 0) void connection.sendNotification(ScriptoriumServerNotification.tasksChanged, params);
  });
  const refreshDiagnostics = debounce(300, () => {
    if (client.workspace?.diagnostics?.refreshSupport) connection.languages.diagnostics.refresh().catch((e: unknown) => log(`diagnostics refresh: ${String(e)}`));
  });
  state.onDidChange((change) => {
    if (indexing) return;
    for (const path of change.taskPaths) changedTaskPaths.add(path);
    if (change.taskPaths.length > 0) tasksChanged();
    refreshDiagnostics();
  });

  // --- initialize -------------------------------------------------------------------------------

  let extraCapabilities: ServerCapabilities = {};
  if (options.features) extraCapabilities = options.features(guardedConnection(connection, log), featureContext, context) ?? {};
  registerTaskQueries(context);
  registerUpdateTask(context);
  registerTaskHistory(context);
  registerGraphNeighbourhood(context);
  for (const register of options.extensions ?? []) register(context);

  connection.onInitialize((params): InitializeResult => {
    client = params.capabilities;
    uris = new WorkspaceUris(params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null);
    ({ settings, problems: initialProblems } = readSettings({}, params.initializationOptions));
    const everyFile = { filters: [{ pattern: { glob: '**/*' } }] };
    return {
      capabilities: {
        ...extraCapabilities,
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        diagnosticProvider: { identifier: 'scriptorium', interFileDependencies: true, workspaceDiagnostics: true },
        workspace: {
          ...extraCapabilities.workspace,
          workspaceFolders: { supported: true },
          fileOperations: { didCreate: everyFile, didRename: everyFile, didDelete: everyFile },
        },
      },
      serverInfo: { name: 'scriptorium', version: '0.1.0' },
    };
  });

  connection.onInitialized(
    guard('initialized', log, async () => {
      await host.open(uris.rootUri, hostEvents);
      if (client.workspace?.configuration) {
        const pulled = readSettings(settings, await fetchConfiguration());
        settings = pulled.settings;
        initialProblems.push(...pulled.problems);
      }
      warnAbout(initialProblems);
      initialProblems = [];
      roles.setFolder(settings.rolesFolder);
      // The provider is tried while indexing goes on; search switches to it when it answers.
      void embeddings.apply(settings.embeddings).catch((e: unknown) => log(`embeddings: ${String(e)}`));
      if (client.workspace?.didChangeWatchedFiles?.dynamicRegistration)
        await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
      if (client.workspace?.didChangeConfiguration?.dynamicRegistration)
        await connection.client.register(DidChangeConfigurationNotification.type, { section: 'scriptorium' });
      await index();
    }),
  );

  async function fetchConfiguration(): Promise<unknown> {
    try {
      return await connection.workspace.getConfiguration('scriptorium');
    } catch {
      return undefined; // a client that says it has configuration but cannot answer: keep the init options
    }
  }

  connection.onDidChangeConfiguration(
    guard('workspace/didChangeConfiguration', log, async (params) => {
      const section = (params.settings as { scriptorium?: unknown } | null)?.scriptorium;
      const { settings: next, problems } = readSettings(settings, client.workspace?.configuration ? await fetchConfiguration() : section);
      warnAbout(problems);
      const previous = settings;
      settings = next;
      const differs = (key: keyof ScriptoriumSettings) => JSON.stringify(previous[key]) !== JSON.stringify(next[key]);
      if (differs('embeddings')) void embeddings.apply(next.embeddings).catch((e: unknown) => log(`embeddings: ${String(e)}`));
      if (roles.setFolder(next.rolesFolder)) {
        refreshDiagnostics();
        // Task panes show roles; they re-query.
        void connection.sendNotification(ScriptoriumServerNotification.tasksChanged, { paths: [], all: true } satisfies TasksChangedParams);
      }
      // Statuses, the global filter and exclusions change what is indexed and how tasks are read.
      if (differs('excludes') || differs('useGlobalFilter') || differs('statuses') || differs('today')) await index();
    }),
  );

  function warnAbout(problems: readonly string[]): void {
    for (const problem of problems) {
      if (!problem.startsWith('Embeddings:')) log(`warning: ${problem}`); // those were logged with the status
      void connection.sendNotification('window/showMessage', { type: MessageType.Warning, message: problem });
    }
  }

  // --- indexing -------------------------------------------------------------------------------

  /**
   * Brings the workspace to what the host has: files now excluded or gone are dropped, every
   * other file is read. Runs at start and again when settings or any `.gitignore` change.
   */
  async function index(): Promise<void> {
    await (fileQueue = fileQueue.then(indexNow, (e: unknown) => log(`indexing: ${String(e)}`)));
  }

  async function indexNow(): Promise<void> {
    const started = Date.now();
    indexing = true;
    const progress = await connection.window.createWorkDoneProgress();
    try {
      progress.begin('Scriptorium: indexing', 0, 'listing files', false);
      void connection.sendNotification(ScriptoriumServerNotification.status, { state: 'indexing', files: count(), embeddings: embeddings.status() } satisfies StatusParams);
      const taskSettings = await readTaskSettings();
      if (JSON.stringify(taskSettings) !== JSON.stringify(state.workspace.taskSettings)) state.workspace.setSettings(taskSettings);
      const listedOnHost = await host.listFiles();
      const gitignores = await loadGitignoreRules(listedOnHost, async (paths) => (await readMany(paths)).map(textOf));
      exclusions = new Exclusions(gitignores, settings.excludes ?? []);
      const paths = await notExcluded(listedOnHost);
      const listed = new Set(paths);
      for (const file of [...state.workspace.files()]) if (!listed.has(file.path)) state.removeFromHost(file.path);
      await roles.reloadHidden();

      // Background: a request waits for at most the slice under way when it came.
      const slicer = new Slicer(5, true);
      let lastReport = Date.now();
      for (let i = 0; i < paths.length; i += readBatch) {
        const batch = paths.slice(i, i + readBatch);
        // Attachments are link targets only: known by path, never read.
        const toRead = batch.filter((p) => fileKindOf(p) !== 'other' && !state.isOpen(p));
        const contents = await readMany(toRead);
        const byPath = new Map(toRead.map((p, j) => [p, contents[j]!]));
        for (const path of batch) {
          state.setFromHost(path, byPath.get(path) ?? { kind: 'text', text: '' });
          await slicer.maybeYield();
        }
        if (Date.now() - lastReport > 200) {
          lastReport = Date.now();
          const done = Math.min(i + readBatch, paths.length);
          progress.report(Math.floor((done / paths.length) * 100), `${done} / ${paths.length} files`);
        }
      }
      // Every target known, the link index is built once (in slices) instead of being kept file
      // by file while files arrive (see Workspace.buildLinkIndexSlice); a request that needs it
      // meanwhile builds it on the spot. After the first indexing it is kept file by file.
      progress.report(100, 'resolving links');
      await inSlices((shouldYield) => state.workspace.buildLinkIndexSlice(shouldYield), { background: true });
    } finally {
      indexing = false;
      indexedOnce = true;
      progress.done();
    }
    log(`indexed ${count()} files in ${Date.now() - started} ms`);
    void connection.sendNotification(ScriptoriumServerNotification.status, { state: 'ready', files: count(), elapsedMs: Date.now() - started, embeddings: embeddings.status() } satisfies StatusParams);
    void connection.sendNotification(ScriptoriumServerNotification.tasksChanged, { paths: [], all: true } satisfies TasksChangedParams);
    refreshDiagnostics();
    void warmUp();
  }

  /** The listed paths the exclusions keep, judged in background slices (~1 µs a path against glob rules: 50 ms at 50k files). */
  async function notExcluded(listed: readonly string[]): Promise<string[]> {
    const kept: string[] = [];
    let at = 0;
    await inSlices((shouldYield) => {
      for (; at < listed.length; at++) {
        if ((at & 255) === 0 && shouldYield()) return false;
        if (!exclusions.excludes(listed[at]!)) kept.push(listed[at]!);
      }
      return true;
    }, { background: true });
    return kept;
  }

  /**
   * What the first requests after indexing would otherwise build while the user waits: the task
   * index's whole-graph facts (one step inside core, measured in ARCHITECTURE.md) and the search
   * index (in slices). Runs after `ready`, one step at a time with yields between, so requests
   * that arrive meanwhile are answered in between.
   */
  async function warmUp(): Promise<void> {
    const started = Date.now();
    try {
      // Not in the turn that ended indexing (that one has sent `ready` and its notifications).
      await backgroundTurn();
      // The search index starts at once, in its own 5 ms slices, beside the task queries.
      const searchBuilt = search.warmUp();
      searchBuilt.catch(() => undefined); // reported when awaited below
      await warmTaskQueries(state.workspace, todayOf(settings));
      await yieldNow();
      await searchBuilt;
      for (const slice of warmSlices) await inSlices(slice, { background: true });
      log(`warmed up task queries and search in ${Date.now() - started} ms`);
    } catch (e) {
      log(`warm-up: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  }

  function count(): number {
    let n = 0;
    for (const _ of state.workspace.files()) n++;
    return n;
  }

  async function readTaskSettings(): Promise<TaskSettings> {
    const raw = textOf(await host.readFile(tasksPluginSettings));
    let result = defaultTaskSettings();
    if (raw !== null) {
      try {
        result = settingsFromTasksPluginData(JSON.parse(raw));
      } catch {
        log(`warning: ${tasksPluginSettings} is not valid JSON; using the default statuses.`);
      }
    }
    result = withCustomStatuses(result, settings.statuses?.custom);
    return settings.useGlobalFilter ? result : { ...result, globalFilter: null };
  }

  async function readMany(paths: string[]): Promise<HostFileContent[]> {
    if (paths.length === 0) return [];
    if (host.readFiles) return host.readFiles(paths);
    const out: HostFileContent[] = [];
    for (const path of paths) out.push(await host.readFile(path));
    return out;
  }

  // --- file events (client watchers, file operations, the browser host) ------------------------

  function enqueue(what: string, work: () => Promise<void>): Promise<void> {
    fileQueue = fileQueue.then(work).catch((e: unknown) => log(`${what}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
    return fileQueue;
  }

  /**
   * Rules changed (a `.gitignore`, the Tasks plugin's settings): one re-index, queued behind the
   * file events already waiting, so that the rule changes of one batch (a branch checkout touching
   * several `.gitignore` files) share it. Files changed meanwhile are read under the old rules
   * and then brought under the new ones by the re-index, as any listed file is.
   */
  let reindexQueued = false;
  function reindexAfterQueuedEvents(): void {
    if (reindexQueued) return;
    reindexQueued = true;
    void enqueue('indexing', () => {
      reindexQueued = false;
      return indexNow();
    });
  }

  async function fileChanged(path: string, content?: HostFileContent): Promise<void> {
    if (exclusions.isRuleChange(path) || path === tasksPluginSettings) return reindexAfterQueuedEvents();
    if (ServerRoles.isHiddenRoleFile(path)) return hiddenRolesChanged();
    if (exclusions.excludes(path)) return;
    if (fileKindOf(path) === 'other') return state.setFromHost(path, { kind: 'text', text: '' });
    state.setFromHost(path, content ?? (await host.readFile(path)));
  }

  async function hiddenRolesChanged(): Promise<void> {
    if (await roles.reloadHidden()) refreshDiagnostics();
  }

  async function deleted(path: string): Promise<void> {
    if (ServerRoles.isHiddenRoleFile(path) || path === '.scriptorium') void enqueue('role files', hiddenRolesChanged);
    // Its rules go with it: what it ignored comes back. A deleted folder may have held one too.
    if (exclusions.isRuleChange(path) || exclusions.hasGitignoreIn(path)) return reindexAfterQueuedEvents();
    if (state.workspace.file(path)) return state.removeFromHost(path);
    // A folder: everything below it goes.
    for (const file of [...state.workspace.files()]) if (file.path.startsWith(`${path}/`)) state.removeFromHost(file.path);
  }

  async function renamed(from: string, to: string): Promise<void> {
    if (exclusions.isRuleChange(from) || exclusions.isRuleChange(to) || exclusions.hasGitignoreIn(from)) return reindexAfterQueuedEvents();
    if (state.workspace.file(from)) {
      if (exclusions.excludes(to)) return state.removeFromHost(from);
      return state.renameOnHost(from, to);
    }
    const below = [...state.workspace.files()].filter((f) => f.path.startsWith(`${from}/`));
    if (below.length === 0) return fileChanged(to);
    for (const file of below) {
      const target = `${to}/${file.path.slice(from.length + 1)}`;
      if (exclusions.excludes(target)) state.removeFromHost(file.path);
      else state.renameOnHost(file.path, target);
    }
  }

  const hostEvents: HostFileEvents = {
    changed: (path, content) => void enqueue('file changed', () => fileChanged(path, content)),
    deleted: (path) => void enqueue('file deleted', () => deleted(path)),
    renamed: (from, to) => void enqueue('file renamed', () => renamed(from, to)),
  };

  connection.onDidChangeWatchedFiles((params) => {
    for (const change of params.changes ?? []) {
      const path = uris.pathOf(change.uri);
      if (path === null) continue;
      if (change.type === FileChangeType.Deleted) hostEvents.deleted(path);
      else hostEvents.changed(path);
    }
  });
  connection.workspace.onDidCreateFiles((params) => {
    for (const file of params.files ?? []) {
      const path = uris.pathOf(file.uri);
      if (path !== null) hostEvents.changed(path);
    }
  });
  connection.workspace.onDidDeleteFiles((params) => {
    for (const file of params.files ?? []) {
      const path = uris.pathOf(file.uri);
      if (path !== null) hostEvents.deleted(path);
    }
  });
  connection.workspace.onDidRenameFiles((params) => {
    for (const file of params.files ?? []) {
      const from = uris.pathOf(file.oldUri);
      const to = uris.pathOf(file.newUri);
      if (from !== null && to !== null) hostEvents.renamed(from, to);
      else if (from !== null) hostEvents.deleted(from);
      else if (to !== null) hostEvents.changed(to);
    }
  });

  // --- open documents: their unsaved text overlays the file -------------------------------------

  documents.onDidOpen((event) => {
    const path = uris.pathOf(event.document.uri);
    if (path !== null) state.openDocument(path, event.document.getText(), event.document.version);
  });
  documents.onDidChangeContent((event) => {
    const path = uris.pathOf(event.document.uri);
    if (path !== null && state.versionOf(path) !== event.document.version) state.changeDocument(path, event.document.getText(), event.document.version);
  });
  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const path = uris.pathOf(uri);
    if (path === null) return;
    void enqueue('document closed', async () => {
      const onHost: HostFileContent = exclusions.excludes(path) ? { kind: 'missing' } : await host.readFile(path);
      if (documents.get(uri)) return; // opened again meanwhile: its text stays
      state.closeDocument(path, onHost);
    });
  });
  documents.listen(connection);

  // --- diagnostics (pull) -----------------------------------------------------------------------

  connection.languages.diagnostics.on(
    guard('textDocument/diagnostic', log, async (params, token) => {
      await checkpoint(token);
      const path = uris.pathOf(params.textDocument.uri);
      if (path === null) return { kind: 'full', items: [] };
      await diagnostics.prepare(token);
      return diagnostics.document(path, params.previousResultId);
    }),
  );
  connection.languages.diagnostics.onWorkspace(
    guard('workspace/diagnostic', log, async (params, token) => {
      await checkpoint(token);
      await diagnostics.prepare(token);
      const items = diagnostics.workspace(params.previousResultIds ?? [], (p) => uris.uriOf(p), (u) => uris.pathOf(u), (p) => state.versionOf(p));
      await checkpoint(token);
      return { items };
    }),
  );

  connection.listen();
}

function textOf(content: HostFileContent): string | null {
  if (content.kind === 'text') return content.text;
  if (content.kind === 'bytes') return new TextDecoder().decode(content.bytes);
  return null;
}

function debounce(ms: number, run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      try {
        run();
      } catch (error) {
        // A notification due after the connection closed (the editor went away, or a test
        // disposed it) has no one to reach; anything else is a bug and surfaces.
        if (!(error instanceof ConnectionError && (error.code === ConnectionErrors.Closed || error.code === ConnectionErrors.Disposed))) throw error;
      }
    }, ms);
  };
}
