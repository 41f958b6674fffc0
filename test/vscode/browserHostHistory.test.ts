// VS Code for the Web's answers to the task history's host requests
// (vscode-extension/src/client/historyHost.ts), against an in-memory workspace.fs; last, the real
// server with the browser build's host recording a task edit through them.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as vscode from 'vscode';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApplyWorkspaceEditParams, TextEdit } from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver/node';
import type {
  HostDeviceNameResult,
  HostListLogsResult,
  HostLoadStoreResult,
  HostReadFilesParams,
  HostReadLogResult,
  HostStatFilesResult,
  TaskHistoryResult,
  TaskQueryResult,
  UpdateTaskResult,
} from '../../shared-types/protocol.js';
import { inProcessBrowserServer } from '../lsp/inProcessBrowserServer.js';
import { registerHistoryHost, type HistoryHostContext } from '../../vscode-extension/src/client/historyHost.js';
import { memoryFs, MemoryUri } from './memoryFileSystem.js';

vi.mock('vscode', async (original) => {
  const fake = await original<typeof import('./fakeVscode.js')>();
  const memory = await import('./memoryFileSystem.js');
  return { ...fake, Uri: memory.MemoryUri, FileType: memory.FileType, workspace: { fs: memory.memoryFs } };
});

const workspace = new MemoryUri('vscode-vfs', '/github/notes');
const storage = new MemoryUri('vscode-userdata', '/User/workspaceStorage/abc/scriptorium');

/** The handlers as the language client would call them, by method name. */
function host(context: Partial<HistoryHostContext> = {}) {
  const handlers = new Map<string, (params?: unknown) => unknown>();
  const client = {
    onRequest(method: string, handler: (params?: unknown) => unknown) {
      handlers.set(method, handler);
      return { dispose: () => handlers.delete(method) };
    },
  };
  const { full, state, globalState } = extensionContext(context);
  registerHistoryHost(client as never, full, () => workspace as unknown as vscode.Uri);
  const ask = async <R>(method: string, params?: unknown): Promise<R> => {
    const handler = handlers.get(`scriptorium/host/${method}`);
    if (!handler) throw new Error(`no handler for ${method}`);
    return (await handler(params)) as R;
  };
  return { ask, state, globalState, handlers };
}

