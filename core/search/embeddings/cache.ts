import type { SqlDatabase, SqlValue } from '../../store/sqlTypes.js';
import { contentHash } from '../../text/hash.js';
import { EmbeddingError } from './errors.js';
import type { EmbedOptions, EmbeddingProvider } from './types.js';

/**
 * Embedding vectors in the store's `embeddings` table (schema migration 3), keyed by the text's
 * content hash, the model id and the dimension: a text is embedded once per model, and another
 * model — or the same name answering with another dimension — never reuses a vector. Vectors
 * are Float32 blobs (little-endian, as every platform we run on). The table is a cache: the
 * owner of the database saves it with the rest of the store, and losing it costs only time.
 */
const lookupChunk = 500;

export class EmbeddingCache {
  constructor(private readonly db: SqlDatabase) {}

  /** The cache key of a text: its content hash and length (the length makes a 53-bit hash collision harmless in practice). */
  static keyOf(text: string): string {
    return `${contentHash(text)}.${text.length.toString(36)}`;
  }

  get(keys: readonly string[], model: string, dimension: number): Map<string, Float32Array> {
    const out = new Map<string, Float32Array>();
    const unique = [...new Set(keys)];
    // Many keys per statement: one sql.js round trip per key would cost more than the read.
    for (let start = 0; start < unique.length; start += lookupChunk) {
      const chunk = unique.slice(start, start + lookupChunk);
      const statement = this.db.prepare(`SELECT hash, vector FROM embeddings WHERE model = ? AND dimension = ? AND hash IN (${chunk.map(() => '?').join(', ')})`);
      try {
        statement.bind([model, dimension, ...chunk]);
        while (statement.step()) {
          const [hash, blob] = statement.get();
          const vector = vectorOf(blob ?? null, dimension);
          if (vector) out.set(String(hash), vector);
        }
      } finally {
        statement.free();
      }
    }
    return out;
  }

  /** The dimensions this model has vectors for among `keys` (one, unless the model changed under its name). */
  dimensions(keys: readonly string[], model: string): Set<number> {
    const out = new Set<number>();
    const unique = [...new Set(keys)];
    for (let start = 0; start < unique.length; start += lookupChunk) {
      const chunk = unique.slice(start, start + lookupChunk);
      const rows = this.db.exec(`SELECT DISTINCT dimension FROM embeddings WHERE model = ? AND hash IN (${chunk.map(() => '?').join(', ')})`, [model, ...chunk]);
      for (const [dimension] of rows[0]?.values ?? []) out.add(Number(dimension));
    }
    return out;
  }

  put(entries: Iterable<[key: string, vector: Float32Array]>, model: string): void {
    // A savepoint, not BEGIN: the owner may already be inside a transaction.
    this.db.run('SAVEPOINT embeddings_put');
    const statement = this.db.prepare('INSERT OR REPLACE INTO embeddings (hash, model, dimension, vector) VALUES (?, ?, ?, ?)');
    try {
      for (const [key, vector] of entries) {
        statement.run([key, model, vector.length, new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength)]);
      }
      statement.free();
      this.db.run('RELEASE embeddings_put');
    } catch (error) {
      statement.free();
      this.db.run('ROLLBACK TO embeddings_put');
      this.db.run('RELEASE embeddings_put');
      throw error;
    }
  }

  count(model?: string): number {
    const rows = model === undefined ? this.db.exec('SELECT count(*) FROM embeddings') : this.db.exec('SELECT count(*) FROM embeddings WHERE model = ?', [model]);
    return Number(rows[0]?.values[0]?.[0] ?? 0);
  }

  /** Drops the vectors of texts no longer in the workspace (`liveTexts`: every text still embedded); returns how many. */
  prune(liveTexts: Iterable<string>): number {
    const before = this.count();
    this.db.run('CREATE TEMP TABLE IF NOT EXISTS live_embedding_keys (hash TEXT PRIMARY KEY)');
    this.db.run('DELETE FROM live_embedding_keys');
    const insert = this.db.prepare('INSERT OR IGNORE INTO live_embedding_keys (hash) VALUES (?)');
    try {
      for (const text of liveTexts) insert.run([EmbeddingCache.keyOf(text)]);
    } finally {
      insert.free();
    }
    this.db.run('DELETE FROM embeddings WHERE hash NOT IN (SELECT hash FROM live_embedding_keys)');
    this.db.run('DROP TABLE live_embedding_keys');
    return before - this.count();
  }

  /** Drops every vector of the models not in `keep` (a model no longer configured). */
  forgetModelsExcept(keep: readonly string[]): number {
    const before = this.count();
    if (keep.length === 0) this.db.run('DELETE FROM embeddings');
    else this.db.run(`DELETE FROM embeddings WHERE model NOT IN (${keep.map(() => '?').join(', ')})`, [...keep]);
    return before - this.count();
  }
}

