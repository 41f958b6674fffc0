import type { SqlDatabase } from '../../store/sqlTypes.js';
import { CachedEmbeddingProvider, EmbeddingCache } from './cache.js';
import { FallbackEmbeddingProvider, type FallbackOptions, type TaggedVectors } from './fallback.js';
import type { EmbedOptions, EmbeddingProvider } from './types.js';

export interface ChainOptions extends FallbackOptions {
  /** The store's database (TaskStore.database): the preferred provider's vectors are cached there. */
  database?: SqlDatabase;
}

/**
 * The usual wiring of an opt-in provider: its vectors cached in the store, the offline default
 * answering whenever it fails. With no preferred provider, the offline default alone.
 */
export function resilientEmbedder(preferred: EmbeddingProvider | null, offline: EmbeddingProvider, options: ChainOptions = {}): EmbeddingProvider {
  if (!preferred) return offline;
  const cached = options.database ? new CachedEmbeddingProvider(preferred, new EmbeddingCache(options.database)) : preferred;
  return new FallbackEmbeddingProvider(cached, offline, options);
}

/** Vectors and the model that made them, from any provider (a fallback one says which model answered). */
export async function embedTagged(provider: EmbeddingProvider, texts: readonly string[], options?: EmbedOptions): Promise<TaggedVectors> {
  if (provider instanceof FallbackEmbeddingProvider) return provider.embedTagged(texts, options);
  const vectors = await provider.embed(texts, options);
  return { modelId: provider.modelId, dimension: vectors[0]?.length ?? provider.dimension ?? 0, vectors };
}
