import { topIds } from './bm25Index.js';
import type { EmbeddingProvider } from './embeddings/types.js';

/** Texts per embed() call: large enough to amortise a round trip, small enough to stay responsive. */
const BATCH = 64;

/**
 * Note vectors from an EmbeddingProvider, unit-length, one row each of a contiguous Float32Array
 * (a query is one pass over it), refreshed only for notes that changed. A provider that fails
 * leaves the leg as it is (with the reason in `status`); ranking then runs on text and graph
 * alone and does not ask the provider again until a note changes.
 */
export class VectorLeg {
  private rows: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private matrix = new Float32Array(0);
  private dimension = 0;
  private readonly stale = new Set<string>();
  /** 0 … rows − 1, kept between queries. */
  private rowIds: number[] = [];
  private failure: string | null = null;
  private modelId: string;

  constructor(
    readonly provider: EmbeddingProvider,
    private readonly textOf: (path: string) => string | null,
  ) {
    this.modelId = provider.modelId;
  }

  get status(): string {
    return this.failure === null ? `${this.provider.modelId}: ${this.rows.length} note vectors` : `${this.provider.modelId} failed: ${this.failure}`;
  }

  markStale(path: string): void {
    this.stale.add(path);
    this.failure = null;
  }

  remove(path: string): void {
    this.stale.delete(path);
    const row = this.rowOf.get(path);
    if (row === undefined) return;
    // Move the last row into the gap.
    const last = this.rows.length - 1;
    const lastPath = this.rows[last]!;
    const d = this.dimension;
    this.matrix.copyWithin(row * d, last * d, last * d + d);
    this.rows[row] = lastPath;
    this.rowOf.set(lastPath, row);
    this.rows.pop();
    this.rowOf.delete(path);
  }

  /** Vectors known without asking the provider (the workspace LSA's own rows): no longer stale. */
  put(vectors: ReadonlyMap<string, Float32Array>): void {
    this.followModel();
    for (const [path, vector] of vectors) {
      if (this.dimension !== 0 && vector.length !== this.dimension) continue;
      this.set(path, vector);
      this.stale.delete(path);
    }
  }

  /** Embeds every note changed since the last call. */
  async refresh(): Promise<void> {
    this.followModel();
    if (this.stale.size === 0 || this.failure !== null) return;
    const paths = [...this.stale];
    this.stale.clear();
    for (let i = 0; i < paths.length; i += BATCH) {
      const batch: string[] = [];
      const texts: string[] = [];
      for (const path of paths.slice(i, i + BATCH)) {
        const text = this.textOf(path);
        if (text === null) this.remove(path);
        else {
          batch.push(path);
          texts.push(text);
        }
      }
      if (texts.length === 0) continue;
      try {
        const vectors = await this.provider.embed(texts);
        if (vectors.length !== texts.length) throw new Error(`asked for ${texts.length} vectors, got ${vectors.length}`);
        const wrong = vectors.find((v) => v.length !== (this.dimension || vectors[0]!.length));
        if (wrong) throw new Error(`vectors of ${wrong.length} dimensions where ${this.dimension || vectors[0]!.length} were expected`);
        batch.forEach((path, k) => this.set(path, vectors[k]!));
      } catch (error) {
        this.failure = error instanceof Error ? error.message : String(error);
        for (const path of paths.slice(i)) this.stale.add(path);
        return;
      }
    }
  }

  async embedQuery(text: string): Promise<Float32Array | null> {
    if (this.failure !== null) return null;
    try {
      const [vector] = await this.provider.embed([text]);
      return vector && vector.length === this.dimension ? unit(vector) : null;
    } catch (error) {
      this.failure = error instanceof Error ? error.message : String(error);
      return null;
    }
  }

  vectorOf(path: string): Float32Array | undefined {
    const row = this.rowOf.get(path);
    return row === undefined ? undefined : this.matrix.slice(row * this.dimension, (row + 1) * this.dimension);
  }

  /** The `k` notes closest to `query` (cosine) among those `keep` accepts. */
  nearest(query: Float32Array, k: number, keep: (path: string) => boolean): Map<string, number> {
    const d = this.dimension;
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

  /** Another model (or a retrained one): old vectors are not comparable with new ones. */
  private followModel(): void {
    if (this.provider.modelId === this.modelId) return;
    this.modelId = this.provider.modelId;
    for (const path of this.rows) this.stale.add(path);
    this.dimension = 0;
    this.rows = [];
    this.rowOf.clear();
  }

  private set(path: string, vector: Float32Array): void {
    // The first vector (of this model) fixes the dimension; refresh() refuses any other.
    if (this.dimension === 0) this.dimension = vector.length;
    const d = this.dimension;
    let row = this.rowOf.get(path);
    if (row === undefined) {
      row = this.rows.length;
      this.rows.push(path);
      this.rowOf.set(path, row);
      if (this.matrix.length < (row + 1) * d) {
        const grown = new Float32Array(Math.max((row + 1) * d, this.matrix.length * 2));
        grown.set(this.matrix);
        this.matrix = grown;
      }
    }
    this.matrix.set(unit(vector), row * d);
  }
}

export function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function unit(v: Float32Array): Float32Array {
  const norm = Math.sqrt(dot(v, v));
  if (norm === 0 || !Number.isFinite(norm)) return new Float32Array(v.length);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! / norm;
  return out;
}
