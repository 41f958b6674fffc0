import type { EmbeddingProvider } from './embeddings/types.js';
import type { TextIndex } from './textIndex.js';
import { termIds } from './tokenizer.js';

/** Latent dimensions kept, and extra random directions sampled to find them (Halko et al.). */
const DIMENSIONS = 64;
const OVERSAMPLE = 16;
/** Notes the SVD is computed from; larger vaults are sampled evenly (the basis barely moves, the cost does). */
const MAX_TRAINING_NOTES = 4000;
/** Power iterations of the range finder: each costs two more passes over the matrix, and the eval measured none as good as one or two. */
export let POWER_ITERATIONS = 0;
/** For measuring the trade-off with the eval only. */
export function setPowerIterations(n: number): void {
  POWER_ITERATIONS = n;
}

/**
 * The offline semantic leg: latent semantic analysis of the workspace's own notes. A truncated
 * SVD (randomized range finder, one power iteration) of the notes × terms matrix of
 * log-tf·idf weights, rows unit-length; a text's vector is its weight row times the right
 * singular vectors, so a note and a paragraph that share no word but share company get close.
 * Trained once, on first use, from the notes' BM25 index; later notes are folded in.
 */
export class WorkspaceLsa implements EmbeddingProvider {
  /** Changes when the basis is retrained, so that vectors of the old basis are recomputed. */
  get modelId(): string {
    return `workspace-lsa-${DIMENSIONS}${this.generation > 1 ? `.${this.generation}` : ''}`;
  }
  dimension: number | null = null;
  /** Term id → column of the basis; the column's idf. */
  private columns = new Map<number, number>();
  private idf = new Float64Array(0);
  /** columns × dimension, row-major. */
  private basis = new Float32Array(0);
  /** Notes the basis was learnt from, and how many times it was learnt. */
  private trainedOn = 0;
  private generation = 0;
  private trainedVectors = new Map<string, Float32Array>();

  constructor(private readonly text: TextIndex) {}

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.train();
    return texts.map((t) => this.project(t));
  }

  /** Weight row of a text, times the basis. */
  project(text: string): Float32Array {
    const k = this.dimension ?? 0;
    const out = new Float32Array(k);
    const counts = new Map<number, number>();
    for (const id of termIds(text, this.text.vocabulary)) {
      const c = this.columns.get(id);
      if (c !== undefined) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    let norm = 0;
    const weights: [number, number][] = [];
    for (const [c, tf] of counts) {
      const w = (1 + Math.log(tf)) * this.idf[c]!;
      weights.push([c, w]);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [c, w] of weights) {
      const row = c * k;
      const scaled = w / norm;
      for (let j = 0; j < k; j++) out[j]! += scaled * this.basis[row + j]!;
    }
    return out;
  }

  /** The vectors training computed for the notes (once; later changes go through embed()). */
  takeTrainedVectors(): Map<string, Float32Array> {
    const out = this.trainedVectors;
    this.trainedVectors = new Map();
    return out;
  }

  /**
   * Learns the basis on first need, and again when the vault has more than doubled since (a
   * server that started on a near-empty folder); otherwise new notes are folded in.
   */
  train(): void {
    const body = this.text.noteField('body');
    const docs = body.docCount;
    if (this.generation > 0 && docs < 2 * this.trainedOn + 50) return;
    this.generation++;
    this.trainedOn = docs;
    // Rows: notes by internal id; columns: terms in ≥ 2 notes and ≤ half of them.
    const rowOf = new Int32Array(body.idLimit).fill(-1);
    const idOfRow: number[] = [];
    const colTerms: number[] = [];
    const colIdf: number[] = [];
    for (let term = 0; term < this.text.vocabulary.size; term++) {
      const df = body.documentFrequency(term);
      if (df < 2 || df > docs / 2) continue;
      colTerms.push(term);
      colIdf.push(Math.log(docs / df));
      body.forEachPosting(term, (id) => {
        if (rowOf[id] === -1) {
          rowOf[id] = idOfRow.length;
          idOfRow.push(id);
        }
      });
    }
    const n = idOfRow.length;
    const m = colTerms.length;
    const l = Math.min(DIMENSIONS + OVERSAMPLE, n, m);
    if (l < 2) {
      this.dimension = 0;
      return;
    }
    // The matrix, column by column (what the postings give), with unit-length rows.
    const colStart = new Int32Array(m + 1);
    for (let c = 0; c < m; c++) colStart[c + 1] = colStart[c]! + body.documentFrequency(colTerms[c]!);
    const rows = new Int32Array(colStart[m]!);
    const vals = new Float64Array(colStart[m]!);
    const rowNorm = new Float64Array(n);
    let e = 0;
    for (let c = 0; c < m; c++) {
      const idf = colIdf[c]!;
      body.forEachPosting(colTerms[c]!, (id, tf) => {
        const r = rowOf[id]!;
        const w = (1 + Math.log(tf)) * idf;
        rows[e] = r;
        vals[e++] = w;
        rowNorm[r]! += w * w;
      });
    }
    for (let r = 0; r < n; r++) rowNorm[r] = 1 / Math.sqrt(rowNorm[r]!);
    for (let e = 0; e < vals.length; e++) vals[e]! *= rowNorm[rows[e]!]!;
    const A = { n, m, colStart, rows, vals };

    // The basis is learnt from an evenly spread sample of notes; every note is then projected on it.
    const S = sampleRows(A, MAX_TRAINING_NOTES);
    const random = seeded(1);
    const omega = new Float64Array(m * l);
    for (let i = 0; i < omega.length; i++) omega[i] = random() * 2 - 1;
    let q = orthonormalize(times(S, omega, l), S.n, l);
    for (let i = 0; i < POWER_ITERATIONS; i++) {
      const z = orthonormalize(transposeTimes(S, q, l), m, l);
      q = orthonormalize(times(S, z, l), S.n, l);
    }
    const bt = transposeTimes(S, q, l); // m × l = (Qᵀ S)ᵀ
    const { values, vectors } = symmetricEigen(gram(bt, m, l), l);
    const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!);
    const k = Math.min(DIMENSIONS, order.length);
    const basis = new Float32Array(m * k);
    for (let j = 0; j < k; j++) {
      const e = order[j]!;
      const sigma = Math.sqrt(Math.max(values[e]!, 1e-12));
      // v_j = Bᵀ w_j / σ_j
      for (let c = 0; c < m; c++) {
        let s = 0;
        for (let t = 0; t < l; t++) s += bt[c * l + t]! * vectors[t * l + e]!;
        basis[c * k + j] = s / sigma;
      }
    }
    this.columns = new Map(colTerms.map((term, c) => [term, c]));
    this.idf = Float64Array.from(colIdf);
    this.basis = basis;
    this.dimension = k;
    // The notes' own vectors are their rows times the basis: one sparse product, no re-reading.
    const rowVectors = times(A, Float64Array.from(basis), k);
    this.trainedVectors = new Map();
    for (let r = 0; r < n; r++) {
      const path = this.text.pathOfNoteId(idOfRow[r]!);
      if (path !== undefined) this.trainedVectors.set(path, Float32Array.from(rowVectors.subarray(r * k, (r + 1) * k)));
    }
  }
}

