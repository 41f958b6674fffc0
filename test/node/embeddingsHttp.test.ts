import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CachedEmbeddingProvider, EmbeddingCache } from '../../core/search/embeddings/cache.js';
import { EmbeddingError } from '../../core/search/embeddings/errors.js';
import { FallbackEmbeddingProvider, type EmbeddingStatus } from '../../core/search/embeddings/fallback.js';
import type { HttpEmbeddingProvider } from '../../core/search/embeddings/httpProvider.js';
import { ollamaProvider } from '../../core/search/embeddings/ollama.js';
import { openAiProvider } from '../../core/search/embeddings/openai.js';
import { TaskStore } from '../../core/store/taskStore.js';
import { nodeHttpTransport } from '../../language-server/node/embeddings.js';
import { fileByteStore } from '../../language-server/node/fileByteStore.js';
import { loadSqlJs } from '../../language-server/node/sqlJs.js';
import { BucketEmbedder } from '../core/search/embeddings/fixtures.js';
import { closedPortUrl, serverVector, startEmbeddingServer, type EmbeddingServer, type ServerMode } from './embeddingServers.js';

const servers: EmbeddingServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(options: Parameters<typeof startEmbeddingServer>[0] = {}): Promise<EmbeddingServer> {
  const s = await startEmbeddingServer(options);
  servers.push(s);
  return s;
}

type Kind = 'ollama' | 'openai';
const model = { ollama: 'nomic-embed-text', openai: 'text-embedding-3-small' } as const;

function provider(kind: Kind, baseUrl: string, options: { batchSize?: number; timeoutMs?: number; apiKey?: string } = {}): HttpEmbeddingProvider {
  const common = { model: model[kind], baseUrl, transport: nodeHttpTransport(), timeoutMs: options.timeoutMs ?? 10_000, ...(options.batchSize ? { batchSize: options.batchSize } : {}) };
  return kind === 'ollama' ? ollamaProvider(common) : openAiProvider({ ...common, ...(options.apiKey ? { apiKey: options.apiKey } : {}) });
}

function resilient(preferred: HttpEmbeddingProvider) {
  const statuses: EmbeddingStatus[] = [];
  const offline = new BucketEmbedder();
  const embedder = new FallbackEmbeddingProvider(preferred, offline, { timeoutMs: 20_000, chunkSize: 4, onStatus: (s) => statuses.push(s) });
  return { embedder, offline, statuses };
}

const texts = ['Thorin forges a sword.', 'Balin keeps the records.', 'Dwalin guards the gate.'];
const rounded = (vectors: Float32Array[]) => vectors.map((v) => [...v].map((x) => Math.round(x * 1e6) / 1e6));
const expected = (list: string[], dimension = 8) => list.map((t) => serverVector(t, dimension).map((x) => Math.round(Math.fround(x) * 1e6) / 1e6));

describe.each<Kind>(['ollama', 'openai'])('the %s provider against a server on 127.0.0.1', (kind) => {
  it('sends the documented request and reads the vectors in input order', async () => {
    const s = await server();
    const p = provider(kind, s.url);
    expect(p.modelId).toBe(`${kind}:${model[kind]}`);
    expect(p.dimension).toBeNull();
    const vectors = await p.embed(texts);
    expect(rounded(vectors)).toEqual(expected(texts));
    expect(p.dimension).toBe(8);
    expect(s.requests).toEqual([{ path: kind === 'ollama' ? '/api/embed' : '/v1/embeddings', authorization: undefined, body: { model: model[kind], input: texts } }]);
  });

  it('sends batches of the configured size', async () => {
    const s = await server();
    const many = Array.from({ length: 10 }, (_, i) => `note number ${i}`);
    const vectors = await provider(kind, s.url, { batchSize: 4 }).embed(many);
    expect(s.requests.map((r) => r.body.input.length)).toEqual([4, 4, 2]);
    expect(rounded(vectors)).toEqual(expected(many));
  });

  const failures: [ServerMode | 'down', RegExp][] = [
    ['down', /cannot reach http:\/\/127\.0\.0\.1:\d+\/(api\/embed|v1\/embeddings) \(connection refused: is the service running\?\)/],
    ['slow', /gave no answer within 300 ms/],
    ['malformed', /answered with something that is not JSON: "\{\\"embeddings\\": \[\[0\.1, 0\.2"/],
    ['error500', /answered HTTP 500: (llama runner process has terminated|The server had an error)/],
    ['unknownModel', /answered HTTP 404: (model "nomic-embed-text" not found, try pulling it first|The model `text-embedding-3-small` does not exist)/],
  ];

  it.each(failures)('falls back to the offline default when the server is %s, with a clear status', async (mode, message) => {
    const s = await server();
    const url = mode === 'down' ? await closedPortUrl() : s.url;
    if (mode !== 'down') s.mode = mode;
    const { embedder, offline, statuses } = resilient(provider(kind, url, { timeoutMs: mode === 'slow' ? 300 : 10_000 }));
    const answer = await embedder.embedTagged(texts);
    expect(answer.modelId).toBe('test:buckets');
    expect(answer.vectors).toHaveLength(3);
    expect(offline.texts).toBe(3);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]!.state).toBe('fallback');
    expect(statuses[0]!.message).toMatch(message);
    expect(statuses[0]!.message).toMatch(/Using the offline default \(test:buckets\); trying .+ again in 30 s\.$/);
  });

  it('falls back when the model starts answering another dimension', async () => {
    const s = await server();
    const { embedder, statuses } = resilient(provider(kind, s.url));
    expect((await embedder.embedTagged(texts)).modelId).toBe(`${kind}:${model[kind]}`);
    s.mode = 'dimension';
    const answer = await embedder.embedTagged(['Another note']);
    expect(answer.modelId).toBe('test:buckets');
    expect(statuses[0]!.message).toMatch(/answered with 11-dimensional vectors where it gave before 8; another model may be serving this name/);
  });

  it('never stalls indexing behind a slow server: one timeout, then the default answers at once', async () => {
    const s = await server();
    s.mode = 'slow';
    const { embedder, offline } = resilient(provider(kind, s.url, { timeoutMs: 300 }));
    const notes = Array.from({ length: 40 }, (_, i) => `section ${i}`);
    // Indexing in ten calls of four sections each.
    const answers = [];
    for (let i = 0; i < notes.length; i += 4) answers.push(await embedder.embedTagged(notes.slice(i, i + 4)));
    expect(s.requests).toHaveLength(1);
    expect(answers.every((a) => a.modelId === 'test:buckets')).toBe(true);
    expect(offline.texts).toBe(40);
  });
});

