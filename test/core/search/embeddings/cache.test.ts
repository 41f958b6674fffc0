import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedEmbeddingProvider, EmbeddingCache } from '../../../../core/search/embeddings/cache.js';
import { schemaVersion, versionOf } from '../../../../core/store/schema.js';
import { TaskStore } from '../../../../core/store/taskStore.js';
import { fileByteStore } from '../../../../language-server/node/fileByteStore.js';
import { loadSqlJs } from '../../../../language-server/node/sqlJs.js';
import { CountingProvider } from './fixtures.js';

/** The real store: sql.js, saved to a file on disk and opened again, as a second run does. */
async function openStore(file: string): Promise<TaskStore> {
  const { store } = await TaskStore.open(await loadSqlJs(), fileByteStore(file));
  return store;
}

function storeFile(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'scriptorium-embeddings-')), 'index.sqlite');
}

const notes = ['Dwarves build mountain halls.', 'The forge burns all night.', 'Ale is brewed in spring.'];

describe('the embedding cache', () => {
  it('embeds nothing on a second run, only a changed text after an edit, and everything again for another model', async () => {
    const file = storeFile();
    const first = await openStore(file);
    const ollama = new CountingProvider('ollama:nomic-embed-text', 6);
    const vectors = await new CachedEmbeddingProvider(ollama, new EmbeddingCache(first.database)).embed(notes);
    expect(ollama.textsEmbedded).toBe(3);
    await first.save();
    first.close();

    const second = await openStore(file);
    const again = new CountingProvider('ollama:nomic-embed-text', 6);
    const cached = new CachedEmbeddingProvider(again, new EmbeddingCache(second.database));
    const reread = await cached.embed(notes);
    expect(again.asked).toEqual([]);
    expect(reread.map((v) => [...v])).toEqual(vectors.map((v) => [...v]));
    expect(cached.counts).toEqual({ embedded: 0, reused: 3 });

    const edited = [notes[0]!, 'The forge burns all night, and the anvils ring.', notes[2]!];
    await cached.embed(edited);
    expect(again.asked).toEqual([[edited[1]]]);

    const other = new CountingProvider('openai:text-embedding-3-small', 6);
    await new CachedEmbeddingProvider(other, new EmbeddingCache(second.database)).embed(edited);
    expect(other.textsEmbedded).toBe(3);
    expect(new EmbeddingCache(second.database).count('ollama:nomic-embed-text')).toBe(4);
    expect(new EmbeddingCache(second.database).count('openai:text-embedding-3-small')).toBe(3);
    second.close();
  });

  it('stores Float32 blobs beside model id and dimension in a table of the current schema', async () => {
    const store = await openStore(storeFile());
    expect(versionOf(store.database)).toBe(schemaVersion);
    expect(schemaVersion).toBeGreaterThanOrEqual(3);
    await new CachedEmbeddingProvider(new CountingProvider('m', 3), new EmbeddingCache(store.database)).embed(['one']);
    const [row] = store.database.exec('SELECT hash, model, dimension, length(vector) FROM embeddings')[0]!.values;
    expect(row).toEqual([EmbeddingCache.keyOf('one'), 'm', 3, 12]);
    store.close();
  });

  it('embeds a text repeated in one call once', async () => {
    const store = await openStore(storeFile());
    const provider = new CountingProvider('m', 4);
    const out = await new CachedEmbeddingProvider(provider, new EmbeddingCache(store.database)).embed(['same', 'other', 'same']);
    expect(provider.asked).toEqual([['same', 'other']]);
    expect([...out[0]!]).toEqual([...out[2]!]);
    store.close();
  });

  it('answers transient texts (queries) from the cache but keeps none of them', async () => {
    const store = await openStore(storeFile());
    const provider = new CountingProvider('m', 4);
    const cached = new CachedEmbeddingProvider(provider, new EmbeddingCache(store.database));
    await cached.embed(['a note']);
    await cached.embed(['a note', 'a query'], { transient: true });
    expect(provider.asked).toEqual([['a note'], ['a query']]);
    expect(new EmbeddingCache(store.database).count()).toBe(1);
    store.close();
  });

  it('answers a fully cached call without asking a remote model that has not told its dimension yet', async () => {
    const file = storeFile();
    const store = await openStore(file);
    await new CachedEmbeddingProvider(new CountingProvider('ollama:x', 5, { announcesDimension: false }), new EmbeddingCache(store.database)).embed(notes);
    const remote = new CountingProvider('ollama:x', 5, { announcesDimension: false });
    const cached = new CachedEmbeddingProvider(remote, new EmbeddingCache(store.database));
    expect((await cached.embed(notes)).map((v) => v.length)).toEqual([5, 5, 5]);
    expect(remote.asked).toEqual([]);
    expect(cached.dimension).toBe(5);
    // Half cached: only the new text is asked for.
    await cached.embed([notes[0]!, 'a new note']);
    expect(remote.asked).toEqual([['a new note']]);
    store.close();
  });

  it('never reuses a vector of another dimension: a model changed under its name is embedded afresh', async () => {
    const store = await openStore(storeFile());
    await new CachedEmbeddingProvider(new CountingProvider('ollama:x', 5, { announcesDimension: false }), new EmbeddingCache(store.database)).embed(notes);
    const changed = new CountingProvider('ollama:x', 5, { announcesDimension: false });
    changed.changeDimension(7);
    const cached = new CachedEmbeddingProvider(changed, new EmbeddingCache(store.database));
    const out = await cached.embed([...notes, 'new']);
    expect(out.map((v) => v.length)).toEqual([7, 7, 7, 7]);
    // First the new text (which revealed the change), then the stale ones.
    expect(changed.asked).toEqual([['new'], notes]);
    expect(new EmbeddingCache(store.database).count('ollama:x')).toBe(7);
    store.close();
  });

  it('works inside a transaction of the store, and forgets models and texts no longer there', async () => {
    const store = await openStore(storeFile());
    const cache = new EmbeddingCache(store.database);
    store.database.run('BEGIN');
    await new CachedEmbeddingProvider(new CountingProvider('a', 2), cache).embed(['x', 'y']);
    store.database.run('COMMIT');
    await new CachedEmbeddingProvider(new CountingProvider('b', 2), cache).embed(['x']);
    expect(cache.forgetModelsExcept(['b'])).toBe(2);
    expect(cache.count()).toBe(1);
    await new CachedEmbeddingProvider(new CountingProvider('b', 2), cache).embed(['y', 'z']);
    expect(cache.prune(['x', 'z', 'unrelated'])).toBe(1);
    expect(cache.get(['x', 'y', 'z'].map((t) => EmbeddingCache.keyOf(t)), 'b', 2).size).toBe(2);
    store.close();
  });
});
