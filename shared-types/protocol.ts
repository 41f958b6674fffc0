// Scriptorium's own JSON-RPC methods, beside standard LSP: one name and one params/result shape
// per method, shared by the server and every host. Plain data only, no behaviour.
import type { Range, TaskJson, TaskState } from './index.js';

/** Requests a client sends to the server. */
export const ScriptoriumRequest = {
  taskQuery: 'scriptorium/taskQuery',
  taskTree: 'scriptorium/taskTree',
  updateTask: 'scriptorium/updateTask',
  relatedNotes: 'scriptorium/relatedNotes',
  suggestLinks: 'scriptorium/suggestLinks',
  search: 'scriptorium/search',
  taskHistory: 'scriptorium/taskHistory',
  graphNeighbourhood: 'scriptorium/graphNeighbourhood',
  roles: 'scriptorium/roles',
} as const;

/** Notifications the server sends to the client. */
export const ScriptoriumServerNotification = {
  /** Some file's tasks changed (or all of them, after indexing): task panes re-query. */
  tasksChanged: 'scriptorium/tasksChanged',
  /** Indexing started or finished; hosts show it, tests wait for it. */
  status: 'scriptorium/status',
} as const;

/**
 * The browser build cannot read a disk: its host (the Obsidian plugin, a web editor) answers these
 * requests from the server and pushes file changes with the notifications below.
 */
export const ScriptoriumHostRequest = {
  /** Server → host: every file of the workspace, paths only. */
  listFiles: 'scriptorium/host/listFiles',
  /** Server → host: the contents of a batch of files. */
  readFiles: 'scriptorium/host/readFiles',
  /** Server → host: keep these store bytes (the host writes them atomically where it likes). */
  persistStore: 'scriptorium/host/persistStore',
  // The task history (a host that answers none of these: the server answers history with 1002).
  /** Server → host: the store bytes last persisted (`HostLoadStoreResult`; base64 null when there are none). */
  loadStore: 'scriptorium/host/loadStore',
  /** Server → host: size and mtime of some workspace files, without their content (`HostStatFilesParams`). */
  statFiles: 'scriptorium/host/statFiles',
  /** Server → host: this device's name, which names its log file; the host makes one once and keeps it on this machine only. */
  deviceName: 'scriptorium/host/deviceName',
  /** Server → host: the event log's files, `*.jsonl` in `scriptorium/history/`, with their sizes in bytes. */
  listLogs: 'scriptorium/host/listLogs',
  /** Server → host: one log file's bytes from an offset to its end (`HostReadLogParams`). */
  readLog: 'scriptorium/host/readLog',
  /** Server → host: append whole lines to one log file (`HostAppendLogParams`), creating it and its folder if needed. */
  appendLog: 'scriptorium/host/appendLog',
} as const;

export const ScriptoriumHostNotification = {
  /** Host → server: a file was created or changed on the host's storage. */
  fileChanged: 'scriptorium/fileChanged',
  fileDeleted: 'scriptorium/fileDeleted',
  fileRenamed: 'scriptorium/fileRenamed',
} as const;

// ---------------------------------------------------------------------------------------------
// Initialization and settings

/** `initializationOptions` of the initialize request, and the `scriptorium` configuration section. */
export interface ScriptoriumSettings {
  /** gitignore-style patterns of workspace paths not to index (on top of `.gitignore`). */
  excludes?: string[];
  /** Honour the Tasks plugin's global filter (e.g. `#task`); by default every checkbox is a task. */
  useGlobalFilter?: boolean;
  /** `YYYY-MM-DD`: pins "today" for task edits and queries (tests, reproducible demos). */
  today?: string;
  /** The folder whose notes and YAML files define roles (default `Roles`), besides `.scriptorium/roles/`. */
  rolesFolder?: string;
  /**
   * The embedding provider for search, related notes and link suggestions: empty or `default`
   * for the offline default, `none` for no vector leg, or `ollama:model@url`,
   * `openai:model@url`, `local:folder` (node build only; the browser build reports it unavailable).
   * A provider that does not answer falls back to the offline default (see StatusParams.embeddings).
   */
  embeddings?: string;
  /** Statuses on top of the defaults and the Tasks plugin's settings file (these win). */
  statuses?: StatusesSettings;
  /** Defaults for link suggestions and related notes. */
  suggestions?: SuggestionSettings;
}

