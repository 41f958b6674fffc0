import type { EmbeddingsStatus } from '../../shared-types/protocol.js';
import type { EmbeddingProvider } from '../../core/search/embeddings/types.js';
import type { ServerHost } from './host.js';
import type { ServerSearch } from './searchIndex.js';

/** Longest wait for the configured provider's first answer before the offline default takes over. */
const probeTimeoutMs = 5000;
/** While falling back, the configured provider is tried again this often. */
const retryMs = 60_000;

export interface EmbeddingsEvents {
  /** Every change of status; `warn` when the user should be told (a bad setting, a provider that fails). */
  changed(status: EmbeddingsStatus, warn: boolean): void;
}

/**
 * The `embeddings` setting applied to the server's search: the provider the host builds from
 * the spec, tried once with a short text before search is switched to it. A spec the host
 * rejects, a build without providers (the browser) or a provider that does not answer — now or
 * later — leaves search on the offline default, with a status that says why; a failed provider
 * is tried again every minute and switched back to when it answers.
 */
export class ServerEmbeddings {
  private current: EmbeddingsStatus = { state: 'default', spec: 'default', message: 'Embeddings: the offline default (computed from the workspace).' };
  /** Bumped by every apply(): an older apply or retry that finishes late changes nothing. */
  private generation = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;

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
    this.stopRetry();
    const trimmed = spec?.trim() ?? '';
    if (trimmed === '' || trimmed === 'default' || trimmed === 'offline') {
      this.search.setEmbeddings(undefined);
      return this.set({ state: 'default', spec: 'default', message: 'Embeddings: the offline default (computed from the workspace).' }, false);
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
    if (!provider) return this.set({ state: 'default', spec: 'default', message: 'Embeddings: the offline default (computed from the workspace).' }, false);
    await this.tryProvider(provider, trimmed, generation, true);
  }

  dispose(): void {
    this.generation++;
    this.stopRetry();
  }

  /** Asks the provider for one vector; search switches to it only if it answers. */
  private async tryProvider(provider: EmbeddingProvider, spec: string, generation: number, warn: boolean): Promise<void> {
    const failure = await probe(provider);
    if (generation !== this.generation) return;
    if (failure !== null) return this.fallBack(provider, spec, generation, failure, warn);
    this.search.setEmbeddings(
      watched(provider, (why) => {
        if (generation !== this.generation || this.current.state !== 'ok') return;
        this.search.setEmbeddings(undefined);
        this.fallBack(provider, spec, generation, why, true);
      }),
    );
    this.set({ state: 'ok', spec, message: `Embeddings: ${provider.modelId}.` }, false);
  }

  private fallBack(provider: EmbeddingProvider, spec: string, generation: number, why: string, warn: boolean): void {
    this.set({ state: 'fallback', spec, message: `Embeddings: ${provider.modelId} failed (${why}). Using the offline default; trying ${spec} again every ${retryMs / 1000} s.` }, warn);
    this.stopRetry();
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.tryProvider(provider, spec, generation, false);
    }, retryMs);
    // A pending retry must not keep a node process alive after the client has gone.
    (this.retry as { unref?: () => void }).unref?.();
  }

  private stopRetry(): void {
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
  }

  private set(status: EmbeddingsStatus, warn: boolean): void {
    const same = status.state === this.current.state && status.spec === this.current.spec && status.message === this.current.message;
    this.current = status;
    if (same && !warn) return;
    this.events.changed({ ...status }, warn);
  }
}

/** Null when the provider answered one text with a vector in time; else why not. */
async function probe(provider: EmbeddingProvider): Promise<string | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`no answer within ${probeTimeoutMs / 1000} s`), probeTimeoutMs)));
  try {
    return await Promise.race([
      provider.embed(['Scriptorium']).then((vectors) => (vectors.length === 1 && vectors[0]!.length > 0 ? null : 'it answered no vector')),
      deadline,
    ]);
  } catch (error) {
    return messageOf(error);
  } finally {
    clearTimeout(timer);
  }
}

/** The provider, telling `failed` when a call fails (search's vector leg then stops asking it). */
function watched(provider: EmbeddingProvider, failed: (why: string) => void): EmbeddingProvider {
  return {
    get modelId() {
      return provider.modelId;
    },
    get dimension() {
      return provider.dimension;
    },
    async embed(texts) {
      try {
        return await provider.embed(texts);
      } catch (error) {
        failed(messageOf(error));
        throw error;
      }
    },
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
