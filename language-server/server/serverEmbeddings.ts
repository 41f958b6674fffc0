import type { EmbeddingsStatus } from '../../shared-types/protocol.js';
import type { EmbeddingStore } from '../../core/search/embeddings/cache.js';
import { messageOf } from '../../core/search/embeddings/errors.js';
import type { EmbeddingStatus } from '../../core/search/embeddings/fallback.js';
import type { EmbeddingProvider } from '../../core/search/embeddings/types.js';
import type { ServerHost } from './host.js';
import type { ServerSearch } from './searchIndex.js';

/** Vectors cached after the first embedding of the notes are written to the store this often (a save with nothing new costs one query). */
const saveEveryMs = 30_000;

export interface EmbeddingsEvents {
  /** Every change of status; `warn` when the user should be told (a bad setting, a provider that fails). */
  changed(status: EmbeddingsStatus, warn: boolean): void;
}

const offlineDefault: EmbeddingsStatus = { state: 'default', spec: 'default', message: 'Embeddings: the offline default (computed from the workspace).' };

/**
 * The `embeddings` setting applied to the server's search: the provider the host builds from
 * the spec goes to ServerSearch, whose SearchService uses it through the fallback chain
 * (core/search/embeddings: deadline per chunk, back-off, cache in the store). This class only
 * shows that chain's status (`onStatus`): it neither probes nor retries — the chain falls back
 * when the provider is down, slow or answers another dimension, and tries it again after its
 * back-off. A spec the host rejects or a build without providers (the browser) leaves search on
 * the offline default, with a status that says why.
 */
export class ServerEmbeddings {
  private current: EmbeddingsStatus = { ...offlineDefault };
  /** Bumped by every apply(): an older apply, or the status of a search built for it, changes nothing. */
  private generation = 0;
  /** The host's store cache, opened on the first provider and kept; null: none. */
  private store: Promise<EmbeddingStore | null> | null = null;
  private saveTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly host: ServerHost,
    private readonly search: ServerSearch,
    private readonly events: EmbeddingsEvents,
  ) {}

  status(): EmbeddingsStatus {
    return { ...this.current };
  }

  async apply(spec: string | undefined): Promise<void> {
    const generation = ++this.generation;
    const trimmed = spec?.trim() ?? '';
    if (trimmed === '' || trimmed === 'default' || trimmed === 'offline') {
      this.search.setEmbeddings(undefined);
      return this.set({ ...offlineDefault }, false);
    }
    if (trimmed === 'none') {
      this.search.setEmbeddings(null);
      return this.set({ state: 'none', spec: 'none', message: 'Embeddings: none; search ranks by text and links only.' }, false);
    }
    this.search.setEmbeddings(undefined);
    if (!this.host.embeddingProvider) {
      return this.set(
        { state: 'unavailable', spec: trimmed, message: `Embeddings: the setting scriptorium.embeddings (${trimmed}) needs the desktop (node) build of the language server; this ${this.host.name} build uses the offline default.` },
        true,
      );
    }
    let provider: EmbeddingProvider | null;
    try {
      provider = await this.host.embeddingProvider(trimmed);
    } catch (error) {
      if (generation !== this.generation) return;
      const why = messageOf(error).replace(/--embeddings /g, 'scriptorium.embeddings ');
      return this.set({ state: 'fallback', spec: trimmed, message: `Embeddings: ${why} Using the offline default.` }, true);
    }
    if (generation !== this.generation) return;
    if (!provider) return this.set({ ...offlineDefault }, false);
    const store = await this.openStore();
    if (generation !== this.generation) return;
    this.search.setEmbeddings(provider, {
      database: store?.database,
      embedded: () => {
        if (store) this.save(store);
      },
      onStatus: (status) => {
        // Warned once per fall; a retry that fails again only updates the status.
        if (generation === this.generation) this.set(statusOf(status, trimmed), status.state === 'fallback' && this.current.state !== 'fallback');
      },
    });
    // Configured; the chain reports a fallback when the provider fails (the index embeds the notes right after indexing).
    this.set({ state: 'ok', spec: trimmed, message: `Embeddings: ${provider.modelId}.` }, false);
  }

  dispose(): void {
    this.generation++;
    if (this.saveTimer !== null) clearInterval(this.saveTimer);
    this.saveTimer = null;
    void this.store
      ?.then(async (store) => {
        if (!store) return;
        await store.save().finally(() => store.close());
      })
      .catch(() => undefined);
    this.store = null;
  }

  /** The store cache, opened once; its new vectors are saved periodically (a cache: losing the last ones costs only time). */
  private openStore(): Promise<EmbeddingStore | null> {
    this.store ??= (this.host.embeddingStore?.() ?? Promise.resolve(null))
      .catch((error: unknown) => {
        this.host.log(`embeddings are not cached: ${messageOf(error)}`);
        return null;
      })
      .then((store) => {
        if (store && this.saveTimer === null) {
          this.saveTimer = setInterval(() => this.save(store), saveEveryMs);
          // A pending save must not keep a node process alive after the client has gone.
          (this.saveTimer as { unref?: () => void }).unref?.();
        }
        return store;
      });
    return this.store;
  }

  private save(store: EmbeddingStore): void {
    store.save().catch((error: unknown) => this.host.log(`the embedding cache could not be saved: ${messageOf(error)}`));
  }

  private set(status: EmbeddingsStatus, warn: boolean): void {
    const same = status.state === this.current.state && status.spec === this.current.spec && status.message === this.current.message;
    this.current = status;
    if (same && !warn) return;
    this.events.changed({ ...status }, warn);
  }
}

/** The chain's status as the protocol shows it: the configured provider answers, or the offline default does and why. */
function statusOf(status: EmbeddingStatus, spec: string): EmbeddingsStatus {
  return { state: status.state, spec, message: status.message };
}