/** Every ⌈n / max⌉-th row of A (all of them when n ≤ max). */
function sampleRows(A: Sparse, max: number): Sparse {
  if (A.n <= max) return A;
  const step = Math.ceil(A.n / max);
  const n = Math.ceil(A.n / step);
  const colStart = new Int32Array(A.m + 1);
  const rows: number[] = [];
  const vals: number[] = [];
  for (let c = 0; c < A.m; c++) {
    for (let e = A.colStart[c]!; e < A.colStart[c + 1]!; e++) {
      const r = A.rows[e]!;
      if (r % step !== 0) continue;
      rows.push(r / step);
      vals.push(A.vals[e]!);
    }
    colStart[c + 1] = rows.length;
  }
  return { n, m: A.m, colStart, rows: Int32Array.from(rows), vals: Float64Array.from(vals) };
}

interface Sparse {
  n: number;
  m: number;
  colStart: Int32Array;
  rows: Int32Array;
  vals: Float64Array;
}

/** A (n × m) · X (m × l), row-major. */
function times(A: Sparse, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(A.n * l);
  for (let c = 0; c < A.m; c++) {
    const xo = c * l;
    for (let e = A.colStart[c]!; e < A.colStart[c + 1]!; e++) {
      const yo = A.rows[e]! * l;
      const v = A.vals[e]!;
      for (let j = 0; j < l; j++) y[yo + j]! += v * x[xo + j]!;
    }
  }
  return y;
}

/** Aᵀ (m × n) · X (n × l), row-major. */
function transposeTimes(A: Sparse, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(A.m * l);
  for (let c = 0; c < A.m; c++) {
    const yo = c * l;
    for (let e = A.colStart[c]!; e < A.colStart[c + 1]!; e++) {
      const xo = A.rows[e]! * l;
      const v = A.vals[e]!;
      for (let j = 0; j < l; j++) y[yo + j]! += v * x[xo + j]!;
    }
  }
  return y;
}

/** Xᵀ X for X (rows × l), row-major. */
function gram(x: Float64Array, rows: number, l: number): Float64Array {
  const g = new Float64Array(l * l);
  for (let r = 0; r < rows; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const xi = x[o + i]!;
      if (xi === 0) continue;
      for (let j = i; j < l; j++) g[i * l + j]! += xi * x[o + j]!;
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i]!;
  return g;
}

/** Orthonormal columns spanning X's (Cholesky QR, twice for accuracy). */
function orthonormalize(x: Float64Array, rows: number, l: number): Float64Array {
  for (let pass = 0; pass < 2; pass++) {
    const g = gram(x, rows, l);
    let trace = 0;
    for (let i = 0; i < l; i++) trace += g[i * l + i]!;
    const ridge = 1e-10 * (trace / l || 1);
    // Cholesky: G = Rᵀ R, R upper triangular.
    const r = new Float64Array(l * l);
    for (let i = 0; i < l; i++) {
      for (let j = i; j < l; j++) {
        let s = g[i * l + j]! + (i === j ? ridge : 0);
        for (let t = 0; t < i; t++) s -= r[t * l + i]! * r[t * l + j]!;
        r[i * l + j] = i === j ? Math.sqrt(Math.max(s, ridge)) : s / r[i * l + i]!;
      }
    }
    // X ← X R⁻¹, row by row (forward substitution).
    for (let row = 0; row < rows; row++) {
      const o = row * l;
      for (let j = 0; j < l; j++) {
        let s = x[o + j]!;
        for (let t = 0; t < j; t++) s -= x[o + t]! * r[t * l + j]!;
        x[o + j] = s / r[j * l + j]!;
      }
    }
  }
  return x;
}

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major l × l) of a symmetric matrix: cyclic Jacobi. */
function symmetricEigen(a: Float64Array, l: number): { values: number[]; vectors: Float64Array } {
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) off += a[i * l + j]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: Array.from({ length: l }, (_, i) => a[i * l + i]!), vectors: v };
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): the same vault gives the same vectors. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
