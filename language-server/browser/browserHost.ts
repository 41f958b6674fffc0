import type { Connection } from 'vscode-languageserver';
import {
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
import type { HostFileContent, HostFileEvents, ServerHost } from '../server/host.js';

/**
 * The host of the browser build: it has no disk, so it asks the editor that started the worker
 * (`scriptorium/host/…` requests) and hears about changes from it (`scriptorium/file…`
 * notifications). Notifications that arrive before the server opened the workspace wait.
 *
 * The browser build keeps no store and no task history: history is an append-only log in the
 * vault plus a SQLite store (sql.js), and the host protocol has no way yet to append to the log,
 * so `scriptorium/taskHistory` answers 1002 (unavailable) and task edits are not recorded here.
 * The protocol's `scriptorium/host/persistStore` (hosts answer it) is reserved for that store.
 */
export function createBrowserHost(connection: Connection): ServerHost {
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

  return {
    name: 'browser',
    async open(_rootUri, fileEvents) {
      events = fileEvents;
      for (const send of early.splice(0)) send(fileEvents);
    },
    async listFiles() {
      const result = await connection.sendRequest<HostListFilesResult>(ScriptoriumHostRequest.listFiles);
      return (result?.paths ?? []).filter(isPath);
    },
    async readFile(path) {
      return (await readFiles([path]))[0]!;
    },
    readFiles,
    // No recordTaskEdits, taskHistory or store: see the comment at the top.
    log: (line) => connection.console.log(line),
  };
}

function isPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !value.startsWith('/') && !value.split('/').includes('..');
}

function fromWire(file: Pick<WireFileContent, 'text' | 'base64'>): HostFileContent {
  if (typeof file.text === 'string') return { kind: 'text', text: file.text };
  if (typeof file.base64 === 'string') return { kind: 'bytes', bytes: fromBase64(file.base64) };
  return { kind: 'missing' };
}

function fromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