function vectorOf(blob: SqlValue, dimension: number): Float32Array | null {
  if (!(blob instanceof Uint8Array) || blob.byteLength !== dimension * 4) return null;
  // Float32Array needs a 4-byte-aligned start; sql.js hands out fresh arrays, but be safe.
  const bytes = blob.byteOffset % 4 === 0 ? blob : blob.slice();
  return new Float32Array(bytes.buffer, bytes.byteOffset, dimension);
}

/**
 * A provider whose vectors are remembered: only texts never embedded by this model (at this
 * dimension) reach the inner provider, each once even when repeated in one call.
 */
export class CachedEmbeddingProvider implements EmbeddingProvider {
  /** Texts sent to the inner provider, and texts answered from the cache, since creation. */
  readonly counts = { embedded: 0, reused: 0 };
  /** The dimension the cache answered with before the inner provider had said its own. */
  private assumedDimension: number | null = null;

  constructor(
    readonly inner: EmbeddingProvider,
    private readonly cache: EmbeddingCache,
  ) {}

  get modelId(): string {
    return this.inner.modelId;
  }

  get dimension(): number | null {
    return this.inner.dimension ?? this.assumedDimension;
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    return this.embedAt(texts, texts.map((t) => EmbeddingCache.keyOf(t)), 0, options);
  }

  private async embedAt(texts: readonly string[], keys: readonly string[], attempt: number, options: EmbedOptions): Promise<Float32Array[]> {
    const model = this.modelId;
    // A remote model tells its dimension only by answering; until it has, the dimension its
    // cached vectors have stands in (so a fully cached call needs no request, even offline).
    const dimension = this.dimension ?? this.cachedDimension(keys, model);
    const found = dimension === null ? new Map<string, Float32Array>() : this.cache.get(keys, model, dimension);
    const missing = new Map<string, string>();
    keys.forEach((key, i) => {
      if (!found.has(key)) missing.set(key, texts[i]!);
    });
    if (missing.size > 0) {
      const fresh = await this.inner.embed([...missing.values()], options);
      if (fresh.length !== missing.size) throw new EmbeddingError(`${model} answered ${fresh.length} vectors for ${missing.size} texts`, 'malformed');
      const freshKeys = [...missing.keys()];
      // Queries would grow the store with every paragraph typed: only notes' vectors are kept.
      if (!options.transient) this.cache.put(freshKeys.map((key, i) => [key, fresh[i]!] as [string, Float32Array]), model);
      this.counts.embedded += freshKeys.length;
      const freshDimension = fresh[0]!.length;
      if (dimension !== null && freshDimension !== dimension) {
        // The stand-in was wrong: the model changed under its name. Answer again at the real
        // dimension — what was just embedded is found, the stale vectors are recomputed.
        this.assumedDimension = freshDimension;
        if (attempt > 0) throw new EmbeddingError(`${model} keeps changing its dimension (${dimension}, then ${freshDimension})`, 'dimension');
        return this.embedAt(texts, keys, attempt + 1, options);
      }
      freshKeys.forEach((key, i) => found.set(key, fresh[i]!));
      if (this.inner.dimension === null) this.assumedDimension = freshDimension;
    } else if (this.inner.dimension === null) {
      this.assumedDimension = dimension;
    }
    this.counts.reused += texts.length - missing.size;
    return keys.map((key) => found.get(key)!);
  }

  /** The one dimension this model's cached vectors of these texts have, or null (none, or several). */
  private cachedDimension(keys: readonly string[], model: string): number | null {
    const known = this.cache.dimensions(keys, model);
    return known.size === 1 ? [...known][0]! : null;
  }
}

/**
 * The cache's database kept open by a long-lived owner (the CLI for one command, the language
 * server for its life), beside others that open the same store file per use (the task history).
 * `save()` writes only what is new, merged into the file as it is now: no one's changes are lost.
 */
export interface EmbeddingStore {
  readonly database: SqlDatabase;
  /** Writes the vectors added since the last save into the store file; nothing when none were. */
  save(): Promise<void>;
  close(): void;
}

/** The highest rowid of the cache: rows above a remembered one were added (or replaced) since. */
export function lastEmbeddingRow(db: SqlDatabase): number {
  return Number(db.exec('SELECT coalesce(max(rowid), 0) FROM embeddings')[0]?.values[0]?.[0] ?? 0);
}

/** Copies the cache rows of `from` above rowid `after` into `to` (replacing the same key); how many. */
export function copyEmbeddings(from: SqlDatabase, to: SqlDatabase, after: number): number {
  const read = from.prepare('SELECT hash, model, dimension, vector FROM embeddings WHERE rowid > ?');
  const write = to.prepare('INSERT OR REPLACE INTO embeddings (hash, model, dimension, vector) VALUES (?, ?, ?, ?)');
  let copied = 0;
  to.run('SAVEPOINT embeddings_copy');
  try {
    read.bind([after]);
    while (read.step()) {
      write.run(read.get());
      copied++;
    }
    to.run('RELEASE embeddings_copy');
  } catch (error) {
    to.run('ROLLBACK TO embeddings_copy');
    to.run('RELEASE embeddings_copy');
    throw error;
  } finally {
    read.free();
    write.free();
  }
  return copied;
}