describe('the OpenAI-compatible provider', () => {
  it('sends the API key as a Bearer token; a refused key falls back and says why', async () => {
    const s = await server({ requireKey: 'sk-test' });
    await provider('openai', s.url, { apiKey: 'sk-test' }).embed(['one']);
    expect(s.requests[0]!.authorization).toBe('Bearer sk-test');
    const { embedder, statuses } = resilient(provider('openai', s.url));
    await embedder.embed(['one']);
    expect(statuses[0]!.message).toMatch(/answered HTTP 401: Incorrect API key provided/);
  });

  it('accepts a base URL that already ends in /v1', async () => {
    const s = await server();
    await provider('openai', `${s.url}/v1/`).embed(['one']);
    expect(s.requests[0]!.path).toBe('/v1/embeddings');
  });
});

describe('the node transport', () => {
  it('rejects with reason timeout or unreachable', async () => {
    const s = await server();
    s.mode = 'slow';
    const slow = await nodeHttpTransport().postJson(`${s.url}/api/embed`, { model: 'm', input: ['x'] }, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(slow).toBeInstanceOf(EmbeddingError);
    expect((slow as EmbeddingError).reason).toBe('timeout');
    const down = await nodeHttpTransport().postJson(`${await closedPortUrl()}/api/embed`, {}, { timeoutMs: 1000 }).catch((e: unknown) => e);
    expect((down as EmbeddingError).reason).toBe('unreachable');
  });
});

describe('the whole chain: fallback, cache in the store, Ollama', () => {
  it('a second run embeds nothing and needs no server; a changed note is the only request', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'scriptorium-embed-chain-')), 'index.sqlite');
    const s = await server();
    const sql = await loadSqlJs();

    const first = (await TaskStore.open(sql, fileByteStore(file))).store;
    const chain1 = new FallbackEmbeddingProvider(new CachedEmbeddingProvider(provider('ollama', s.url), new EmbeddingCache(first.database)), new BucketEmbedder());
    const run1 = await chain1.embedTagged(texts);
    expect(run1.modelId).toBe('ollama:nomic-embed-text');
    expect(s.requests).toHaveLength(1);
    await first.save();
    first.close();

    await s.close();
    servers.length = 0;
    const second = (await TaskStore.open(sql, fileByteStore(file))).store;
    const offline = new BucketEmbedder();
    const chain2 = new FallbackEmbeddingProvider(new CachedEmbeddingProvider(provider('ollama', s.url), new EmbeddingCache(second.database)), offline);
    const run2 = await chain2.embedTagged(texts);
    expect(run2.modelId).toBe('ollama:nomic-embed-text');
    expect(rounded(run2.vectors)).toEqual(rounded(run1.vectors));
    expect(offline.calls).toBe(0);
    second.close();

    const s2 = await server();
    const third = (await TaskStore.open(sql, fileByteStore(file))).store;
    const chain3 = new FallbackEmbeddingProvider(new CachedEmbeddingProvider(provider('ollama', s2.url), new EmbeddingCache(third.database)), new BucketEmbedder());
    await chain3.embed([texts[0]!, 'Balin keeps the records, and the maps.', texts[2]!]);
    expect(s2.requests.map((r) => r.body.input)).toEqual([['Balin keeps the records, and the maps.']]);
    third.close();
  });
});
