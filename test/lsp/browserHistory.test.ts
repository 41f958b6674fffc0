import { afterEach, describe, expect, it } from 'vitest';
import { ResponseError, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApplyWorkspaceEditParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import type { Connection } from 'vscode-languageserver/node';
import type {
  HostAppendLogParams,
  HostPersistStoreParams,
  HostReadFilesParams,
  HostReadLogParams,
  HostStatFilesParams,
  TaskHistoryResult,
  TaskQueryResult,
  UpdateTaskResult,
} from '../../shared-types/protocol.js';
import { inProcessBrowserServer } from './inProcessBrowserServer.js';

// The real server (startServer) with the browser build's host, over in-process JSON-RPC streams,
// and an editor that keeps the vault, the event log and the store bytes in memory and answers the
// `scriptorium/host/…` requests as the Obsidian plugin does with its vault adapter. sql.js is the
// real one (node's loader: the worker's inlined WASM is the same binary).

const root = 'app://vault';
const plan = 'Plan.md';

/** What an editor keeps: the vault's files, the log under scriptorium/history/, the store bytes, the device name. */
class MemoryEditor {
  readonly files = new Map<string, { text: string; mtime: number }>();
  readonly logs = new Map<string, Uint8Array>();
  store: Uint8Array | null = null;
  saves = 0;
  loads = 0;
  /** Every path the server asked for with readFiles, in order. */
  readonly reads: string[] = [];
  private clock = 1_700_000_000_000;

  constructor(
    files: Record<string, string>,
    readonly answersHistory = true,
  ) {
    for (const [path, text] of Object.entries(files)) this.write(path, text);
  }

  write(path: string, text: string): void {
    this.files.set(path, { text, mtime: this.clock++ });
  }

  logText(name: string): string {
    return new TextDecoder().decode(this.logs.get(name) ?? new Uint8Array(0));
  }

  answer(client: MessageConnection): void {
    const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    client.onRequest('scriptorium/host/listFiles', () => ({ paths: [...this.files.keys()] }));
    client.onRequest('scriptorium/host/readFiles', (p: HostReadFilesParams) => {
      this.reads.push(...p.paths);
      return { files: p.paths.map((path) => (this.files.has(path) ? { path, text: this.files.get(path)!.text } : { path })) };
    });
    client.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      // As the plugin does: write the edit to the vault, then tell the server the file changed.
      for (const change of (p.edit.documentChanges ?? []) as TextDocumentEdit[]) this.applyTo(client, change.textDocument.uri, change.edits as TextEdit[]);
      for (const [uri, edits] of Object.entries(p.edit.changes ?? {})) this.applyTo(client, uri, edits);
      return { applied: true };
    });
    client.onRequest('window/workDoneProgress/create', () => null);
    client.onRequest('client/registerCapability', () => null);
    if (!this.answersHistory) return;
    client.onRequest('scriptorium/host/statFiles', (p: HostStatFilesParams) => ({
      files: p.paths.flatMap((path) => {
        const file = this.files.get(path);
        return file ? [{ path, size: Buffer.byteLength(file.text), mtime: file.mtime }] : [];
      }),
    }));
    client.onRequest('scriptorium/host/deviceName', () => ({ device: 'web-test' }));
    client.onRequest('scriptorium/host/loadStore', () => {
      this.loads++;
      return { base64: this.store ? b64(this.store) : null };
    });
    client.onRequest('scriptorium/host/persistStore', (p: HostPersistStoreParams) => {
      this.store = new Uint8Array(Buffer.from(p.base64, 'base64'));
      this.saves++;
      return null;
    });
    client.onRequest('scriptorium/host/listLogs', () => ({ logs: [...this.logs].map(([name, bytes]) => ({ name, size: bytes.length })) }));
    client.onRequest('scriptorium/host/readLog', (p: HostReadLogParams) => ({ base64: b64((this.logs.get(p.name) ?? new Uint8Array(0)).subarray(p.offset)) }));
    client.onRequest('scriptorium/host/appendLog', (p: HostAppendLogParams) => {
      const before = this.logText(p.name);
      const text = before !== '' && !before.endsWith('\n') ? `\n${p.text}` : p.text;
      this.logs.set(p.name, new TextEncoder().encode(before + text));
      return null;
    });
  }

  private applyTo(client: MessageConnection, uri: string, edits: TextEdit[]): void {
    const path = decodeURIComponent(uri.slice(root.length + 1));
    const before = TextDocument.create(uri, 'markdown', 0, this.files.get(path)!.text);
    this.write(path, TextDocument.applyEdits(before, edits));
    void client.sendNotification('scriptorium/fileChanged', { path, text: this.files.get(path)!.text });
  }
}