/** What the extension's context gives the host: storage folders and a globalState kept in memory. */
function extensionContext(context: Partial<HistoryHostContext> = {}) {
  const state = new Map<string, unknown>();
  const globalState = { get: (key: string) => state.get(key), update: async (key: string, value: unknown) => void state.set(key, value), keys: () => [...state.keys()], setKeysForSync: vi.fn() };
  const full = { storageUri: storage, globalStorageUri: new MemoryUri('vscode-userdata', '/User/globalStorage/scriptorium'), globalState, ...context } as unknown as HistoryHostContext;
  return { full, state, globalState };
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const unb64 = (base64: string) => Buffer.from(base64, 'base64').toString();
const log = (name: string) => `/github/notes/scriptorium/history/${name}`;

beforeEach(() => memoryFs.reset());

describe('VS Code for the Web answers the task history requests', () => {
  it('answers all seven history requests', () => {
    expect([...host().handlers.keys()].sort()).toEqual(
      ['appendLog', 'deviceName', 'listLogs', 'loadStore', 'persistStore', 'readLog', 'statFiles'].map((m) => `scriptorium/host/${m}`),
    );
  });

  it('appends whole lines, creating the folder and the file, and mends a last line cut short', async () => {
    const { ask } = host();
    await ask('appendLog', { name: 'dev-1.jsonl', text: '{"a":"café"}\n' });
    expect(memoryFs.folders.has('/github/notes/scriptorium/history')).toBe(true);
    await ask('appendLog', { name: 'dev-1.jsonl', text: '{"a":2}\n{"a":3}\n' });
    expect(memoryFs.text(log('dev-1.jsonl'))).toBe('{"a":"café"}\n{"a":2}\n{"a":3}\n');

    // Another device's file arrived through sync with its last line cut short.
    memoryFs.put(log('other.jsonl'), '{"b":1}');
    await ask('appendLog', { name: 'other.jsonl', text: '{"b":2}\n' });
    expect(memoryFs.text(log('other.jsonl'))).toBe('{"b":1}\n{"b":2}\n');
  });

  it('loses no line when appends overlap', async () => {
    const { ask } = host();
    await Promise.all(Array.from({ length: 20 }, (_, i) => ask('appendLog', { name: 'dev.jsonl', text: `{"n":${i}}\n` })));
    expect(memoryFs.text(log('dev.jsonl'))!.trim().split('\n')).toHaveLength(20);
  });

  it('lists the logs with their sizes in bytes and reads one from a byte offset', async () => {
    const { ask } = host();
    expect(await ask<HostListLogsResult>('listLogs')).toEqual({ logs: [] });
    await ask('appendLog', { name: 'dev-1.jsonl', text: '{"a":"café"}\n{"a":2}\n' });
    memoryFs.put(log('notes.md'), 'not a log');
    await memoryFs.createDirectory(MemoryUri.joinPath(workspace, 'scriptorium/history/sub.jsonl') as unknown as vscode.Uri);

    expect(await ask<HostListLogsResult>('listLogs')).toEqual({ logs: [{ name: 'dev-1.jsonl', size: 22 }] });
    // 'é' is two bytes: the second line starts at byte 14, not at character 13.
    const rest = await ask<HostReadLogResult>('readLog', { name: 'dev-1.jsonl', offset: 14 });
    expect(unb64(rest.base64)).toBe('{"a":2}\n');
    expect(await ask<HostReadLogResult>('readLog', { name: 'dev-1.jsonl', offset: 1000 })).toEqual({ base64: '' });
    expect(await ask<HostReadLogResult>('readLog', { name: 'missing.jsonl', offset: 0 })).toEqual({ base64: '' });
  });

  it('stats the files that exist and leaves missing ones, folders and paths out of the workspace out', async () => {
    memoryFs.put('/github/notes/Plan.md', '- [ ] café\n');
    memoryFs.put('/github/secret.md', 'outside');
    memoryFs.put('/github/notes/Projects/x.md', 'x');
    const { ask } = host();
    const plan = await memoryFs.stat(MemoryUri.joinPath(workspace, 'Plan.md') as unknown as vscode.Uri);
    const result = await ask<HostStatFilesResult>('statFiles', { paths: ['Plan.md', 'Gone.md', 'Projects', '../secret.md', 42] });
    expect(result).toEqual({ files: [{ path: 'Plan.md', size: 12, mtime: plan.mtime }] });
    expect(await ask<HostStatFilesResult>('statFiles', {})).toEqual({ files: [] });
  });

  it('keeps the store in the extension’s storage, never in the workspace, and finds a save cut before its rename', async () => {
    const { ask } = host();
    expect(await ask<HostLoadStoreResult>('loadStore')).toEqual({ base64: null });
    await ask('persistStore', { base64: b64('first store') });
    await ask('persistStore', { base64: b64('second store') });
    expect(unb64((await ask<HostLoadStoreResult>('loadStore')).base64!)).toBe('second store');
    expect([...memoryFs.files.keys()]).toEqual([`${storage.path}/store.sqlite`]);

    await memoryFs.rename(MemoryUri.joinPath(storage, 'store.sqlite') as unknown as vscode.Uri, MemoryUri.joinPath(storage, 'store.sqlite.tmp') as unknown as vscode.Uri);
    expect(unb64((await ask<HostLoadStoreResult>('loadStore')).base64!)).toBe('second store');
  });

  it('uses the global storage where VS Code gives no per-workspace one', async () => {
    const { ask } = host({ storageUri: undefined });
    await ask('persistStore', { base64: b64('store') });
    expect([...memoryFs.files.keys()]).toEqual(['/User/globalStorage/scriptorium/store.sqlite']);
  });

  it('names the device once, keeps it in globalState and never syncs it', async () => {
    const first = host();
    const { device } = await first.ask<HostDeviceNameResult>('deviceName');
    expect(device).toMatch(/^vscode-web-[0-9a-f]{4}$/);
    expect((await first.ask<HostDeviceNameResult>('deviceName')).device).toBe(device);
    expect(first.state.get('scriptorium.device')).toBe(device);
    expect(first.globalState.setKeysForSync).not.toHaveBeenCalled();

    // Another start on this machine: the same name, so the same log file.
    const second = host({ globalState: first.globalState as unknown as vscode.Memento & { setKeysForSync(keys: readonly string[]): void } });
    expect((await second.ask<HostDeviceNameResult>('deviceName')).device).toBe(device);
  });

  it('refuses log names that are not a plain <device>.jsonl', async () => {
    memoryFs.put('/github/notes/Plan.md', '- [ ] one\n');
    const { ask } = host();
    for (const name of ['../Plan.jsonl', 'a/b.jsonl', '.hidden.jsonl', 'Plan.md', '', 42, undefined]) {
      await expect(ask('appendLog', { name, text: 'x\n' })).rejects.toThrow(/not a history log file name/);
      await expect(ask('readLog', { name, offset: 0 })).rejects.toThrow(/not a history log file name/);
    }
    expect([...memoryFs.files.keys()]).toEqual(['/github/notes/Plan.md']);
    expect(memoryFs.text('/github/notes/Plan.md')).toBe('- [ ] one\n');
  });
});

describe('the real server, in its browser build, on this host', () => {
  const rootUri = 'app://notes';
  const inWorkspace = (path: string) => `${workspace.path}/${path}`;
  const open: { server: Connection; client: MessageConnection }[] = [];
  afterEach(() => {
    for (const { server, client } of open.splice(0)) client.dispose(), server.dispose();
  });

  /** The server over in-process streams; the files, edits and history answered from the memory workspace as the extension does. */
  async function serve(context: HistoryHostContext) {
    // The store is saved once the history has been idle this long (the worker keeps it open while in use).
    const { server, client } = inProcessBrowserServer({ historyIdleMs: 20 });
    open.push({ server, client });
    registerHistoryHost(client, context, () => workspace as unknown as vscode.Uri);
    const prefix = `${workspace.path}/`;
    client.onRequest('scriptorium/host/listFiles', () => ({ paths: [...memoryFs.files.keys()].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length)) }));
    client.onRequest('scriptorium/host/readFiles', (p: HostReadFilesParams) => ({ files: p.paths.map((path) => ({ path, text: memoryFs.text(inWorkspace(path)) })) }));
    client.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      const changes = (p.edit.documentChanges ?? []).flatMap((c) => ('edits' in c ? [[c.textDocument.uri, c.edits] as const] : []));
      for (const [uri, edits] of [...changes, ...Object.entries(p.edit.changes ?? {})]) {
        const path = decodeURIComponent(uri.slice(rootUri.length + 1));
        memoryFs.put(inWorkspace(path), TextDocument.applyEdits(TextDocument.create(uri, 'markdown', 0, memoryFs.text(inWorkspace(path))!), edits as TextEdit[]));
        void client.sendNotification('scriptorium/fileChanged', { path, text: memoryFs.text(inWorkspace(path)) });
      }
      return { applied: true };
    });
    client.onRequest('window/workDoneProgress/create', () => null);
    client.onRequest('client/registerCapability', () => null);
    const logs: string[] = [];
    client.onNotification('window/logMessage', (p: { message: string }) => void logs.push(p.message));
    const ready = new Promise<void>((resolve) => client.onNotification('scriptorium/status', (p: { state: string }) => void (p.state === 'ready' && resolve())));
    client.listen();
    await client.sendRequest('initialize', { processId: null, rootUri, capabilities: { workspace: { applyEdit: true } }, initializationOptions: { today: '2026-11-23' } });
    await client.sendNotification('initialized', {});
    await ready;
    return Object.assign(client, { logs });
  }

  it('records a completed task in the workspace’s log and the extension’s storage, and keeps it over a restart', async () => {
    memoryFs.put(inWorkspace('Plan.md'), '# Plan\n\n- [ ] Write the spec 🆔 spec\n');
    const { full } = extensionContext();
    const first = await serve(full);
    const task = (await first.sendRequest<TaskQueryResult>('scriptorium/taskQuery', { query: 'id includes spec' })).groups.flatMap((g) => g.tasks)[0]!;
    const updated = await first.sendRequest<UpdateTaskResult>('scriptorium/updateTask', { uri: task.uri, line: task.line - 1, change: { kind: 'toggleDone' } });
    expect(updated.applied).toBe(true);

    const history = await first.sendRequest<TaskHistoryResult>('scriptorium/taskHistory', { task: 'spec' });
    expect(history.events.map((e) => [e.source, e.kind, e.task.description])).toEqual([['edit', 'completed', 'Write the spec']]);
    const device = history.events[0]!.device;
    expect(device).toMatch(/^vscode-web-[0-9a-f]{4}$/);
    expect(memoryFs.text(log(`${device}.jsonl`))!.trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['completed']);
    for (const deadline = Date.now() + 5000; memoryFs.text(`${storage.path}/store.sqlite`) === undefined && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 10));
    expect(memoryFs.text(`${storage.path}/store.sqlite`)!.slice(0, 15)).toBe('SQLite format 3');

    // The next session in this browser: the same device, the same history.
    const second = await serve(full);
    const again = await second.sendRequest<TaskHistoryResult>('scriptorium/taskHistory', { task: 'spec' });
    expect(again.events.map((e) => [e.id, e.device])).toEqual(history.events.map((e) => [e.id, e.device]));
    // From the kept store, not rebuilt; and nothing failed to record.
    expect([...first.logs, ...second.logs].join('\n')).not.toMatch(/Rebuilt|could not/);
  });
});
