import { topIds } from './bm25Index.js';
import { embedTagged } from './embeddings/chain.js';
import { messageOf } from './embeddings/errors.js';
import type { EmbedOptions, EmbeddingProvider } from './embeddings/types.js';

/** Texts per embed() call: large enough to amortise a round trip, small enough to stay responsive. */
const BATCH = 64;
/**
 * Model switches one refresh follows (each re-embeds every note). A provider that falls back
 * and comes back faster than that is flapping: the rest waits for the next query.
 */
const MAX_SWITCHES = 2;

/**
 * Note vectors from an EmbeddingProvider, unit-length, one row each of a contiguous Float32Array
 * (a query is one pass over it), refreshed only for notes that changed.
 *
 * The rule: the matrix holds vectors of ONE model (id and dimension), so a cosine never compares
 * two models. Every answer is tagged with the model that made it (`embedTagged`: a fallback
 * chain answers from its preferred provider or from the offline default). When an answer comes
 * from another model than the matrix holds — the provider fell back, came back, or the offline
 * LSA was retrained — the leg switches to that model and re-embeds every note through the same
 * provider, rather than leaving the vector leg out until something else changes: the provider
 * that answered is the one that will answer next (the fallback holds its back-off), re-embedding
 * is cheap (the offline default is local; coming back, the cache in the store has the preferred
 * model's vectors of unchanged notes), and a query answered by the new model can then be ranked.
 * Failures are the chain's business (deadline, back-off, status); a provider that throws
 * anyway leaves its notes stale for the next query and the vector leg out of this one.
 */
export class VectorLeg {
  private rows: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private matrix = new Float32Array(0);
  /** The model of every row; null until the first answer. */
  private model: { id: string; dimension: number } | null = null;
  private readonly stale = new Set<string>();
  /** 0 … rows − 1, kept between queries. */
  private rowIds: number[] = [];
  /** The refresh under way: callers wait for it rather than embed the same notes twice. */
  private refreshing: Promise<void> | null = null;
  /** Why the latest embed threw (a provider outside a fallback chain), for the status line. */
  private error: string | null = null;

  constructor(
    readonly provider: EmbeddingProvider,
    private readonly textOf: (path: string) => string | null,
  ) {}

  get status(): string {
    const vectors = `${this.model?.id ?? this.provider.modelId}: ${this.rows.length} note vectors`;
    return this.error === null ? vectors : `${vectors} (${this.error})`;
  }

  /** The model the note vectors are from (null before any). */
  get modelId(): string | null {
    return this.model?.id ?? null;
  }

  markStale(path: string): void {
    this.stale.add(path);
  }

  remove(path: string): void {
    this.stale.delete(path);
    const row = this.rowOf.get(path);
    if (row === undefined) return;
    // Move the last row into the gap.
    const last = this.rows.length - 1;
    const lastPath = this.rows[last]!;
    const d = this.model?.dimension ?? 0;
    this.matrix.copyWithin(row * d, last * d, last * d + d);
    this.rows[row] = lastPath;
    this.rowOf.set(lastPath, row);
    this.rows.pop();
    this.rowOf.delete(path);
  }

  /**
   * Vectors known without asking the provider (the workspace LSA's own rows), made by `modelId`:
   * no longer stale. Ignored unless that model is the matrix's or the one the provider answers with now.
   * `coming`: how many rows this and the next puts will add at most, so that the matrix is sized
   * once, with a quarter more for notes added later (doubling it was a long step of its own at
   * 50k notes, and so was doubling an exact one for the first note added after).
   */
  put(vectors: ReadonlyMap<string, Float32Array>, modelId: string, coming = 0): void {
    if (this.model?.id !== modelId) {
      if (this.provider.modelId !== modelId) return;
      this.switchTo(modelId, 0);
    }
    const d = this.model!.dimension || (vectors.values().next().value?.length ?? 0);
    if (coming > 0) this.reserve(Math.ceil((this.rows.length + coming) * 1.25) * d);
    for (const [path, vector] of vectors) {
      if (!this.fits(vector)) continue;
      this.set(path, vector);
      this.stale.delete(path);
    }
  }

  /** Embeds every note changed since the last call (and every note, when the provider switched model). */
  async refresh(): Promise<void> {
    while (this.refreshing) await this.refreshing;
    if (this.stale.size === 0) return;
    this.refreshing = this.embedStale().finally(() => {
      this.refreshing = null;
    });
    await this.refreshing;
  }

  /** The query's unit vector, comparable with the notes' (re-embedding them if the provider switched model); null when it cannot be. */
  async embedQuery(text: string): Promise<Float32Array | null> {
    const answer = await this.embed([text], { transient: true });
    const vector = answer?.vectors[0];
    if (!answer || !vector) return null;
    if (this.model !== null && !this.holds(answer.modelId, vector.length)) {
      // The provider answers with another model now: the notes follow it, then the query is comparable.
      this.switchTo(answer.modelId, vector.length);
      await this.refresh();
    }
    return this.model === null || this.holds(answer.modelId, vector.length) ? unit(vector) : null;
  }