interface Running {
  client: MessageConnection;
  logs: string[];
  request<R>(method: string, params: unknown): Promise<R>;
}

const open: { server: Connection; client: MessageConnection }[] = [];
afterEach(() => {
  for (const { server, client } of open.splice(0)) {
    client.dispose();
    server.dispose();
  }
});

/** Starts a server on `editor` and waits until it has indexed the files. */
async function start(editor: MemoryEditor, options: { historyIdleMs?: number } = {}): Promise<Running> {
  const { server, client } = inProcessBrowserServer(options);
  open.push({ server, client });
  const logs: string[] = [];
  client.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  const ready = new Promise<void>((resolve) => client.onNotification('scriptorium/status', (p: { state: string }) => {
      if (p.state === 'ready') resolve();
    }));
  editor.answer(client);
  client.listen();
  await client.sendRequest('initialize', { processId: null, rootUri: root, capabilities: { workspace: { applyEdit: true } }, initializationOptions: { today: '2026-11-23' } });
  await client.sendNotification('initialized', {});
  await ready;
  return { client, logs, request: (method, params) => client.sendRequest(method, params) };
}

async function complete(server: Running, description: string): Promise<UpdateTaskResult> {
  const found = await server.request<TaskQueryResult>('scriptorium/taskQuery', { query: `description includes ${description}` });
  const task = found.groups.flatMap((g) => g.tasks)[0]!;
  return server.request<UpdateTaskResult>('scriptorium/updateTask', { uri: task.uri, line: task.line - 1, change: { kind: 'toggleDone' } });
}