/** `scriptorium.statuses` (the section also holds host-only keys such as VS Code's `start` and `hidden`). */
export interface StatusesSettings {
  /** E.g. `[{ "symbol": "R", "name": "Review", "type": "IN_PROGRESS", "next": "x" }]`. */
  custom?: CustomStatusSetting[];
}

/** One checkbox status, as in the Tasks plugin's settings. */
export interface CustomStatusSetting {
  /** One character, written between the brackets. */
  symbol: string;
  /** Default `Unknown`. */
  name?: string;
  /** `TODO` (default), `IN_PROGRESS`, `ON_HOLD`, `DONE`, `CANCELLED` or `NON_TASK`. */
  type?: 'TODO' | 'IN_PROGRESS' | 'ON_HOLD' | 'DONE' | 'CANCELLED' | 'NON_TASK';
  /** The symbol toggling moves to (default `x`, or ` ` after DONE and CANCELLED). */
  next?: string;
}

export interface SuggestionSettings {
  /** Results when a `suggestLinks` or `relatedNotes` request names no `limit` (default 10, 1–1000). */
  limit?: number;
  /** Link suggestions and related notes scoring below this are left out (default 0). */
  minScore?: number;
  /** Folders (workspace paths) whose notes are never suggested nor listed as related. */
  excludeFolders?: string[];
}

/** Which embedder answers search's vector leg (sent with `scriptorium/status`). */
export interface EmbeddingsStatus {
  /**
   * `default`: the offline default (nothing configured); `none`: no vector leg; `ok`: the configured
   * provider; `fallback`: the offline default because the configured one failed or its spec is
   * wrong; `unavailable`: this build (the browser) cannot run it.
   */
  state: 'default' | 'none' | 'ok' | 'fallback' | 'unavailable';
  /** The setting as given (`ollama:…`), or `default`. */
  spec: string;
  message: string;
}

export interface StatusParams {
  state: 'indexing' | 'ready';
  /** Files known to the workspace so far. */
  files: number;
  /** Milliseconds since indexing began (on `ready`). */
  elapsedMs?: number;
  /** The embedder search uses; sent with every status, and alone (state as before) when it changes. */
  embeddings?: EmbeddingsStatus;
}

export interface TasksChangedParams {
  /** Workspace paths whose task lines changed; empty when `all` is true. */
  paths: string[];
  /** Every task may have changed (indexing finished, settings changed). */
  all: boolean;
}

// ---------------------------------------------------------------------------------------------
// Tasks

/** A task as the protocol carries it: the CLI's JSON plus where it lives and which text it was read from. */
export interface TaskItem extends TaskJson {
  uri: string;
  /** `path:line` (one-based line): how requests name this task. */
  key: string;
  /** Content hash of the file the task was read from: an update computed against another text is refused. */
  fileVersion: string;
}

export interface TaskQueryParams {
  /** A query in the Obsidian Tasks language (one instruction per line). */
  query: string;
  /** The note holding the query block, for `{{query.file.path}}` placeholders. */
  queryPath?: string;
}

export interface TaskQueryError {
  /** One-based line within the query. */
  line: number;
  message: string;
}

export interface TaskQueryResult {
  groups: { headings: string[]; tasks: TaskItem[] }[];
  totalTasks: number;
  totalMatching: number;
  explanation: string | null;
  /** Problems with the query itself; when any, `groups` is empty. */
  errors: TaskQueryError[];
}

export interface TaskTreeParams {
  /** Only tasks matching this query (and their ancestors, so the tree stays a tree). */
  query?: string;
  /** Only this file's tasks. */
  uri?: string;
}

export interface TaskTreeNode {
  task: TaskItem;
  children: TaskTreeNode[];
}

export interface TaskTreeResult {
  /** Files in path order, each with its top-level tasks. A subtask named by `[parent:: id]` sits under its parent. */
  files: { path: string; uri: string; tasks: TaskTreeNode[] }[];
}

