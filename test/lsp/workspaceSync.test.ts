import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { TaskQueryResult, TasksChangedParams } from '../../shared-types/protocol.js';
import { generateVault } from '../bench/generateVault.js';
import { copyOfVault, sampleVault } from '../cli/runCli.js';
import { write as writeIn } from '../core/store/helpers.js';
import { LspClient } from './lspClient.js';

const folders: string[] = [];
let client: LspClient | null = null;

afterEach(async () => {
  await client?.stop();
  client = null;
});
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function vaultCopy(): string {
  const vault = copyOfVault(sampleVault);
  folders.push(vault);
  return vault;
}

async function descriptions(c: LspClient, query = 'path includes /'): Promise<string[]> {
  const result = await c.request<TaskQueryResult>('scriptorium/taskQuery', { query });
  return result.groups.flatMap((g) => g.tasks.map((t) => t.description));
}

async function paths(c: LspClient): Promise<string[]> {
  const result = await c.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'sort by path' });
  return [...new Set(result.groups.flatMap((g) => g.tasks.map((t) => t.path)))];
}

describe('what the node server indexes', () => {
  it('skips what .gitignore and the configured excludes name, and dot-folders', async () => {
    const vault = vaultCopy();
    mkdirSync(path.join(vault, 'build'));
    writeFileSync(path.join(vault, 'build/generated.md'), '- [ ] Generated task\n');
    mkdirSync(path.join(vault, 'Archive'));
    writeFileSync(path.join(vault, 'Archive/old.md'), '- [ ] Archived task\n');
    mkdirSync(path.join(vault, '.trash'));
    writeFileSync(path.join(vault, '.trash/deleted.md'), '- [ ] Trashed task\n');
    writeFileSync(path.join(vault, '.gitignore'), 'build/\n');
    client = await LspClient.start(vault, { initializationOptions: { excludes: ['Archive/**'] } });
    await client.ready();
    const all = await descriptions(client);
    expect(all).not.toContain('Generated task');
    expect(all).not.toContain('Archived task');
    expect(all).not.toContain('Trashed task');
    expect(all).toContain('Launch');

    // The excludes also come from workspace configuration, and changing them re-indexes.
    const before = client.notifications.length;
    await client.notify('workspace/didChangeConfiguration', { settings: { scriptorium: { excludes: [] } } });
    await client.waitFor('scriptorium/status', (p) => (p as { state: string }).state === 'ready', before);
    expect(await descriptions(client)).toContain('Archived task');
    expect(await descriptions(client)).not.toContain('Generated task');
  });

  it('honours nested .gitignore files, and follows their creation, edits and deletion', async () => {
    const vault = vaultCopy();
    const write = (relative: string, text: string) => writeIn(vault, relative, text);
    write('packages/app/dist/generated.md', '# Generated heading\n\n- [ ] Generated nested task\n');
    write('packages/app/dist/bundle.ts', '// TODO: bundled todo\n');
    write('packages/app/src/kept.md', '- [ ] Kept nested task\n');
    write('packages/app/.gitignore', '# build output\r\ndist/\r\n');
    client = await LspClient.start(vault);
    await client.ready();
    const symbols = async (query: string) => (await client!.request<{ name: string }[]>('workspace/symbol', { query })).map((s) => s.name);
    const fromDist = ['Generated nested task', 'bundled todo', 'Generated heading'];
    /** What the server shows of packages/app/dist: its tasks, its code comment, its heading. */
    const shownFromDist = async () => {
      const all = await descriptions(client!);
      expect(all).toContain('Kept nested task');
      return [...all, ...(await symbols('Generated heading'))].filter((name) => fromDist.includes(name)).sort();
    };
    expect(await shownFromDist()).toEqual([]);

    // File events as a client's watcher sends them (1 created, 2 changed, 3 deleted); each re-applies the rules.
    const eventsThenReady = async (...changes: [string, 1 | 2 | 3][]) => {
      const mark = client!.notifications.length;
      await client!.notify('workspace/didChangeWatchedFiles', { changes: changes.map(([p, type]) => ({ uri: client!.uri(p), type })) });
      await client!.waitFor('scriptorium/status', (p) => (p as { state: string }).state === 'ready', mark);
    };
    write('packages/app/.gitignore', '# build output\n');
    await eventsThenReady(['packages/app/.gitignore', 2]);
    expect(await shownFromDist()).toEqual([...fromDist].sort());

    // Two rule changes in one batch (a checkout) share one re-index: a file event sent after its
    // `ready` is handled next, with no second re-index before it.
    rmSync(path.join(vault, 'packages/app/.gitignore'));
    write('packages/app/dist/.gitignore', '*\n');
    const mark = client.notifications.length;
    await eventsThenReady(['packages/app/.gitignore', 3], ['packages/app/dist/.gitignore', 1]);
    expect(await shownFromDist()).toEqual([]);
    write('Later.md', '- [ ] Written after the checkout\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('Later.md'), type: 1 }] });
    await client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes('Later.md'), mark);
    const readies = client.notifications.slice(mark).filter((n) => n.method === 'scriptorium/status' && (n.params as { state: string }).state === 'ready');
    expect(readies).toHaveLength(1);

    rmSync(path.join(vault, 'packages/app/dist/.gitignore'));
    await eventsThenReady(['packages/app/dist/.gitignore', 3]);
    await expect.poll(shownFromDist, { timeout: 15_000 }).toEqual([...fromDist].sort());
  });

  it('follows created, renamed and deleted files and folders', async () => {
    const vault = vaultCopy();
    client = await LspClient.start(vault);
    await client.ready();
    writeFileSync(path.join(vault, 'Inbox.md'), '- [ ] Sort the inbox 🆔 inbox\n');
    let mark = client.notifications.length;
    await client.notify('workspace/didCreateFiles', { files: [{ uri: client.uri('Inbox.md') }] });
    await client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes('Inbox.md'), mark);
    expect(await descriptions(client, 'id includes inbox')).toEqual(['Sort the inbox']);

    renameSync(path.join(vault, 'Projects'), path.join(vault, 'Work'));
    mark = client.notifications.length;
    await client.notify('workspace/didRenameFiles', { files: [{ oldUri: client.uri('Projects'), newUri: client.uri('Work') }] });
    await client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes('Work/Website relaunch.md'), mark);
    const afterRename = await paths(client);
    expect(afterRename).toContain('Work/Website relaunch.md');
    expect(afterRename.some((p) => p.startsWith('Projects/'))).toBe(false);

    rmSync(path.join(vault, 'Work'), { recursive: true });
    mark = client.notifications.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('Work'), type: 3 }] });
    await client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes('Work/Website relaunch.md'), mark);
    expect((await paths(client)).some((p) => p.startsWith('Work/'))).toBe(false);
  });

  it('keeps an open document over changes on disk until it closes', async () => {
    const vault = vaultCopy();
    client = await LspClient.start(vault);
    await client.ready();
    const note = 'Inbox.md';
    writeFileSync(path.join(vault, note), '- [ ] On disk\n');
    await client.open(note, '- [ ] Typed, not saved\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri(note), type: 1 }] });
    expect(await descriptions(client, 'path includes Inbox')).toEqual(['Typed, not saved']);
    const mark = client.notifications.length;
    await client.close(note);
    await client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes(note), mark);
    expect(await descriptions(client, 'path includes Inbox')).toEqual(['On disk']);
  });
});

