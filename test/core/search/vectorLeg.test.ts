import { describe, expect, it } from 'vitest';
import { FallbackEmbeddingProvider, type Timer } from '../../../core/search/embeddings/fallback.js';
import type { EmbeddingProvider } from '../../../core/search/embeddings/types.js';
import { VectorLeg } from '../../../core/search/vectorLeg.js';
import { BucketEmbedder, CountingProvider } from './embeddings/fixtures.js';

const notes: Record<string, string> = {
  'a.md': 'forge anvil hammer',
  'b.md': 'ale barley brewing',
  'c.md': 'stone halls mountain',
};

/** A provider whose calls fail while `down` is set. */
class Switchable implements EmbeddingProvider {
  down = false;
  constructor(readonly inner: CountingProvider) {}
  get modelId() {
    return this.inner.modelId;
  }
  get dimension() {
    return this.inner.dimension;
  }
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    if (this.down) throw new Error('connection refused');
    return this.inner.embed(texts);
  }
}

const instantTimer: Timer = { setTimeout: () => 0, clearTimeout: () => undefined };

function leg(texts: Record<string, string | null> = { ...notes }) {
  let now = 0;
  const preferred = new Switchable(new CountingProvider('ollama:m', 5));
  const offline = new BucketEmbedder();
  const chain = new FallbackEmbeddingProvider(preferred, offline, { now: () => now, timer: instantTimer, backoffMs: 1000 });
  const vectors = new VectorLeg(chain, (p) => texts[p] ?? null);
  for (const p of Object.keys(texts)) vectors.markStale(p);
  return { vectors, preferred, offline, texts, advance: (ms: number) => (now += ms) };
}

const lengths = (vectors: VectorLeg) => new Set(Object.keys(notes).map((p) => vectors.vectorOf(p)?.length ?? -1));

describe('VectorLeg: one model in the matrix', () => {
  it('re-embeds every note with the offline default when a query falls back, so the query can be ranked', async () => {
    const { vectors, preferred, offline } = leg();
    await vectors.refresh();
    expect(vectors.modelId).toBe('ollama:m');
    expect(lengths(vectors)).toEqual(new Set([5]));

    preferred.down = true;
    const query = await vectors.embedQuery('anvil');
    expect(query?.length).toBe(8);
    expect(vectors.modelId).toBe('test:buckets');
    expect(lengths(vectors)).toEqual(new Set([8]));
    expect(offline.texts).toBe(1 + 3);
    expect([...vectors.nearest(query!, 3, () => true).keys()][0]).toBe('a.md');
  });

  it('follows the provider back once its back-off is over, re-embedding the notes with it', async () => {
    const { vectors, preferred, advance } = leg();
    preferred.down = true;
    await vectors.refresh();
    expect(vectors.modelId).toBe('test:buckets');
    preferred.down = false;
    expect((await vectors.embedQuery('ale'))?.length).toBe(8);
    advance(1001);
    const query = await vectors.embedQuery('ale');
    expect(query?.length).toBe(5);
    expect(vectors.modelId).toBe('ollama:m');
    expect(lengths(vectors)).toEqual(new Set([5]));
  });

  it('embeds each note once when refreshes overlap, and keeps no row for a note gone during the wait', async () => {
    const { vectors, preferred, texts } = leg();
    const first = vectors.refresh();
    const second = vectors.refresh();
    texts['c.md'] = null;
    await Promise.all([first, second]);
    expect(preferred.inner.asked.flat()).toEqual(['forge anvil hammer', 'ale barley brewing', 'stone halls mountain']);
    expect(vectors.vectorOf('c.md')).toBeUndefined();
    expect(vectors.status).toBe('ollama:m: 2 note vectors');
  });

  it('leaves out a provider that throws outside a chain, saying why, and asks again on the next refresh', async () => {
    const plain = new Switchable(new CountingProvider('ollama:m', 5));
    plain.down = true;
    const vectors = new VectorLeg(plain, (p) => notes[p] ?? null);
    vectors.markStale('a.md');
    await vectors.refresh();
    expect(vectors.status).toBe('ollama:m: 0 note vectors (connection refused)');
    expect(await vectors.embedQuery('anvil')).toBeNull();
    plain.down = false;
    await vectors.refresh();
    expect(vectors.status).toBe('ollama:m: 1 note vectors');
  });
});
