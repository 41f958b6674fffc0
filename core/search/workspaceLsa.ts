import type { EmbeddingProvider } from './embeddings/types.js';
import type { FieldIndex } from './bm25Index.js';
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
  /** Term id → column of the basis (-1: none; an array, not a Map: 12k columns at 13k notes); the column's idf. */
  private columnOf = new Int32Array(0);
  private idf: Float64Array = new Float64Array(0);
  /** columns × dimension, row-major. */
  private basis: Float32Array = new Float32Array(0);
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
      const c = id < this.columnOf.length ? this.columnOf[id]! : -1;
      if (c >= 0) counts.set(c, (counts.get(c) ?? 0) + 1);
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
   * server that started on a near-empty folder); otherwise new notes are folded in. Finishes a
   * training that trainSteps() began.
   */
  train(): void {
    for (const _ of this.trainSteps());
  }

  /**
   * train() in small steps (each well under a millisecond at 10k notes), for a caller that
   * yields between them. Every caller drives the same training; the new basis replaces the old
   * one only when it is complete. The index may change between steps: training works on the
   * matrix read at its start (later changes are folded in as usual).
   */
  *trainSteps(): Generator<void, void, void> {
    if (!this.training) {
      const docs = this.text.noteField('body').docCount;
      if (this.generation > 0 && docs < 2 * this.trainedOn + 50) return;
      this.training = this.trainer();
    }
    while (this.training) {
      if (this.training.next().done) this.training = null;
      else yield;
    }
  }

  /** Whether a training is under way (begun by trainSteps() and not finished). */
  get isTraining(): boolean {
    return this.training !== null;
  }

  private training: Generator<void, void, void> | null = null;

  private *trainer(): Generator<void, void, void> {
    const body = this.text.noteField('body');
    const docs = body.docCount;
    const work = new WorkMeter();
    // Rows: notes by internal id (numbered as first met); columns: terms in ≥ 2 notes and ≤ half of them.
    const vocabularySize = this.text.vocabulary.size;
    // The postings flushed and packed, then the matrix allocated: each a step of its own.
    body.readable();
    yield;
    const matrix = new MatrixBuilder(body, docs, vocabularySize);
    yield;
    for (let term = 0; term < vocabularySize; ) {
      term = matrix.addTerms(term, vocabularySize);
      yield;
    }
    const { idOfRow, colTerms, colIdf, colStartList, rowNormList } = matrix;
    const entries = matrix.entries;
    const rowList = matrix.rowList;
    const valList = matrix.valList;
    const n = idOfRow.length;
    const m = colTerms.length;
    const l = Math.min(DIMENSIONS + OVERSAMPLE, n, m);
    if (l < 2) {
      this.install(docs, [], new Float64Array(0), new Float32Array(0), 0);
      return;
    }
    // The matrix, column by column (what the postings give), with unit-length rows.
    const colStart = Int32Array.from(colStartList);
    const rows = rowList.subarray(0, entries);
    const vals = valList.subarray(0, entries);
    const rowNorm = Float64Array.from(rowNormList);
    yield;
    for (let r = 0; r < n; r++) rowNorm[r] = 1 / Math.sqrt(rowNorm[r]!);
    // In chunks: a kernel called often is optimized sooner than one long loop.
    const scaling = new Ramp(CHUNK);
    for (let e = 0; e < entries; ) {
      const to = Math.min(entries, e + scaling.next());
      scaleByRow(rows, vals, rowNorm, e, to);
      e = to;
      yield;
    }
    const A = { n, m, colStart, rows, vals };
    yield;

    // The basis is learnt from an evenly spread sample of notes; every note is then projected on it.
    const basis = yield* learnBasis(A, work);
    const k = basis.length / m;
    // The notes' own vectors are their rows times the basis: one sparse product, no re-reading.
    // The basis is widened first (the same values): the kernel stays specialised for one array
    // type, where a Float32Array after the training's Float64Arrays sent it back to the interpreter
    // (a 16 ms step at 13k notes).
    const wide = new Float64Array(basis.length);
    for (let i = 0; i < basis.length; i += CHUNK * 8) {
      wide.set(basis.subarray(i, i + CHUNK * 8), i);
      yield;
    }
    let rowVectors = yield* times(A, wide, k, work);
    // One buffer for every note's vector (the vector leg copies them): not one per note, filled
    // a chunk a step (3.2M values at 50k notes were a 10–45 ms step).
    const vectors = new Float32Array(rowVectors.length);
    for (let i = 0; i < rowVectors.length; i += CHUNK * 8) {
      vectors.set(rowVectors.subarray(i, i + CHUNK * 8), i);
      yield;
    }
    rowVectors = new Float64Array(0);
    const trained = new Map<string, Float32Array>();
    for (let r = 0; r < n; r++) {
      const path = this.text.pathOfNoteId(idOfRow[r]!);
      if (path !== undefined) trained.set(path, vectors.subarray(r * k, (r + 1) * k));
      if (r % 1024 === 1023) yield;
    }
    this.install(docs, colTerms, Float64Array.from(colIdf), basis, k);
    this.trainedVectors = trained;
  }

  /** Puts a finished basis in place: from now on texts are projected on it. */
  private install(docs: number, colTerms: readonly number[], idf: Float64Array, basis: Float32Array, k: number): void {
    this.generation++;
    this.trainedOn = docs;
    // Columns are in ascending term order: the last is the largest.
    const columnOf = new Int32Array(colTerms.length === 0 ? 0 : colTerms[colTerms.length - 1]! + 1).fill(-1);
    colTerms.forEach((term, c) => (columnOf[term] = c));
    this.columnOf = columnOf;
    this.idf = idf;
    this.basis = basis;
    this.dimension = k;
  }
}