  vectorOf(path: string): Float32Array | undefined {
    const row = this.rowOf.get(path);
    const d = this.model?.dimension ?? 0;
    return row === undefined ? undefined : this.matrix.slice(row * d, (row + 1) * d);
  }

  /** The `k` notes closest to `query` (cosine) among those `keep` accepts. */
  nearest(query: Float32Array, k: number, keep: (path: string) => boolean): Map<string, number> {
    const d = this.model?.dimension ?? 0;
    if (query.length !== d || this.rows.length === 0) return new Map();
    const scores = new Float64Array(this.rows.length);
    const m = this.matrix;
    for (let r = 0, o = 0; r < this.rows.length; r++, o += d) {
      let s = 0;
      for (let j = 0; j < d; j++) s += m[o + j]! * query[j]!;
      scores[r] = s;
    }
    if (this.rowIds.length !== this.rows.length) this.rowIds = Array.from({ length: this.rows.length }, (_, r) => r);
    const rowIds = this.rowIds;
    const best = topIds(rowIds, scores, k, (r) => scores[r]! > 0 && keep(this.rows[r]!));
    return new Map(best.map((r) => [this.rows[r]!, scores[r]!]));
  }

  private async embedStale(): Promise<void> {
    let switches = 0;
    while (this.stale.size > 0) {
      const batch: string[] = [];
      const texts: string[] = [];
      for (const path of this.stale) {
        if (batch.length === BATCH) break;
        const text = this.textOf(path);
        if (text === null) this.remove(path);
        else {
          batch.push(path);
          texts.push(text);
        }
      }
      // Out of the stale set before the wait: a note changed meanwhile is marked again and re-embedded.
      for (const path of batch) this.stale.delete(path);
      if (texts.length === 0) continue;
      const answer = await this.embed(texts);
      if (!answer) {
        for (const path of batch) this.stale.add(path);
        return;
      }
      const dimension = answer.vectors[0]?.length ?? 0;
      if (this.model === null || !this.holds(answer.modelId, dimension)) {
        if (this.model !== null && ++switches > MAX_SWITCHES) {
          for (const path of batch) this.stale.add(path);
          return;
        }
        this.switchTo(answer.modelId, dimension);
      }
      batch.forEach((path, k) => {
        const vector = answer.vectors[k]!;
        // A note removed during the wait keeps no row.
        if (this.textOf(path) !== null && this.fits(vector)) this.set(path, vector);
      });
    }
  }

  /** The provider's tagged answer, or null when it threw or answered the wrong number of vectors. */
  private async embed(texts: readonly string[], options?: EmbedOptions): Promise<{ modelId: string; vectors: Float32Array[] } | null> {
    try {
      const answer = await embedTagged(this.provider, texts, options);
      if (answer.vectors.length !== texts.length) throw new Error(`${answer.modelId} answered ${answer.vectors.length} vectors for ${texts.length} texts`);
      const dimension = answer.vectors[0]?.length ?? 0;
      const wrong = answer.vectors.find((v) => v.length !== dimension);
      if (wrong) throw new Error(`${answer.modelId} answered vectors of ${wrong.length} and ${dimension} dimensions in one call`);
      this.error = null;
      return answer;
    } catch (error) {
      this.error = messageOf(error);
      return null;
    }
  }

  private holds(modelId: string, dimension: number): boolean {
    return this.model !== null && this.model.id === modelId && this.model.dimension === dimension;
  }

  private fits(vector: Float32Array): boolean {
    return this.model !== null && (this.model.dimension === 0 || vector.length === this.model.dimension);
  }

  /** Another model (or a retrained one): old vectors are not comparable with new ones, so every note is stale. */
  private switchTo(modelId: string, dimension: number): void {
    for (const path of this.rows) this.stale.add(path);
    this.model = { id: modelId, dimension };
    this.rows = [];
    this.rowOf.clear();
    this.rowIds = [];
  }

  /** Room for `values` in the matrix. */
  private reserve(values: number): void {
    if (this.matrix.length >= values) return;
    const grown = new Float32Array(values);
    grown.set(this.matrix);
    this.matrix = grown;
  }

  private set(path: string, vector: Float32Array): void {
    // A model whose dimension was unknown (put() before any answer) takes the first vector's.
    if (this.model!.dimension === 0) this.model!.dimension = vector.length;
    const d = this.model!.dimension;
    let row = this.rowOf.get(path);
    if (row === undefined) {
      row = this.rows.length;
      this.rows.push(path);
      this.rowOf.set(path, row);
      if (this.matrix.length < (row + 1) * d) this.reserve(Math.max((row + 1) * d, this.matrix.length * 2));
    }
    // Normalized in place: a Float32Array per vector was most of a put (~5 µs each, 50k of them at 50k notes).
    unitInto(vector, this.matrix, row * d);
  }
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function unit(v: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  unitInto(v, out, 0);
  return out;
}

/** Writes v's unit vector (zeros when it has none) into `out` from `at`. */
function unitInto(v: Float32Array, out: Float32Array, at: number): void {
  const norm = Math.sqrt(dot(v, v));
  if (norm === 0 || !Number.isFinite(norm)) out.fill(0, at, at + v.length);
  else for (let i = 0; i < v.length; i++) out[at + i] = v[i]! / norm;
}
