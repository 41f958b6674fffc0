import { ResponseError, type Connection } from 'vscode-languageserver';
import {
  ScriptoriumErrorCode,
  ScriptoriumHostNotification,
  ScriptoriumHostRequest,
  type FileChangedParams,
  type FileDeletedParams,
  type FileRenamedParams,
  type HostFileContent as WireFileContent,
  type HostListFilesResult,
  type HostReadFilesParams,
  type HostReadFilesResult,
} from '../../shared-types/protocol.js';
import type { SqlEngine } from '../../core/store/sqlTypes.js';
import type { HostFileContent, HostFileEvents, ServerHost } from '../server/host.js';
import { TaskHistoryService } from '../server/taskHistoryService.js';
import { base64ToBytes } from '../../shared-types/base64.js';
import { browserHistoryOpener, HistoryUnavailable } from './browserHistory.js';

export interface BrowserHostOptions {
  /** sql.js for the task history's store (the worker inlines its WASM); absent: no history, answered 1002. */
  sql?: () => Promise<SqlEngine>;
  /** How long the task history's store stays open after its last use before it is saved and closed (default 3 s). */
  historyIdleMs?: number;
}

/** A burst of task edits shares one load and one save of the store; a lone one pays them off its own path. */
const defaultHistoryIdleMs = 3000;

/**
 * The host of the browser build: it has no disk, so it asks the editor that started the worker
 * (`scriptorium/host/…` requests) and hears about changes from it (`scriptorium/file…`
 * notifications). Notifications that arrive before the server opened the workspace wait.
 *
 * The task history is the node server's (server/taskHistoryService.ts) over host requests
 * (browserHistory.ts): the editor keeps the store's bytes (`loadStore`/`persistStore`, outside the
 * user's notes), the event log in the vault's `scriptorium/history/` (`listLogs`/`readLog`/
 * `appendLog`), file sizes and mtimes (`statFiles`) and this device's name. An editor that answers
 * none of these (MethodNotFound) gets 1002 (unavailable) for `scriptorium/taskHistory`, and its
 * task edits are not recorded; so does a worker started without sql.js.
 */
export function createBrowserHost(connection: Connection, options: BrowserHostOptions = {}): ServerHost {
  let events: HostFileEvents | null = null;
  const early: ((e: HostFileEvents) => void)[] = [];
  const deliver = (send: (e: HostFileEvents) => void) => (events ? send(events) : early.push(send));

  connection.onNotification(ScriptoriumHostNotification.fileChanged, (params: FileChangedParams) => {
    if (!isPath(params?.path)) return;
    const content = fromWire(params);
    deliver((e) => e.changed(params.path, content.kind === 'missing' ? undefined : content));
  });
  connection.onNotification(ScriptoriumHostNotification.fileDeleted, (params: FileDeletedParams) => {
    if (isPath(params?.path)) deliver((e) => e.deleted(params.path));
  });
  connection.onNotification(ScriptoriumHostNotification.fileRenamed, (params: FileRenamedParams) => {
    if (isPath(params?.from) && isPath(params?.to)) deliver((e) => e.renamed(params.from, params.to));
  });

  async function readFiles(paths: string[]): Promise<HostFileContent[]> {
    const params: HostReadFilesParams = { paths };
    const result = await connection.sendRequest<HostReadFilesResult>(ScriptoriumHostRequest.readFiles, params);
    const byPath = new Map((result?.files ?? []).map((f) => [f.path, f]));
    return paths.map((p) => {
      const file = byPath.get(p);
      return file ? fromWire(file) : { kind: 'missing' };
    });
  }

  const log = (line: string) => {
    try {
      connection.console.log(line);
    } catch {
      // The editor closed the connection (a worker being shut down): nobody is left to read it.
    }
  };
  async function listFiles(): Promise<string[]> {
    const result = await connection.sendRequest<HostListFilesResult>(ScriptoriumHostRequest.listFiles);
    return (result?.paths ?? []).filter(isPath);
  }
  // The store lives with the editor and only this worker writes it: kept open while in use.
  const keepOpen = { idleMs: options.historyIdleMs ?? defaultHistoryIdleMs };
  const history = options.sql ? new TaskHistoryService(browserHistoryOpener({ connection, sql: options.sql, listFiles, readFiles, log }), log, keepOpen) : null;
  /** Set once the editor showed it answers no history request: nothing more is asked. */
  let unavailable: string | null = options.sql ? null : 'this worker was started without sql.js';

  return {
    name: 'browser',
    async open(_rootUri, fileEvents) {
      events = fileEvents;
      for (const send of early.splice(0)) send(fileEvents);
    },
    listFiles,
    async readFile(path) {
      return (await readFiles([path]))[0]!;
    },
    readFiles,
    async taskHistory(params) {
      if (history === null || unavailable !== null) throw notAvailable(unavailable);
      try {
        return await history.read(params);
      } catch (error) {
        if (!(error instanceof HistoryUnavailable)) throw error;
        unavailable = error.message;
        throw notAvailable(unavailable);
      }
    },
    async recordTaskEdits(edits, applied) {
      if (history === null || unavailable !== null || edits.length === 0) return;
      try {
        await history.record(edits, applied);
      } catch (error) {
        // Never thrown on: history must not cost the user an edit.
        if (error instanceof HistoryUnavailable) unavailable = error.message;
        else log(`warning: the task history could not be recorded (${error instanceof Error ? error.message : String(error)})`);
      }
    },
    log,
  };
}

function isPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.startsWith('/') && !value.split('/').includes('..');
}

function fromWire(file: Pick<WireFileContent, 'text' | 'base64'>): HostFileContent {
  if (typeof file.text === 'string') return { kind: 'text', text: file.text };
  if (typeof file.base64 === 'string') return { kind: 'bytes', bytes: base64ToBytes(file.base64) };
  return { kind: 'missing' };
}

function notAvailable(why: string | null): ResponseError<void> {
  return new ResponseError(ScriptoriumErrorCode.unavailable, `Task history is not available in the browser build of the server here: ${why ?? 'unknown'}.`);
}
