import { EmbeddingError, messageOf, reasonOf } from './errors.js';
import type { EmbedOptions, EmbeddingProvider } from './types.js';
import { checkDimension } from './vectors.js';

/**
 * Which embedder answers. `ok`: the preferred provider. `fallback`: the offline default,
 * because the preferred one failed (`message` says how, and when it is tried again).
 */
export interface EmbeddingStatus {
  state: 'ok' | 'fallback';
  /** The model whose vectors the latest answer holds. */
  modelId: string;
  preferredModelId: string;
  message: string;
  /** While falling back: when (ms since the epoch, on the injected clock) the preferred provider is tried again. */
  retryAt?: number;
}

/** An answer and the model that produced it: vectors of two models are never compared. */
export interface TaggedVectors {
  modelId: string;
  dimension: number;
  vectors: Float32Array[];
}

/** Timers, injected: core/ compiles without DOM or node typings. */
export interface Timer {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FallbackOptions {
  /** Longest wait for one chunk from the preferred provider (default 5000 ms); then the default answers. */
  timeoutMs?: number;
  /** Texts per chunk handed to the preferred provider, each under its own deadline (default 16, one HTTP batch). */
  chunkSize?: number;
  /** Wait after a failure before the preferred provider is tried again (default 30 s), doubling up to `maxBackoffMs` (default 10 min). */
  backoffMs?: number;
  maxBackoffMs?: number;
  onStatus?: (status: EmbeddingStatus) => void;
  now?: () => number;
  timer?: Timer;
}

const globalTimer = globalThis as unknown as Timer;

/**
 * The preferred provider while it works, the offline default when it does not — down, slow,
 * answering the wrong dimension or malformed JSON — and never a stalled index: each chunk waits
 * at most `timeoutMs`, and after a failure the default answers at once until the back-off ends.
 *
 * The rule for callers: every answer comes from ONE model (a call that fails part-way is
 * answered wholly by the default), and `embedTagged` says which. Keep the model id and
 * dimension beside the vectors you store and compare only vectors with the same pair; when an
 * answer's pair differs from your index's, re-embed the index through this provider (cheap:
 * the cache holds both models' vectors) or leave the vector leg out of that comparison.
 */
export class FallbackEmbeddingProvider implements EmbeddingProvider {
  private current: EmbeddingStatus;
  private failures = 0;
  /** The dimension the preferred provider answered with before: a change means another model answers. */
  private preferredDimension: number | null = null;
  private readonly timeoutMs: number;
  private readonly chunkSize: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly now: () => number;
  private readonly timer: Timer;

  constructor(
    readonly preferred: EmbeddingProvider,
    readonly fallback: EmbeddingProvider,
    private readonly options: FallbackOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.chunkSize = Math.max(1, options.chunkSize ?? 16);
    this.backoffMs = options.backoffMs ?? 30_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 600_000;
    this.now = options.now ?? (() => Date.now());
    this.timer = options.timer ?? globalTimer;
    this.current = { state: 'ok', modelId: preferred.modelId, preferredModelId: preferred.modelId, message: `Embeddings: ${preferred.modelId}.` };
  }

  /** The model of the latest answer (before any: the preferred one, unless it is backing off). */
  get modelId(): string {
    return this.current.modelId;
  }

  get dimension(): number | null {
    return this.current.state === 'fallback' ? this.fallback.dimension : (this.preferredDimension ?? this.preferred.dimension);
  }

  status(): EmbeddingStatus {
    return { ...this.current };
  }

  /** Ends a back-off early (the user says the service is back). */
  retryNow(): void {
    if (this.current.retryAt !== undefined) this.current = { ...this.current, retryAt: this.now() };
  }

  async embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]> {
    return (await this.embedTagged(texts, options)).vectors;
  }

  async embedTagged(texts: readonly string[], options?: EmbedOptions): Promise<TaggedVectors> {
    if (texts.length === 0) return { modelId: this.modelId, dimension: this.dimension ?? 0, vectors: [] };
    if (this.current.state === 'fallback' && this.now() < (this.current.retryAt ?? 0)) return this.fromFallback(texts);
    try {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += this.chunkSize) {
        const chunk = texts.slice(start, start + this.chunkSize);
        const answer = await this.withDeadline(this.preferred.embed(chunk, options));
        if (!Array.isArray(answer) || answer.length !== chunk.length) {
          throw new EmbeddingError(`${this.preferred.modelId} answered ${Array.isArray(answer) ? answer.length : 'no'} vectors for ${chunk.length} texts`, 'malformed');
        }
        vectors.push(...answer);
      }
      const dimension = checkDimension(vectors, this.preferredDimension ?? this.preferred.dimension, this.preferred.modelId);
      this.preferredDimension = dimension;
      this.succeeded();
      return { modelId: this.preferred.modelId, dimension, vectors };
    } catch (error) {
      // After the back-off the model's new dimension is learned afresh (answers carry it; callers key on it).
      if (reasonOf(error) === 'dimension') this.preferredDimension = null;
      this.failed(error);
      return this.fromFallback(texts);
    }
  }

  private async fromFallback(texts: readonly string[]): Promise<TaggedVectors> {
    const vectors = await this.fallback.embed(texts);
    return { modelId: this.fallback.modelId, dimension: vectors[0]?.length ?? this.fallback.dimension ?? 0, vectors };
  }

  private withDeadline<T>(work: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const handle = this.timer.setTimeout(() => {
        reject(new EmbeddingError(`${this.preferred.modelId} gave no answer within ${seconds(this.timeoutMs)}`, 'timeout'));
      }, this.timeoutMs);
      work.then(
        (value) => {
          this.timer.clearTimeout(handle);
          resolve(value);
        },
        (error: unknown) => {
          this.timer.clearTimeout(handle);
          reject(error);
        },
      );
    });
  }

  private succeeded(): void {
    this.failures = 0;
    if (this.current.state === 'ok' && this.current.modelId === this.preferred.modelId) return;
    const wasFallback = this.current.state === 'fallback';
    this.setStatus({
      state: 'ok',
      modelId: this.preferred.modelId,
      preferredModelId: this.preferred.modelId,
      message: wasFallback ? `Embeddings: ${this.preferred.modelId} answers again; vectors made by ${this.fallback.modelId} meanwhile are being replaced.` : `Embeddings: ${this.preferred.modelId}.`,
    });
  }

  private failed(error: unknown): void {
    const wait = Math.min(this.maxBackoffMs, this.backoffMs * 2 ** this.failures);
    this.failures++;
    this.setStatus({
      state: 'fallback',
      modelId: this.fallback.modelId,
      preferredModelId: this.preferred.modelId,
      message: `Embeddings: ${messageOf(error)}. Using the offline default (${this.fallback.modelId}); trying ${this.preferred.modelId} again in ${seconds(wait)}.`,
      retryAt: this.now() + wait,
    });
  }

  private setStatus(status: EmbeddingStatus): void {
    this.current = status;
    this.options.onStatus?.({ ...status });
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
