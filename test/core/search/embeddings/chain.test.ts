import { describe, expect, it } from 'vitest';
import { embedTagged, resilientEmbedder } from '../../../../core/search/embeddings/chain.js';
import { EmbeddingCache } from '../../../../core/search/embeddings/cache.js';
import { FallbackEmbeddingProvider } from '../../../../core/search/embeddings/fallback.js';
import { TaskStore } from '../../../../core/store/taskStore.js';
import { loadSqlJs } from '../../../../language-server/node/sqlJs.js';
import { BucketEmbedder, CountingProvider } from './fixtures.js';

describe('the usual chain', () => {
  it('is the offline default alone when no provider is configured', async () => {
    const offline = new BucketEmbedder();
    expect(resilientEmbedder(null, offline)).toBe(offline);
    const answer = await embedTagged(offline, ['a b']);
    expect(answer).toMatchObject({ modelId: 'test:buckets', dimension: 8 });
  });

  it('caches the preferred provider in the store and tags each answer with its model', async () => {
    const { store } = await TaskStore.open(await loadSqlJs(), { load: async () => null, save: async () => undefined });
    const preferred = new CountingProvider('ollama:m', 4);
    const chain = resilientEmbedder(preferred, new BucketEmbedder(), { database: store.database });
    expect(chain).toBeInstanceOf(FallbackEmbeddingProvider);
    expect((await embedTagged(chain, ['x', 'y'])).modelId).toBe('ollama:m');
    await chain.embed(['x', 'y']);
    expect(preferred.textsEmbedded).toBe(2);
    expect(new EmbeddingCache(store.database).count('ollama:m')).toBe(2);
    store.close();
  });
});