/**
 * The right singular vectors (columns × k, row-major) of an evenly spread sample of A's rows:
 * a randomized range finder, then the eigenvectors of the small Gram matrix. Its own
 * function, so that every intermediate matrix is garbage once it returns.
 */
function* learnBasis(A: Sparse, work: WorkMeter): Generator<void, Float32Array, void> {
  const m = A.m;
  const l = Math.min(DIMENSIONS + OVERSAMPLE, A.n, m);
  const S = yield* sampleRows(A, MAX_TRAINING_NOTES);
  yield;
  // Ω (m × l, uniform in [-1, 1)) is drawn a block of rows at a time, in the same order: never whole.
  let q = yield* orthonormalize(yield* timesRandom(S, l, seeded(1), work), S.n, l, work);
  for (let i = 0; i < POWER_ITERATIONS; i++) {
    const z = yield* orthonormalize(yield* transposeTimes(S, q, l, work), m, l, work);
    q = yield* orthonormalize(yield* times(S, z, l, work), S.n, l, work);
  }
  const bt = yield* transposeTimes(S, q, l, work); // m × l = (Qᵀ S)ᵀ
  const { values, vectors } = yield* symmetricEigen(yield* gram(bt, m, l, work), l, work);
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!);
  const k = Math.min(DIMENSIONS, order.length);
  const basis = new Float32Array(m * k);
  // A column of the basis is m × l products (~1.6 million at 13k notes): a range of terms a step.
  // Its products read `vectors` down a column (a stride of l): counted three times over, they take a step's time.
  const ramp = new Ramp();
  for (let j = 0; j < k; j++) {
    for (let from = 0; from < m; ) {
      const to = Math.min(m, from + Math.max(1, Math.floor(ramp.next() / (3 * l))));
      basisColumn(basis, bt, vectors, values, order[j]!, j, l, k, from, to);
      if (work.add(3 * (to - from) * l)) yield;
      from = to;
    }
  }
  return basis;
}

/** Counts arithmetic done since the last yield; says when a step has done enough. */
class WorkMeter {
  private done = 0;
  add(amount: number): boolean {
    this.done += amount;
    if (this.done < STEP_WORK) return false;
    this.done = 0;
    return true;
  }
}

// ~1.5 ms of optimised arithmetic on the reference machine (a million was 6–7 ms a step, and a
// background step is what a request may wait behind).
const STEP_WORK = 250_000;

/**
 * The work for each next call of a kernel: a 32nd of a step at first, doubling to a whole one.
 * A kernel's first calls run before V8 has optimised it (and again after a deopt): at full size
 * those were the 10–25 ms steps of a training.
 */
class Ramp {
  private budget: number;
  constructor(private readonly full = STEP_WORK) {
    this.budget = Math.max(1, Math.floor(full / 32));
  }
  next(): number {
    const now = this.budget;
    this.budget = Math.min(this.full, this.budget * 2);
    return now;
  }
}

/**
 * When a sparse product's step ends at the latest: its cost per product varies tenfold with how
 * the rows it touches sit in the cache (at 50k notes a step's worth of work took 12–52 ms), so
 * the work budget is only the usual bound and the clock the hard one.
 */
function stepDeadline(): number {
  return Date.now() + STEP_MS;
}

const STEP_MS = 2;
/** Entries per call of the simplest kernels. */
const CHUNK = 1 << 15;