describe('the server under load', () => {
  it('answers requests while a large workspace indexes, then has every file', async () => {
    const vault = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-lsp-load-'));
    folders.push(vault);
    const notes = 3000;
    await generateVault(vault, notes);
    client = await LspClient.start(vault);
    const c = client;
    // A request that costs the server nothing: how long it takes is how long it waited behind indexing.
    const cheap = { textDocument: { uri: 'untitled:scratch' } };
    const waits: number[] = [];
    let ready = false;
    void c.ready().then(() => (ready = true));
    while (!ready) {
      const started = performance.now();
      await c.request('textDocument/diagnostic', cheap);
      if (!ready) waits.push(performance.now() - started);
    }
    // Requests were answered between indexing slices, not queued behind it.
    expect(waits.length).toBeGreaterThan(5);
    const status = await c.ready();
    expect((status.params as { files: number }).files).toBeGreaterThanOrEqual(notes);
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      await c.request('textDocument/diagnostic', cheap);
      idle.push(performance.now() - started);
    }
    idle.sort((a, b) => a - b);
    // A long answer (every open task, after the index changed) checks its token between slices:
    // cancelled right after it was sent, it ends with RequestCancelled, and the server goes on.
    const source = new CancellationTokenSource();
    const long = c.request('scriptorium/taskQuery', { query: 'not done' }, source);
    source.cancel();
    await expect(long).rejects.toMatchObject({ code: -32800 });
    const after = await c.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'not done\nlimit 5' });
    expect(after.totalTasks).toBe(5);
    waits.sort((a, b) => a - b);
    const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(waits.length * q))]!.toFixed(1);
    console.log(`lsp under load: ${notes} notes indexed in ${(status.params as { elapsedMs: number }).elapsedMs} ms; ${waits.length} requests answered meanwhile, wait p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms; idle p50 ${idle[10]!.toFixed(1)} ms`);
  });
});
