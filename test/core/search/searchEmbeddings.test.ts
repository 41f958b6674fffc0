import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddingCache } from '../../../core/search/embeddings/cache.js';
import type { EmbeddingStatus } from '../../../core/search/embeddings/fallback.js';
import { ollamaProvider } from '../../../core/search/embeddings/ollama.js';
import { SearchService, type SearchServiceOptions } from '../../../core/search/searchService.js';
import { TaskStore } from '../../../core/store/taskStore.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';
import { nodeHttpTransport } from '../../../language-server/node/embeddings.js';
import { fileByteStore } from '../../../language-server/node/fileByteStore.js';
import { loadSqlJs } from '../../../language-server/node/sqlJs.js';
import { closedPortUrl, startEmbeddingServer, type EmbeddingServer } from '../../node/embeddingServers.js';

/**
 * SearchService with a configured provider as production wires it (resilientEmbedder: cache in
 * the store, fallback to the workspace LSA), against a real HTTP server on 127.0.0.1 speaking
 * Ollama's /api/embed, and a real sql.js store saved to disk and opened again.
 */

const topics = ['forge anvil hammer', 'ale brewing barley', 'mountain halls stone', 'dragon gold hoard', 'maps runes moon'];
/** 20 notes: more than one chunk (16 texts) of the fallback and more than one HTTP batch. */
function vault(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) {
    const topic = topics[i % topics.length]!;
    files[`Notes/Note ${i}.md`] = `# Note ${i}\n\nAbout the ${topic}, part ${i}. The ${topic.split(' ')[0]} matters to the dwarves.\n`;
  }
  return files;
}

function workspaceOf(files: Record<string, string>): Workspace {
  const ws = new Workspace(defaultTaskSettings());
  for (const [p, text] of Object.entries(files)) ws.setText(p, text);
  return ws;
}

const servers: EmbeddingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<EmbeddingServer> {
  const s = await startEmbeddingServer({ dimension: 8 });
  servers.push(s);
  return s;
}

function ollama(url: string) {
  return ollamaProvider({ model: 'nomic-embed-text', baseUrl: url, transport: nodeHttpTransport(), timeoutMs: 10_000 });
}

async function openStore(file: string): Promise<TaskStore> {
  return (await TaskStore.open(await loadSqlJs(), fileByteStore(file))).store;
}

function storeFile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'scriptorium-search-embeddings-')), 'index.sqlite');
}

/** Texts the server was asked to embed, request by request from `from`. */
function asked(s: EmbeddingServer, from = 0): string[] {
  return s.requests.slice(from).flatMap((r) => r.body.input);
}

function service(ws: Workspace, url: string, options: Omit<SearchServiceOptions, 'embeddings'> = {}) {
  const statuses: EmbeddingStatus[] = [];
  const search = new SearchService(ws, { embeddings: ollama(url), ...options, fallback: { ...options.fallback, onStatus: (s) => statuses.push(s) } });
  return { search, statuses };
}

/** Every note vector has this length: the matrix holds one model. */
function dimensionsOf(search: SearchService, ws: Workspace): Set<number> {
  return new Set([...ws.files()].filter((f) => f.note).map((f) => search.noteVector(f.path)?.length ?? -1));
}