/** The notes × terms matrix read from the postings, a range of terms at a time. */
class MatrixBuilder {
  rowOf: Int32Array;
  readonly idOfRow: number[] = [];
  readonly colTerms: number[] = [];
  readonly colIdf: number[] = [];
  readonly colStartList: number[] = [0];
  // The entries, sized from the document frequencies at the start (grown only if notes are added meanwhile).
  rowList: Int32Array;
  valList: Float64Array;
  entries = 0;
  readonly rowNormList: number[] = [];
  /** Scratch for one term's postings. */
  ids = new Int32Array(1024);
  tfs = new Int32Array(1024);

  constructor(
    private readonly body: FieldIndex,
    private readonly docs: number,
    terms: number,
  ) {
    this.rowOf = new Int32Array(Math.max(16, body.idLimit)).fill(-1);
    let expected = 0;
    for (let term = 0; term < terms; term++) {
      const df = body.documentFrequency(term);
      if (df >= 2 && df <= docs / 2) expected += df;
    }
    this.rowList = new Int32Array(expected);
    this.valList = new Float64Array(expected);
  }

  /** Adds the columns of terms `from`… until a step's work is done; the next term. */
  addTerms(from: number, to: number): number {
    const { body, docs, idOfRow, rowNormList } = this;
    let { rowOf, rowList, valList, entries, ids, tfs } = this;
    let done = 0;
    let term = from;
    for (; term < to && done < STEP_WORK; term++) {
      const df = body.documentFrequency(term);
      if (df < 2 || df > docs / 2) continue;
      const idf = Math.log(docs / df);
      this.colTerms.push(term);
      this.colIdf.push(idf);
      if (ids.length < df) {
        ids = new Int32Array(df * 2);
        tfs = new Int32Array(df * 2);
      }
      const count = body.copyPostings(term, ids, tfs);
      if (entries + count > rowList.length) {
        const size = Math.max(entries + count, rowList.length + (rowList.length >> 2));
        const rowsGrown = new Int32Array(size);
        rowsGrown.set(rowList);
        rowList = rowsGrown;
        const valsGrown = new Float64Array(size);
        valsGrown.set(valList);
        valList = valsGrown;
      }
      for (let i = 0; i < count; i++) {
        const id = ids[i]!;
        if (id >= rowOf.length) {
          const grown = new Int32Array(Math.max(id + 1, rowOf.length * 2)).fill(-1);
          grown.set(rowOf);
          rowOf = grown;
        }
        let r = rowOf[id]!;
        if (r === -1) {
          r = rowOf[id] = idOfRow.length;
          idOfRow.push(id);
          rowNormList.push(0);
        }
        const w = (1 + Math.log(tfs[i]!)) * idf;
        rowList[entries] = r;
        valList[entries++] = w;
        rowNormList[r]! += w * w;
      }
      this.colStartList.push(entries);
      done += df * 32;
    }
    this.rowOf = rowOf;
    this.rowList = rowList;
    this.valList = valList;
    this.entries = entries;
    this.ids = ids;
    this.tfs = tfs;
    return term;
  }
}

/** Every ⌈n / max⌉-th row of A (all of them when n ≤ max). */
function* sampleRows(A: Sparse, max: number): Generator<void, Sparse, void> {
  if (A.n <= max) return A;
  const step = Math.ceil(A.n / max);
  const n = Math.ceil(A.n / step);
  const colStart = new Int32Array(A.m + 1);
  let kept = 0;
  for (let e = 0; e < A.rows.length; e += CHUNK) {
    kept += countSampled(A.rows, step, e, Math.min(A.rows.length, e + CHUNK));
    yield;
  }
  const S = { n, m: A.m, colStart, rows: new Int32Array(kept), vals: new Float64Array(kept) };
  const ramp = new Ramp(CHUNK);
  for (let c = 0; c < A.m; ) {
    c = sampleColumns(A, S, step, c, ramp.next());
    yield;
  }
  return S;
}

function countSampled(rows: Int32Array, step: number, from: number, to: number): number {
  let kept = 0;
  for (let e = from; e < to; e++) if (rows[e]! % step === 0) kept++;
  return kept;
}

/** Copies the sampled entries of columns `from`… into S until `entries` of A are read; the next column. */
function sampleColumns(A: Sparse, S: Sparse, step: number, from: number, entries: number): number {
  let at = S.colStart[from]!;
  let c = from;
  for (const stop = A.colStart[from]! + entries; c < A.m && A.colStart[c]! < stop; c++) {
    for (let e = A.colStart[c]!; e < A.colStart[c + 1]!; e++) {
      const r = A.rows[e]!;
      if (r % step !== 0) continue;
      S.rows[at] = r / step;
      S.vals[at++] = A.vals[e]!;
    }
    S.colStart[c + 1] = at;
  }
  return c;
}

