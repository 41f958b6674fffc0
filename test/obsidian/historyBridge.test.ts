// @vitest-environment happy-dom
// The plugin's answers to the task history's host requests (obsidian-plugin/src/server/vaultBridge.ts)
// over a real JSON-RPC connection, against the fake vault adapter (test/obsidian/fake).
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { HostListLogsResult, HostLoadStoreResult, HostReadLogResult, HostStatFilesResult, TaskHistoryResult } from '../../shared-types/protocol.js';
import { VaultBridge } from '../../obsidian-plugin/src/server/vaultBridge.js';
import type { ServerClient } from '../../obsidian-plugin/src/server/serverClient.js';
import { createApp, type App } from './fake/index.js';
import { loadPlugin, type LoadedPlugin } from './harness.js';

const storeFolder = '.obsidian/plugins/scriptorium';
const open: MessageConnection[] = [];
let loaded: LoadedPlugin | null = null;
afterEach(() => {
  for (const c of open.splice(0)) c.dispose();
  loaded?.unload();
  loaded = null;
});

function connectBridge(app: App): MessageConnection {
  const up = new PassThrough();
  const down = new PassThrough();
  const pluginSide = createMessageConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  const serverSide = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  open.push(pluginSide, serverSide);
  new VaultBridge(app as never, { connection: pluginSide } as unknown as ServerClient, storeFolder, () => ({}), () => undefined);
  pluginSide.listen();
  serverSide.listen();
  return serverSide;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const unb64 = (base64: string) => Buffer.from(base64, 'base64').toString();

describe('the vault bridge answers the task history requests', () => {
  it('stats files from the vault and the adapter, and leaves missing ones out', async () => {
    const app = createApp({ 'Plan.md': '- [ ] one\n', '.gitignore': 'tmp/\n' });
    app.vault.adapter.mtimes.set('.gitignore', 42);
    const server = connectBridge(app);
    const plan = app.vault.getFileByPath('Plan.md')!;
    const result = await server.sendRequest<HostStatFilesResult>('scriptorium/host/statFiles', { paths: ['Plan.md', '.gitignore', 'Gone.md'] });
    expect(result.files).toEqual([
      { path: 'Plan.md', size: plan.stat.size, mtime: plan.stat.mtime },
      { path: '.gitignore', size: 5, mtime: 42 },
    ]);
  });

  it('keeps the store under the plugin folder, never among the notes, and finds a save cut between its steps', async () => {
    const app = createApp({ 'Plan.md': '- [ ] one\n' });
    const server = connectBridge(app);
    expect(await server.sendRequest<HostLoadStoreResult>('scriptorium/host/loadStore')).toEqual({ base64: null });
    await server.sendRequest('scriptorium/host/persistStore', { base64: b64('first store') });
    await server.sendRequest('scriptorium/host/persistStore', { base64: b64('second store') });
    expect(unb64((await server.sendRequest<HostLoadStoreResult>('scriptorium/host/loadStore')).base64!)).toBe('second store');
    expect([...app.vault.adapter.binaries.keys()]).toEqual([`${storeFolder}/store.sqlite`]);
    expect(app.vault.getFiles().map((f) => f.path)).toEqual(['Plan.md']);

    // The old store removed, the new one not yet renamed: the whole temporary file is the store.
    await app.vault.adapter.rename(`${storeFolder}/store.sqlite`, `${storeFolder}/store.sqlite.tmp`);
    expect(unb64((await server.sendRequest<HostLoadStoreResult>('scriptorium/host/loadStore')).base64!)).toBe('second store');
  });

  it('names the device once and keeps the name in Obsidian’s local storage', async () => {
    const app = createApp({});
    const saved = new Map<string, unknown>();
    Object.assign(app, { loadLocalStorage: (key: string) => saved.get(key) ?? null, saveLocalStorage: (key: string, value: unknown) => saved.set(key, value) });
    const first = (await connectBridge(app).sendRequest<{ device: string }>('scriptorium/host/deviceName')).device;
    expect(first).toMatch(/^obsidian-[0-9a-f]{4}$/);
    expect(saved.get('scriptorium-device')).toBe(first);
    // Another start of the plugin on this device: the same name, so the same log file.
    expect((await connectBridge(app).sendRequest<{ device: string }>('scriptorium/host/deviceName')).device).toBe(first);
  });

  it('appends to the log in scriptorium/history/, lists it with byte sizes and reads from a byte offset', async () => {
    const app = createApp({ 'Plan.md': '- [ ] one\n' });
    const server = connectBridge(app);
    expect(await server.sendRequest<HostListLogsResult>('scriptorium/host/listLogs')).toEqual({ logs: [] });

    await server.sendRequest('scriptorium/host/appendLog', { name: 'dev-1.jsonl', text: '{"a":"café"}\n' });
    expect(app.vault.adapter.folders.has('scriptorium/history')).toBe(true);
    // Another device's file arrived through sync with its last line cut short.
    app.vault.adapter.texts.set('scriptorium/history/other.jsonl', '{"b":1}');
    app.vault.adapter.texts.set('scriptorium/history/notes.md', 'not a log');
    await server.sendRequest('scriptorium/host/appendLog', { name: 'dev-1.jsonl', text: '{"a":2}\n' });
    await server.sendRequest('scriptorium/host/appendLog', { name: 'other.jsonl', text: '{"b":2}\n' });
    expect(app.vault.adapter.texts.get('scriptorium/history/dev-1.jsonl')).toBe('{"a":"café"}\n{"a":2}\n');
    expect(app.vault.adapter.texts.get('scriptorium/history/other.jsonl')).toBe('{"b":1}\n{"b":2}\n');

    const { logs } = await server.sendRequest<HostListLogsResult>('scriptorium/host/listLogs');
    expect(logs.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'dev-1.jsonl', size: 22 },
      { name: 'other.jsonl', size: 16 },
    ]);
    const rest = await server.sendRequest<HostReadLogResult>('scriptorium/host/readLog', { name: 'dev-1.jsonl', offset: 14 });
    expect(unb64(rest.base64)).toBe('{"a":2}\n');
    expect(await server.sendRequest<HostReadLogResult>('scriptorium/host/readLog', { name: 'missing.jsonl', offset: 0 })).toEqual({ base64: '' });
  });

  it('refuses log names that are not a plain <device>.jsonl', async () => {
    const app = createApp({ 'Plan.md': '- [ ] one\n' });
    const server = connectBridge(app);
    for (const name of ['../Plan.jsonl', 'a/b.jsonl', '.hidden.jsonl', 'Plan.md', 42]) {
      await expect(server.sendRequest('scriptorium/host/appendLog', { name, text: 'x\n' })).rejects.toThrow(/not a history log file name/);
      await expect(server.sendRequest('scriptorium/host/readLog', { name, offset: 0 })).rejects.toThrow(/not a history log file name/);
    }
    expect(app.vault.adapter.texts.get('Plan.md')).toBe('- [ ] one\n');
    expect([...app.vault.adapter.texts.keys()].filter((p) => p.includes('jsonl'))).toEqual([]);
  });
});