describe('SearchService with a configured provider', () => {
  it('caches note vectors in the store: a second service over unchanged notes asks for none, a changed note alone is asked for', async () => {
    const s = await server();
    const file = storeFile();
    const ws = workspaceOf(vault());

    const first = await openStore(file);
    const run1 = service(ws, s.url, { database: first.database });
    await run1.search.ready();
    expect(asked(s)).toHaveLength(20);
    expect(run1.search.vectorStatus).toBe('ollama:nomic-embed-text: 20 note vectors');
    expect(run1.statuses).toEqual([]);
    await first.save();
    first.close();

    const second = await openStore(file);
    const before = s.requests.length;
    const run2 = service(ws, s.url, { database: second.database });
    await run2.search.ready();
    expect(s.requests.length - before).toBe(0);
    expect(run2.search.vectorStatus).toBe('ollama:nomic-embed-text: 20 note vectors');
    expect(dimensionsOf(run2.search, ws)).toEqual(new Set([8]));

    ws.setText('Notes/Note 3.md', '# Note 3\n\nNow about the dragon and its gold.\n');
    run2.search.update('Notes/Note 3.md');
    await run2.search.ready();
    const again = asked(s, before);
    expect(again).toHaveLength(1);
    expect(again[0]).toContain('Now about the dragon and its gold.');
    // A query is embedded by the provider too (once), and ranks by its vectors.
    const found = await run2.search.search('dragon gold hoard');
    expect(found[0]?.path).toMatch(/^Notes\/Note (3|8|13|18)\.md$/);
    // Queries are not kept: the store holds the notes' vectors (the edited note's two texts) only.
    expect(new EmbeddingCache(second.database).count()).toBe(21);
    second.close();
  });

  it('falls back to the offline leg when the provider is down, says why, and search still answers', async () => {
    const ws = workspaceOf(vault());
    const { search, statuses } = service(ws, await closedPortUrl());
    await search.ready();
    expect(statuses.map((st) => st.state)).toEqual(['fallback']);
    expect(statuses[0]!.message).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+\/api\/embed.*Using the offline default \(workspace-lsa-64\)/);
    expect(search.embeddingStatus()?.state).toBe('fallback');
    expect(search.vectorStatus).toMatch(/^workspace-lsa-64: 20 note vectors \(Embeddings: cannot reach/);
    const found = await search.search('forge anvil');
    expect(found[0]?.path).toMatch(/^Notes\/Note (0|5|10|15)\.md$/);
    expect(dimensionsOf(search, ws).size).toBe(1);
  });

  it('gives up on a slow provider after one chunk\'s deadline: indexing does not wait for every chunk', async () => {
    const s = await server();
    s.mode = 'slow';
    const ws = workspaceOf(vault());
    const { search, statuses } = service(ws, s.url, { fallback: { timeoutMs: 200 } });
    await search.ready();
    // 20 notes are two chunks of 16: the second was answered by the default without asking.
    expect(s.requests).toHaveLength(1);
    expect(statuses.map((st) => st.state)).toEqual(['fallback']);
    expect(statuses[0]!.message).toContain('gave no answer within 0.2 s');
    expect(search.vectorStatus).toMatch(/^workspace-lsa-64: 20 note vectors/);
    expect((await search.search('ale brewing'))[0]?.path).toMatch(/^Notes\/Note (1|6|11|16)\.md$/);
  });

  it('falls back when the provider answers another dimension than before, and keeps one model in the index', async () => {
    const s = await server();
    const ws = workspaceOf(vault());
    const { search, statuses } = service(ws, s.url);
    await search.ready();
    expect(dimensionsOf(search, ws)).toEqual(new Set([8]));
    s.mode = 'dimension';
    ws.setText('Notes/Note 4.md', '# Note 4\n\nRunes by moonlight on the map.\n');
    search.update('Notes/Note 4.md');
    const found = await search.search('maps runes moon');
    expect(found.length).toBeGreaterThan(0);
    expect(statuses.map((st) => st.state)).toEqual(['fallback']);
    expect(statuses[0]!.message).toContain('answered with 11-dimensional vectors where it gave before 8');
    // Every note was re-embedded by the default: no 8-dimensional vector is compared with an LSA one.
    expect(search.vectorStatus).toMatch(/^workspace-lsa-64: 20 note vectors/);
    expect(dimensionsOf(search, ws).size).toBe(1);
    expect(dimensionsOf(search, ws).has(8)).toBe(false);
  });

  it('uses the provider again once its back-off is over (injected clock), re-embedding the notes with it', async () => {
    const s = await server();
    s.mode = 'error500';
    let now = 1_000_000;
    const ws = workspaceOf(vault());
    const file = storeFile();
    const store = await openStore(file);
    const { search, statuses } = service(ws, s.url, { database: store.database, fallback: { now: () => now, backoffMs: 1000 } });
    await search.ready();
    expect(statuses.map((st) => st.state)).toEqual(['fallback']);
    expect(statuses[0]!.message).toContain('trying ollama:nomic-embed-text again in 1 s');
    const failed = s.requests.length;

    s.mode = 'ok';
    await search.search('forge anvil');
    // Within the back-off the default answers without asking.
    expect(s.requests.length).toBe(failed);
    expect(search.embeddingStatus()?.state).toBe('fallback');

    now += 1001;
    const found = await search.search('forge anvil');
    expect(found[0]?.path).toMatch(/^Notes\/Note (0|5|10|15)\.md$/);
    expect(statuses.map((st) => st.state)).toEqual(['fallback', 'ok']);
    expect(statuses[1]!.message).toContain('answers again');
    expect(search.vectorStatus).toBe('ollama:nomic-embed-text: 20 note vectors');
    expect(dimensionsOf(search, ws)).toEqual(new Set([8]));
    // The query, then every note (none was cached: the provider never answered before).
    expect(asked(s, failed).filter((t) => t.startsWith('Note '))).toHaveLength(20);
    store.close();
  });
});
