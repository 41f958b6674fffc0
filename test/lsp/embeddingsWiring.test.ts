import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SearchResult, StatusParams } from '../../shared-types/protocol.js';
import { EmbeddingCache } from '../../core/search/embeddings/cache.js';
import { TaskStore } from '../../core/store/taskStore.js';
import { openEmbeddingStore } from '../../language-server/node/embeddings.js';
import { fileByteStore } from '../../language-server/node/fileByteStore.js';
import { loadSqlJs } from '../../language-server/node/sqlJs.js';
import { copyOfVault, repoRoot, sampleVault, type CliRun } from '../cli/runCli.js';
import { closedPortUrl, startEmbeddingServer, type EmbeddingServer } from '../node/embeddingServers.js';
import { LspClient } from './lspClient.js';

/**
 * A configured provider as users run it: the shipped CLI and language server, a real HTTP server
 * on 127.0.0.1 speaking Ollama's /api/embed, and the vault's own store (.scriptorium/index.sqlite).
 */

const servers: EmbeddingServer[] = [];
const vaults: string[] = [];
let client: LspClient | null = null;
afterEach(async () => {
  await client?.stop();
  client = null;
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const v of vaults.splice(0)) rmSync(v, { recursive: true, force: true });
});

async function server(): Promise<EmbeddingServer> {
  const s = await startEmbeddingServer({ dimension: 8 });
  servers.push(s);
  return s;
}

function vault(): string {
  const v = copyOfVault(sampleVault);
  vaults.push(v);
  return v;
}

/** runCli's run without blocking this process: the HTTP server here must answer meanwhile. */
function runCli(args: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(repoRoot, 'dist/cli.js'), ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? -1) : 0, stdout, stderr });
    });
  });
}

const storeOf = (v: string) => path.join(v, '.scriptorium', 'index.sqlite');

/** A store as the task history leaves it (the search never creates one). */
async function createStore(v: string): Promise<void> {
  mkdirSync(path.dirname(storeOf(v)), { recursive: true });
  const { store } = await TaskStore.open(await loadSqlJs(), fileByteStore(storeOf(v)));
  await store.save();
  store.close();
}

async function cachedVectors(v: string): Promise<number> {
  const { store } = await TaskStore.open(await loadSqlJs(), fileByteStore(storeOf(v)));
  try {
    return new EmbeddingCache(store.database).count('ollama:nomic-embed-text');
  } finally {
    store.close();
  }
}

/** Texts asked for that are notes (a note's embedding text starts with its names); queries are not. */
function notesAsked(s: EmbeddingServer, from = 0): string[] {
  return s.requests.slice(from).flatMap((r) => r.body.input).filter((t) => t.includes('\n'));
}