interface Sparse {
  n: number;
  m: number;
  colStart: Int32Array;
  rows: Int32Array;
  vals: Float64Array;
}

/** A (n × m) · X (m × l), row-major. */
function* times(A: Sparse, x: Float64Array, l: number, work: WorkMeter): Generator<void, Float64Array, void> {
  const y = new Float64Array(A.n * l);
  const ramp = new Ramp();
  const at = { c: 0, e: A.colStart[0]! };
  while (at.c < A.m) {
    timesColumns(A, x, l, y, at, A.m, 0, ramp.next(), stepDeadline());
    work.add(STEP_WORK);
    yield;
  }
  return y;
}

/** A (n × m) · Ω (m × l) for Ω uniform in [-1, 1) from `random`, row by row: Ω is drawn a block at a time. */
function* timesRandom(A: Sparse, l: number, random: () => number, work: WorkMeter): Generator<void, Float64Array, void> {
  const y = new Float64Array(A.n * l);
  const block = Math.max(1, Math.floor(STEP_WORK / 4 / l));
  const omega = new Float64Array(block * l);
  const ramp = new Ramp();
  for (let first = 0; first < A.m; first += block) {
    const last = Math.min(A.m, first + block);
    fillRandom(omega, random, 0, (last - first) * l);
    const at = { c: first, e: A.colStart[first]! };
    while (at.c < last) {
      timesColumns(A, omega, l, y, at, last, first, ramp.next(), stepDeadline());
      work.add(STEP_WORK);
      yield;
    }
  }
  return y;
}

/** Aᵀ (m × n) · X (n × l), row-major. */
function* transposeTimes(A: Sparse, x: Float64Array, l: number, work: WorkMeter): Generator<void, Float64Array, void> {
  const y = new Float64Array(A.m * l);
  const ramp = new Ramp();
  const at = { c: 0, e: A.colStart[0]! };
  while (at.c < A.m) {
    transposeTimesColumns(A, x, l, y, at, ramp.next(), stepDeadline());
    work.add(STEP_WORK);
    yield;
  }
  return y;
}

/** Where a sparse product goes on: column `c`, entry `e` (a column can hold half the notes, so a step may end inside one). */
interface Cursor {
  c: number;
  e: number;
}

// The kernels below are plain functions, each doing about one step of work and saying where to
// go on: loops inside a generator's body are not optimized as well. Entries are taken in the
// same order however the steps fall, so the sums (and the vectors) are the same.

/** Adds entries from `at` (up to column `to`) of A · X into y until the budget or the deadline; moves `at`. X's rows start at column `xFirst`. */
function timesColumns(A: Sparse, x: Float64Array, l: number, y: Float64Array, at: Cursor, to: number, xFirst: number, budget: number, deadline: number): void {
  let done = 0;
  let e = at.e;
  for (let c = at.c; c < to; c++) {
    const xo = (c - xFirst) * l;
    const end = A.colStart[c + 1]!;
    for (; e < end; e++) {
      const yo = A.rows[e]! * l;
      const v = A.vals[e]!;
      for (let j = 0; j < l; j++) y[yo + j]! += v * x[xo + j]!;
      done += l;
      if (done >= budget || ((e & 255) === 0 && Date.now() >= deadline)) {
        at.c = e + 1 === end ? c + 1 : c;
        at.e = e + 1;
        return;
      }
    }
  }
  at.c = to;
  at.e = e;
}

/** Aᵀ · X by columns of A from `at`, as timesColumns. */
function transposeTimesColumns(A: Sparse, x: Float64Array, l: number, y: Float64Array, at: Cursor, budget: number, deadline: number): void {
  let done = 0;
  let e = at.e;
  for (let c = at.c; c < A.m; c++) {
    const yo = c * l;
    const end = A.colStart[c + 1]!;
    for (; e < end; e++) {
      const xo = A.rows[e]! * l;
      const v = A.vals[e]!;
      for (let j = 0; j < l; j++) y[yo + j]! += v * x[xo + j]!;
      done += l;
      if (done >= budget || ((e & 255) === 0 && Date.now() >= deadline)) {
        at.c = e + 1 === end ? c + 1 : c;
        at.e = e + 1;
        return;
      }
    }
  }
  at.c = A.m;
  at.e = e;
}