export type TaskChange =
  | { kind: 'setStatus'; symbol: string }
  | { kind: 'toggleDone' }
  /** `value` null (or '') clears the field; `dependsOn` takes ids. */
  | { kind: 'setField'; field: string; value: string | string[] | null }
  /** The task to wait for: by id, or by `path:line` when it has none yet (it then gets one). */
  | { kind: 'addDependency'; target: string };

export interface UpdateTaskParams {
  uri: string;
  /** Zero-based line of the task. */
  line: number;
  change: TaskChange;
  /** The document version the client sees, when the document is open there. */
  version?: number | null;
  /** The `fileVersion` of the TaskItem the change was chosen from. */
  fileVersion?: string;
}

export interface UpdateTaskResult {
  /** True when the client applied the WorkspaceEdit sent with `workspace/applyEdit`. */
  applied: boolean;
  /** Why the client did not apply it, if it said. */
  failureReason?: string;
  /** The files the edit touched. */
  uris: string[];
}

// ---------------------------------------------------------------------------------------------
// History

export interface TaskHistoryParams {
  /** A task id, or `path:line` (one-based); absent: every event. */
  task?: string;
  /** At most this many events, newest last (default 500). */
  limit?: number;
}

export interface TaskHistoryEvent {
  id: string;
  /** ISO 8601. */
  at: string;
  device: string;
  source: string;
  role?: string;
  task: { key: string; description: string; id?: string; uid?: string };
  kind: 'created' | 'status' | 'field' | 'completed' | 'deleted';
  from?: string;
  to?: string;
  field?: string;
  fromState?: TaskState;
  toState?: TaskState;
}

export interface TaskHistoryResult {
  events: TaskHistoryEvent[];
  /** The task's line today, when it still exists. */
  lineText: string | null;
}

// ---------------------------------------------------------------------------------------------
// Graph

export interface GraphNeighbourhoodParams {
  /** A workspace path, a URI, or a name as written in a wikilink (`Website relaunch`, `Spec#Plan`). */
  note: string;
  /** Hops out from the note (default 1, at most 5). */
  depth?: number;
}

export interface GraphNode {
  id: string;
  type: 'note' | 'code' | 'file' | 'heading' | 'block' | 'task' | 'role' | 'unresolved';
  label: string;
  path?: string;
  uri?: string;
  /** Zero-based, for tasks, headings and blocks. */
  line?: number;
  distance: number;
}

export interface GraphEdge {
  source: string;
  target: string;
  type: string;
  count: number;
}