describe('the CLI with --embeddings', () => {
  it('answers from the offline default when the provider is down, and says why on stderr', async () => {
    const url = await closedPortUrl();
    const run = await runCli(['search', sampleVault, '--query', 'winter sale product tiles', '--json', '--embeddings', `ollama:nomic-embed-text@${url}`]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).results[0].path).toBe('Specs/Landing page spec.md');
    expect(run.stderr).toContain(`cannot reach ${url}/api/embed`);
    expect(run.stderr).toContain('Using the offline default');
    // Said once, not once per batch.
    expect(run.stderr.match(/offline default/g)).toHaveLength(1);
  });

  it('caches vectors in the vault\'s store: a second run asks the provider for no note, related and suggest-links share it', async () => {
    const s = await server();
    const v = vault();
    await createStore(v);
    const spec = `ollama:nomic-embed-text@${s.url}`;
    const first = await runCli(['search', v, '--query', 'landing page', '--json', '--embeddings', spec]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const notes = notesAsked(s).length;
    expect(notes).toBeGreaterThan(3);
    expect(await cachedVectors(v)).toBe(notes);

    const before = s.requests.length;
    const second = await runCli(['search', v, '--query', 'landing page', '--json', '--embeddings', spec]);
    expect(JSON.parse(second.stdout).results[0].path).toBe(JSON.parse(first.stdout).results[0].path);
    expect(notesAsked(s, before)).toEqual([]);
    // The query alone was sent.
    expect(s.requests.slice(before).flatMap((r) => r.body.input)).toEqual(['landing page']);

    const related = await runCli(['related', v, 'Landing page spec', '--json', '--embeddings', spec]);
    expect(related.code).toBe(0);
    expect(JSON.parse(related.stdout).related.map((r: { path: string }) => r.path)).not.toContain('Specs/Landing page spec.md');
    const queries = path.join(v, 'queries.jsonl');
    writeFileSync(queries, `${JSON.stringify({ id: 1, file: 'Home.md', text: 'the landing page for the winter sale' })}\n`);
    const suggested = await runCli(['suggest-links', v, '--queries', queries, '--json', '--embeddings', spec]);
    expect(suggested.code).toBe(0);
    expect(JSON.parse(suggested.stdout).suggestions.length).toBeGreaterThan(0);
    expect(notesAsked(s, before)).toEqual([]);
  });

  it('merges its new vectors into the store file as it is when saving: what another process saved meanwhile stays', async () => {
    const v = vault();
    await createStore(v);
    const ours = (await openEmbeddingStore(path.join(v, '.scriptorium')))!;
    // Another process (the task history, another command) saves the same store meanwhile.
    const { store: theirs } = await TaskStore.open(await loadSqlJs(), fileByteStore(storeOf(v)));
    new EmbeddingCache(theirs.database).put([['theirs', Float32Array.of(1, 2)]], 'ollama:nomic-embed-text');
    await theirs.save();
    theirs.close();
    new EmbeddingCache(ours.database).put([['ours', Float32Array.of(3, 4)]], 'ollama:nomic-embed-text');
    await ours.save();
    ours.close();
    expect(await cachedVectors(v)).toBe(2);
    expect(await openEmbeddingStore(path.join(v, 'elsewhere'))).toBeNull();
  });
});

describe('the language server with an embeddings setting', () => {
  it('embeds the notes once indexing is done, keeps their vectors in the store, and a restart asks for none', async () => {
    const s = await server();
    const v = vault();
    await createStore(v);
    const spec = `ollama:nomic-embed-text@${s.url}`;
    client = await LspClient.start(v, { initializationOptions: { embeddings: spec } });
    await client.ready();
    await expect.poll(() => notesAsked(s).length).toBeGreaterThan(3);
    const notes = notesAsked(s).length;
    await expect.poll(() => cachedVectors(v)).toBe(notes);
    const result = await client.request<SearchResult>('scriptorium/search', { query: 'winter sale product tiles' });
    expect(result.hits[0]?.path).toBe('Specs/Landing page spec.md');
    const statuses = client.notifications.filter((n) => n.method === 'scriptorium/status').map((n) => (n.params as StatusParams).embeddings?.state);
    expect(statuses).not.toContain('fallback');

    // The provider fails later: the next search still answers, and the status says why.
    s.mode = 'error500';
    const mark = client.notifications.length;
    const during = await client.request<SearchResult>('scriptorium/search', { query: 'reading group books' });
    expect(during.hits.length).toBeGreaterThan(0);
    const fallback = await client.waitFor('scriptorium/status', (p) => (p as StatusParams).embeddings?.state === 'fallback', mark);
    expect((fallback.params as StatusParams).embeddings!.message).toMatch(/HTTP 500|500/);
    expect((fallback.params as StatusParams).embeddings!.message).toContain('Using the offline default');
    s.mode = 'ok';
    await client.stop();

    const before = s.requests.length;
    client = await LspClient.start(v, { initializationOptions: { embeddings: spec } });
    await client.ready();
    const again = await client.request<SearchResult>('scriptorium/search', { query: 'winter sale product tiles' });
    expect(again.hits[0]?.path).toBe('Specs/Landing page spec.md');
    expect(notesAsked(s, before)).toEqual([]);
  });
});