describe('the plugin with the shipped worker (dist/server-browser.js, sql.js inlined)', () => {
  it('records a task completed through the server in the vault’s log and the plugin’s store', async () => {
    loaded = await loadPlugin({ 'Plan.md': '# Plan\n\n- [ ] Write the spec 🆔 spec\n' });
    const client = loaded.plugin.client;
    const task = (await client.taskQuery({ query: 'id includes spec' })).groups.flatMap((g) => g.tasks)[0]!;
    const result = await client.updateTask({ uri: task.uri, line: task.line - 1, change: { kind: 'toggleDone' }, fileVersion: task.fileVersion });
    expect(result.applied).toBe(true);
    expect(loaded.app.vault.adapter.texts.get('Plan.md')).toContain('- [x] Write the spec');

    const history = await client.connection.sendRequest<TaskHistoryResult>('scriptorium/taskHistory', { task: 'spec' });
    expect(history.events.map((e) => [e.source, e.kind, e.task.description])).toEqual([['edit', 'completed', 'Write the spec']]);
    const device = history.events[0]!.device;
    expect(device).toMatch(/^obsidian-[0-9a-f]{4}$/);
    const log = loaded.app.vault.adapter.texts.get(`scriptorium/history/${device}.jsonl`)!;
    expect(log.trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['completed']);
    // The worker keeps the store open while in use and saves it once idle (3 s).
    const saved = () => loaded!.app.vault.adapter.binaries.get(`${storeFolder}/store.sqlite`);
    for (const deadline = Date.now() + 8000; saved() === undefined && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    const store = new Uint8Array(saved()!);
    expect(new TextDecoder().decode(store.subarray(0, 15))).toBe('SQLite format 3');
  }, 15_000);
});