/** Waits (up to 5 s) until `done()` holds: the store is saved once the history has been idle a while. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(done()).toBe(true);
}

const summary = (result: TaskHistoryResult) => result.events.map((e) => [e.source, e.kind, e.device, e.task.description]);

describe('task history in the browser build, through host requests', () => {
  const vault = { [plan]: '# Plan\n\n- [ ] Write the spec 🆔 spec\n- [ ] Ship it ⛔ spec\n', 'Notes/Idea.md': '# Idea\n\n- [ ] Sketch it\n' };

  it('drops a change notification that falls due after the editor went away (no error out of a timer)', async () => {
    const editor = new MemoryEditor(vault);
    const server = await start(editor);
    editor.write('Notes/Idea.md', '# Idea\n\n- [ ] Sketch it again\n');
    await server.client.sendNotification('scriptorium/fileChanged', { path: 'Notes/Idea.md', text: editor.files.get('Notes/Idea.md')!.text });
    // Answered after the change was taken in: its tasksChanged is now waiting for its debounce.
    await server.request('scriptorium/taskQuery', { query: 'not done' });
    for (const { server: s, client } of open.splice(0)) {
      client.dispose();
      s.dispose();
    }
    await new Promise((r) => setTimeout(r, 150));
  });

  it('reads a changed file the editor names by path alone (as VS Code for the Web does), and never asks for a history log', async () => {
    const editor = new MemoryEditor(vault);
    const server = await start(editor);
    editor.write('Notes/Idea.md', '# Idea\n\n- [ ] Sketch it\n- [ ] Named by its path only\n');
    const from = editor.reads.length;
    const changed = new Promise<void>((resolve) =>
      server.client.onNotification('scriptorium/tasksChanged', (p: { paths: string[] }) => {
        if (p.paths.includes('Notes/Idea.md')) resolve();
      }),
    );
    await server.client.sendNotification('scriptorium/fileChanged', { path: 'scriptorium/history/web-test.jsonl' });
    await server.client.sendNotification('scriptorium/fileChanged', { path: 'Notes/Idea.md' });
    await changed;
    const asked = editor.reads.slice(from);
    expect(asked).toContain('Notes/Idea.md');
    expect(asked.filter((p) => p.startsWith('scriptorium/'))).toEqual([]);
    const found = await server.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'description includes path only' });
    expect(found.groups.flatMap((g) => g.tasks).map((t) => t.description)).toEqual(['Named by its path only']);
  });

  it('records a completed task as an editor edit, keeps it over a restart, and rebuilds a corrupt store from the log', async () => {
    const editor = new MemoryEditor(vault);
    const first = await start(editor, { historyIdleMs: 20 });
    expect((await complete(first, 'Write the spec')).applied).toBe(true);
    expect(editor.files.get(plan)!.text).toContain('- [x] Write the spec 🆔 spec ✅ 2026-11-23');

    const history = await first.request<TaskHistoryResult>('scriptorium/taskHistory', { task: 'spec' });
    expect(summary(history)).toEqual([['edit', 'completed', 'web-test', 'Write the spec']]);
    expect(history.events[0]).toMatchObject({ fromState: 'Pending', toState: 'Completed' });
    expect(history.lineText).toContain('- [x] Write the spec');
    // The log in the vault holds the event (the truth); the store goes back to the editor as bytes once idle.
    expect(editor.logText('web-test.jsonl').trim().split('\n').map((l) => JSON.parse(l).kind)).toEqual(['completed']);
    await until(() => editor.saves > 0);
    expect(new TextDecoder().decode(editor.store!.subarray(0, 15))).toBe('SQLite format 3');

    // A hand edit in the editor is found by the next read, as a scan.
    editor.write('Notes/Idea.md', '# Idea\n\n- [/] Sketch it\n');
    await first.client.sendNotification('scriptorium/fileChanged', { path: 'Notes/Idea.md', text: editor.files.get('Notes/Idea.md')!.text });
    const all = await first.request<TaskHistoryResult>('scriptorium/taskHistory', {});
    expect(summary(all)).toEqual([
      ['edit', 'completed', 'web-test', 'Write the spec'],
      ['scan', 'status', 'web-test', 'Sketch it'],
    ]);

    // A new worker over the same editor: the store it is given still holds both.
    const saved = editor.saves;
    await until(() => editor.saves > saved);
    const second = await start(editor);
    expect(summary(await second.request<TaskHistoryResult>('scriptorium/taskHistory', {}))).toEqual(summary(all));
    expect(second.logs.join('\n')).not.toContain('Rebuilt');

    // Damaged bytes from the editor: rebuilt from the log in the vault, nothing lost, one log line.
    editor.store = new TextEncoder().encode('SQLite format 3\0 but not really a database');
    const third = await start(editor, { historyIdleMs: 20 });
    const rebuilt = await third.request<TaskHistoryResult>('scriptorium/taskHistory', {});
    expect(summary(rebuilt)).toEqual(summary(all));
    expect(third.logs.join('\n')).toMatch(/could not be used: .*Rebuilt it from 2 files and 2 history events; nothing was lost/);
    const beforeRebuild = editor.saves;
    await until(() => editor.saves > beforeRebuild);
    expect(new TextDecoder().decode(editor.store!.subarray(0, 15))).toBe('SQLite format 3');
    expect(editor.logText('web-test.jsonl').trim().split('\n')).toHaveLength(2);
  });

  it('keeps the store open through a burst of uses: one load, then one save once idle', async () => {
    const editor = new MemoryEditor(vault);
    const server = await start(editor, { historyIdleMs: 1500 });
    expect((await complete(server, 'Write the spec')).applied).toBe(true);
    expect((await complete(server, 'Sketch it')).applied).toBe(true);
    const history = await server.request<TaskHistoryResult>('scriptorium/taskHistory', {});
    expect(summary(history)).toEqual([
      ['edit', 'completed', 'web-test', 'Write the spec'],
      ['edit', 'completed', 'web-test', 'Sketch it'],
    ]);
    expect(editor.loads).toBe(1);
    expect(editor.saves).toBe(0);
    await until(() => editor.saves === 1);
    // Closed once saved: the next use loads the store again, and finds both events in it.
    await new Promise((r) => setTimeout(r, 50));
    const again = await server.request<TaskHistoryResult>('scriptorium/taskHistory', {});
    expect(summary(again)).toEqual(summary(history));
    expect(editor.loads).toBe(2);
  });

  it('loses nothing when the worker goes before the store is saved: the next one projects the log', async () => {
    const editor = new MemoryEditor(vault);
    const first = await start(editor, { historyIdleMs: 60_000 });
    expect((await complete(first, 'Write the spec')).applied).toBe(true);
    await first.request<TaskHistoryResult>('scriptorium/taskHistory', {});
    expect(editor.saves).toBe(0);
    for (const { server, client } of open.splice(0)) {
      client.dispose();
      server.dispose();
    }
    const second = await start(editor);
    const history = await second.request<TaskHistoryResult>('scriptorium/taskHistory', { task: 'spec' });
    expect(summary(history)).toEqual([['edit', 'completed', 'web-test', 'Write the spec']]);
  });

  it('an editor that answers no history request: the edit is applied, history answers 1002', async () => {
    const editor = new MemoryEditor(vault, false);
    const server = await start(editor);
    expect((await complete(server, 'Write the spec')).applied).toBe(true);
    expect(editor.files.get(plan)!.text).toContain('- [x] Write the spec');
    const refused = await server.request('scriptorium/taskHistory', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ResponseError);
    expect(refused).toMatchObject({ code: 1002, message: expect.stringContaining('scriptorium/host/deviceName') });
    expect(server.logs.join('\n')).not.toContain('could not be recorded');
  });
});
