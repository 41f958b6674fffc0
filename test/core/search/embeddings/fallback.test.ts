import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../../../../core/search/embeddings/errors.js';
import { FallbackEmbeddingProvider, type EmbeddingStatus, type Timer } from '../../../../core/search/embeddings/fallback.js';
import type { EmbeddingProvider } from '../../../../core/search/embeddings/types.js';
import { BucketEmbedder, CountingProvider } from './fixtures.js';

/** A provider whose next answers are scripted: vectors of a length, an error, or never. */
class ScriptedProvider implements EmbeddingProvider {
  readonly modelId = 'ollama:nomic-embed-text';
  dimension: number | null = null;
  calls = 0;
  constructor(public script: ('ok' | 'fail' | 'hang' | number)[]) {}

  embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls++;
    const step = this.script.length > 1 ? this.script.shift()! : this.script[0]!;
    if (step === 'fail') return Promise.reject(new EmbeddingError('cannot reach http://127.0.0.1:11434/api/embed (connection refused: is the service running?)', 'unreachable'));
    if (step === 'hang') return new Promise(() => undefined);
    const length = step === 'ok' ? 3 : step;
    return Promise.resolve(texts.map(() => new Float32Array(length).fill(1)));
  }
}

/** Timeouts fire as soon as the current work yields: a hung provider times out without a real wait. */
const instantTimer: Timer = {
  setTimeout: (callback) => {
    const handle = { cancelled: false };
    setImmediate(() => {
      if (!handle.cancelled) callback();
    });
    return handle;
  },
  clearTimeout: (handle) => {
    (handle as { cancelled: boolean }).cancelled = true;
  },
};

function setup(script: ('ok' | 'fail' | 'hang' | number)[]) {
  let now = 1_000_000;
  const statuses: EmbeddingStatus[] = [];
  const preferred = new ScriptedProvider(script);
  const offline = new BucketEmbedder();
  const embedder = new FallbackEmbeddingProvider(preferred, offline, {
    backoffMs: 30_000,
    maxBackoffMs: 120_000,
    chunkSize: 2,
    now: () => now,
    timer: instantTimer,
    onStatus: (s) => statuses.push(s),
  });
  return { embedder, preferred, offline, statuses, advance: (ms: number) => (now += ms) };
}

describe('the fallback embedder', () => {
  it('answers with the preferred provider while it works, tagging the model', async () => {
    const { embedder, offline, statuses } = setup(['ok']);
    const answer = await embedder.embedTagged(['a', 'b', 'c']);
    expect(answer.modelId).toBe('ollama:nomic-embed-text');
    expect(answer.dimension).toBe(3);
    expect(answer.vectors).toHaveLength(3);
    expect(offline.calls).toBe(0);
    expect(embedder.status().state).toBe('ok');
    expect(statuses).toEqual([]);
  });

  it('falls back when the provider is down, says so, and backs off before trying again', async () => {
    const { embedder, preferred, offline, statuses, advance } = setup(['fail']);
    const answer = await embedder.embedTagged(['a', 'b']);
    expect(answer.modelId).toBe('test:buckets');
    expect(answer.vectors.map((v) => v.length)).toEqual([8, 8]);
    expect(statuses).toHaveLength(1);
    expect(statuses[0]).toMatchObject({ state: 'fallback', modelId: 'test:buckets', preferredModelId: 'ollama:nomic-embed-text', retryAt: 1_030_000 });
    expect(statuses[0]!.message).toBe(
      'Embeddings: cannot reach http://127.0.0.1:11434/api/embed (connection refused: is the service running?). Using the offline default (test:buckets); trying ollama:nomic-embed-text again in 30 s.',
    );
    // During the back-off nothing is sent to the preferred provider.
    for (let i = 0; i < 5; i++) await embedder.embed(['x']);
    expect(preferred.calls).toBe(1);
    expect(offline.calls).toBe(6);
    // After it, one try; a second failure doubles the wait.
    advance(30_000);
    await embedder.embed(['x']);
    expect(preferred.calls).toBe(2);
    expect(statuses.at(-1)!.message).toMatch(/again in 60 s\.$/);
    expect(embedder.modelId).toBe('test:buckets');
  });

  it('comes back to the preferred provider when it answers again, and says so', async () => {
    const { embedder, statuses, advance } = setup(['fail', 'ok']);
    await embedder.embed(['a']);
    advance(30_001);
    const answer = await embedder.embedTagged(['a']);
    expect(answer.modelId).toBe('ollama:nomic-embed-text');
    expect(statuses.map((s) => s.state)).toEqual(['fallback', 'ok']);
    expect(statuses[1]!.message).toBe('Embeddings: ollama:nomic-embed-text answers again; vectors made by test:buckets meanwhile are being replaced.');
    expect(embedder.modelId).toBe('ollama:nomic-embed-text');
  });

  it('times out a hung provider and never mixes models in one answer', async () => {
    // Chunk one answers, chunk two hangs: the whole call is answered by the default.
    const { embedder, preferred, statuses } = setup(['ok', 'hang']);
    const answer = await embedder.embedTagged(['a', 'b', 'c', 'd']);
    expect(preferred.calls).toBe(2);
    expect(answer.modelId).toBe('test:buckets');
    expect(answer.vectors.every((v) => v.length === 8)).toBe(true);
    expect(statuses[0]!.message).toMatch(/^Embeddings: ollama:nomic-embed-text gave no answer within 5 s\. Using the offline default/);
  });

  it('falls back when the dimension changes between answers', async () => {
    const { embedder, statuses } = setup(['ok', 5]);
    expect((await embedder.embedTagged(['a'])).dimension).toBe(3);
    const second = await embedder.embedTagged(['b']);
    expect(second.modelId).toBe('test:buckets');
    expect(statuses[0]!.message).toMatch(/answered with 5-dimensional vectors where it gave before 3/);
  });

  it('retryNow ends a back-off early', async () => {
    const { embedder, preferred } = setup(['fail', 'ok']);
    await embedder.embed(['a']);
    embedder.retryNow();
    expect((await embedder.embedTagged(['a'])).modelId).toBe('ollama:nomic-embed-text');
    expect(preferred.calls).toBe(2);
  });

  it('passes an empty call through without asking anyone', async () => {
    const preferred = new CountingProvider('p', 4);
    const offline = new BucketEmbedder();
    const embedder = new FallbackEmbeddingProvider(preferred, offline);
    expect(await embedder.embed([])).toEqual([]);
    expect(preferred.asked).toEqual([]);
    expect(offline.calls).toBe(0);
  });
});