export interface GraphNeighbourhoodResult {
  center: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

// ---------------------------------------------------------------------------------------------
// Search, related notes, link suggestions

export interface SearchParams {
  query: string;
  limit?: number;
}

export interface SearchHit {
  path: string;
  uri: string;
  title: string;
  score: number;
  /** The best-matching section's heading, when the hit is a section. */
  heading?: string | null;
  snippet?: string;
}

export interface SearchResult {
  hits: SearchHit[];
}

export interface RelatedNotesParams {
  uri: string;
  /**
   * The part of the note to find related notes for (the paragraph at the cursor): the section
   * (under its heading) that holds `range.start`; the whole note when that is above the first heading.
   */
  range?: Range;
  /** Default: the `suggestions.limit` setting (10). */
  limit?: number;
}

export interface RelatedNotesResult {
  notes: SearchHit[];
}

export interface SuggestLinksParams {
  uri: string;
  /** The paragraph being written; default: the whole document. */
  range?: Range;
  limit?: number;
}

export interface LinkSuggestion {
  /** The note worth linking. */
  path: string;
  uri: string;
  title: string;
  score: number;
  /** A phrase in the range that names the note (title or alias), to turn into a link. */
  phrase?: { text: string; range: Range } | null;
  /** Why: the best-matching section, or the alias that matched. */
  why?: string;
}

export interface SuggestLinksResult {
  suggestions: LinkSuggestion[];
}

// ---------------------------------------------------------------------------------------------
// Roles

export interface RolesParams {
  /** Only this role (by name). */
  name?: string;
}

export interface RoleInfo {
  name: string;
  displayName?: string;
  description?: string;
  extends?: string | null;
  /** This role, its parent, …, the root. */
  chain: string[];
  /** Own and inherited. */
  capabilities: string[];
  /** Merged down the chain, e.g. `{ max_file_changes: 5 }`. */
  restrictions: Record<string, number | boolean>;
  /** Where the role is defined; absent for built-in roles. */
  path?: string;
  uri?: string;
}

export interface RolesResult {
  roles: RoleInfo[];
}

// ---------------------------------------------------------------------------------------------
// Browser host

export interface HostListFilesResult {
  /** Workspace-relative, `/`-separated. */
  paths: string[];
}

export interface HostReadFilesParams {
  paths: string[];
}

/** One file's content: text (already decoded) or base64 bytes; neither when it is gone. */
export interface HostFileContent {
  path: string;
  text?: string;
  base64?: string;
}

export interface HostReadFilesResult {
  files: HostFileContent[];
}

export interface HostPersistStoreParams {
  /** The whole store (SQLite bytes), base64. */
  base64: string;
}

export interface HostLoadStoreResult {
  /** The bytes `persistStore` last wrote, base64; null when there are none yet. Damaged bytes are rebuilt from the files and the log. */
  base64: string | null;
}

export interface HostStatFilesParams {
  /** Workspace-relative, `/`-separated. */
  paths: string[];
}

/** A file as storage has it now: size in bytes, mtime in ms since the epoch. */
export interface HostFileStat {
  path: string;
  size: number;
  mtime: number;
}

export interface HostStatFilesResult {
  /** One per path that exists as a file; a path left out is missing. */
  files: HostFileStat[];
}

export interface HostDeviceNameResult {
  /**
   * Stable on this machine and never synced (two devices with one name would append to one log
   * file, which sync tools then conflict on). `[A-Za-z0-9._-]`, as it names a file.
   */
  device: string;
}

export interface HostListLogsResult {
  /** File names (no folder) of `scriptorium/history/*.jsonl`; none when the folder does not exist. */
  logs: { name: string; size: number }[];
}

export interface HostReadLogParams {
  /** A file name from `listLogs`. */
  name: string;
  /** In bytes (UTF-8), as `size` counts them. */
  offset: number;
}

export interface HostReadLogResult {
  /** The bytes from `offset` to the end, base64 (an offset may fall inside a character); empty when there are none. */
  base64: string;
}

/**
 * A log file name as the history protocol allows it: a plain `<device>.jsonl` in
 * `scriptorium/history/`, never a path. Server and hosts check names with this one test.
 */
export function isHistoryLogName(name: unknown): name is string {
  return typeof name === 'string' && /^[A-Za-z0-9_][A-Za-z0-9._-]*\.jsonl$/.test(name);
}

export interface HostAppendLogParams {
  /** `<device>.jsonl`: the server appends only to its own device's file. */
  name: string;
  /** Whole lines, each ending in `\n`. The host starts a new line first when the file does not end with one. */
  text: string;
}

export interface FileChangedParams {
  path: string;
  text?: string;
  base64?: string;
}

export interface FileDeletedParams {
  path: string;
}

export interface FileRenamedParams {
  from: string;
  to: string;
}

/**
 * Error codes of refusals (application-defined, outside JSON-RPC's reserved range). A stale edit
 * is answered with LSP's ContentModified (-32801) instead, since that is exactly what it is.
 */
export const ScriptoriumErrorCode = {
  /** The change is not allowed: an illegal status transition, a line that is not a task, … */
  refused: 1001,
  /** The feature is not available in this host or build (e.g. history in the browser). */
  unavailable: 1002,
} as const;

/** LSP's ContentModified: the document is not the version the change was computed for. */
export const contentModifiedCode = -32801;

/**
 * V8 flags for a node process running the language server (the VS Code extension forks it with
 * them; the benchmark does the same). Nearly everything the server allocates while indexing
 * lives as long as the workspace, so a large young generation only copies more: at 13k notes a
 * 2 MB semi-space cut the server's resident memory by ~30 MB and indexing CPU by ~10%.
 */
export const nodeServerFlags: readonly string[] = ['--max-semi-space-size=2'];
