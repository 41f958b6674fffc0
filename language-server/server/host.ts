import type { TaskHistoryParams, TaskHistoryResult } from '../../shared-types/protocol.js';
import type { EmbeddingStore } from '../../core/search/embeddings/cache.js';
import type { EmbeddingProvider } from '../../core/search/embeddings/types.js';

/** What a host could find at a path: bytes to decode, text already decoded, a file too large to read, or nothing. */
export type HostFileContent =
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'text'; text: string }
  | { kind: 'tooLarge'; size: number }
  | { kind: 'missing' };

/** One file a task edit changed: its text before (as the server held it) and after. */
export interface AppliedTaskEdit {
  path: string;
  before: string;
  after: string;
}

export interface HostFileEvents {
  changed(path: string, content?: HostFileContent): void;
  deleted(path: string): void;
  renamed(from: string, to: string): void;
}

/**
 * Everything the server needs from the machine it runs on. The node host reads a folder on disk;
 * the browser host asks the editor that started its worker. The server itself never touches I/O,
 * which is what lets one `startServer` run in both.
 */
export interface ServerHost {
  /** Shown in logs: `node`, `browser`. */
  readonly name: string;
  /**
   * Called once, after initialize, with the workspace root URI (null: no folder open). Paths
   * are relative to it and `/`-separated; `events` is how a host that sees changes itself
   * (the browser host, pushed by its editor) reports them.
   */
  open(rootUri: string | null, events: HostFileEvents): Promise<void>;
  /** Every file path of the workspace, skipping dot-folders and node_modules. */
  listFiles(): Promise<string[]>;
  /** Reads one file; also used for `.gitignore` and `.obsidian/…` settings. */
  readFile(path: string): Promise<HostFileContent>;
  /** Reads many files at once (a host that pays per round trip batches them); default: one by one. */
  readFiles?(paths: string[]): Promise<HostFileContent[]>;
  /** The task history (node host: the event log and store beside the vault); absent where unavailable. */
  taskHistory?(params: TaskHistoryParams): Promise<TaskHistoryResult>;
  /**
   * Records task edits the server is sending with `workspace/applyEdit` in the task history as
   * source `edit` (an editor's edit), once `applied` says the client applied them; absent where
   * there is no history. Called before the client answers, so that a history operation already
   * under way reads those files as they were before the edit (the editor may write them first).
   * Never throws: history must not cost the user an edit.
   */
  recordTaskEdits?(edits: readonly AppliedTaskEdit[], applied: Promise<boolean>): Promise<void>;
  /** Role files the listing skips (`.scriptorium/roles/*.yaml`, machine-local); absent: none. */
  readRoleFiles?(): Promise<{ path: string; text: string }[]>;
  /**
   * The provider an `embeddings` setting names (`ollama:model@url`, `local:folder`, …); throws
   * with a message for the user when the spec is wrong. Absent where no provider can run (the
   * browser build): the server then says so and uses the offline default.
   */
  embeddingProvider?(spec: string): Promise<EmbeddingProvider | null>;
  /** The store's embedding cache (node host: the vault's `.scriptorium` store, when it exists); absent or null: no cache. */
  embeddingStore?(): Promise<EmbeddingStore | null>;
  /** Where the server writes log lines the client does not need to see. */
  log(line: string): void;
}