/** Scales entries [from, to) by their row's factor. */
function scaleByRow(rows: Int32Array, vals: Float64Array, factor: Float64Array, from: number, to: number): void {
  for (let e = from; e < to; e++) vals[e]! *= factor[rows[e]!]!;
}

/** Uniform values in [-1, 1) from `random` into omega[from, to). */
function fillRandom(omega: Float64Array, random: () => number, from: number, to: number): void {
  for (let i = from; i < to; i++) omega[i] = random() * 2 - 1;
}

/** Rows [from, to) of column j of the basis: v_j = Bᵀ w_e / σ_e. */
function basisColumn(basis: Float32Array, bt: Float64Array, vectors: Float64Array, values: readonly number[], e: number, j: number, l: number, k: number, from: number, to: number): void {
  const sigma = Math.sqrt(Math.max(values[e]!, 1e-12));
  for (let c = from; c < to; c++) {
    let s = 0;
    for (let t = 0; t < l; t++) s += bt[c * l + t]! * vectors[t * l + e]!;
    basis[c * k + j] = s / sigma;
  }
}

/** Xᵀ X for X (rows × l), row-major. */
function* gram(x: Float64Array, rows: number, l: number, work: WorkMeter): Generator<void, Float64Array, void> {
  const g = new Float64Array(l * l);
  const ramp = new Ramp();
  for (let r = 0; r < rows; ) {
    const to = Math.min(rows, r + Math.max(1, Math.floor(ramp.next() / ((l * l) / 2))));
    gramRows(x, l, g, r, to);
    r = to;
    work.add(STEP_WORK);
    yield;
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) g[i * l + j] = g[j * l + i]!;
  return g;
}

function gramRows(x: Float64Array, l: number, g: Float64Array, from: number, to: number): void {
  for (let r = from; r < to; r++) {
    const o = r * l;
    for (let i = 0; i < l; i++) {
      const xi = x[o + i]!;
      if (xi === 0) continue;
      for (let j = i; j < l; j++) g[i * l + j]! += xi * x[o + j]!;
    }
  }
}

/** Orthonormal columns spanning X's (Cholesky QR, twice for accuracy). */
function* orthonormalize(x: Float64Array, rows: number, l: number, work: WorkMeter): Generator<void, Float64Array, void> {
  for (let pass = 0; pass < 2; pass++) {
    const r = cholesky(yield* gram(x, rows, l, work), l);
    // X ← X R⁻¹, row by row (forward substitution).
    const ramp = new Ramp();
    for (let row = 0; row < rows; ) {
      const to = Math.min(rows, row + Math.max(1, Math.floor(ramp.next() / ((l * l) / 2))));
      substituteRows(x, r, l, row, to);
      row = to;
      work.add(STEP_WORK);
      yield;
    }
  }
  return x;
}

/** G = Rᵀ R with R upper triangular, G slightly ridged so that it never fails. */
function cholesky(g: Float64Array, l: number): Float64Array {
  let trace = 0;
  for (let i = 0; i < l; i++) trace += g[i * l + i]!;
  const ridge = 1e-10 * (trace / l || 1);
  const r = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let s = g[i * l + j]! + (i === j ? ridge : 0);
      for (let t = 0; t < i; t++) s -= r[t * l + i]! * r[t * l + j]!;
      r[i * l + j] = i === j ? Math.sqrt(Math.max(s, ridge)) : s / r[i * l + i]!;
    }
  }
  return r;
}

function substituteRows(x: Float64Array, r: Float64Array, l: number, from: number, to: number): void {
  for (let row = from; row < to; row++) {
    const o = row * l;
    for (let j = 0; j < l; j++) {
      let s = x[o + j]!;
      for (let t = 0; t < j; t++) s -= x[o + t]! * r[t * l + j]!;
      x[o + j] = s / r[j * l + j]!;
    }
  }
}

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major l × l) of a symmetric matrix: cyclic Jacobi. */
function* symmetricEigen(a: Float64Array, l: number, work: WorkMeter): Generator<void, { values: number[]; vectors: Float64Array }, void> {
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < l; i++) for (let j = i + 1; j < l; j++) off += a[i * l + j]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < l; p++) {
      rotateRow(a, v, l, p);
      if (work.add(12 * l * (l - p))) yield;
    }
  }
  return { values: Array.from({ length: l }, (_, i) => a[i * l + i]!), vectors: v };
}

/** The Jacobi rotations of one row p of a sweep: zero a[p][q] for every q > p. */
function rotateRow(a: Float64Array, v: Float64Array, l: number, p: number): void {
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
