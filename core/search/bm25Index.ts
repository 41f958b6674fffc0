import type { AnyIndexStore, BM25Params, IIndex, SearchableType, SearchableValue, TokenScore, Tokenizer } from '@orama/orama';
import { type TermTokenizer, termIds, type Vocabulary } from './tokenizer.js';

/** k1 and b of Robertson's BM25, as Lucene and most textbooks set them. */
export const BM25_K1 = 1.2;
export const BM25_B = 0.75;

/**
 * A posting is one number, id × 1024 + tf (half the memory of two arrays): a tf of 1023 or more
 * is stored as 1023 with the real value in a side map, so scores stay exact.
 */
const TF_SCALE = 1024;
const TF_CAP = TF_SCALE - 1;
/** Pending postings' buffer kept between flushes (larger ones, from a whole vault, are dropped). */
const PENDING_KEPT = 4096;
/** Pending postings that trigger a flush (one is then ~5–10 ms at 50k notes, whoever's step it falls in). */
const FLUSH_AT = 1 << 17;
/**
 * Postings a page holds: a quarter of the field's postings, within these bounds (a list larger
 * than that gets a page of its own size). Moving a page's lists elsewhere is one step of a few ms.
 */
const PAGE_MIN = 1 << 12;
const PAGE_MAX = 1 << 20;
/** Room left behind that writes tolerate, as a share of the lists' room (plus a small page). */
const WASTE_TOLERATED = 0.5;
/** Room beyond the postings (plus a small page) under which packSteps() finds the lists packed enough. */
const PACKED_SLACK = 0.25;
const EMPTY_PAGE = new Int32Array(0);

/**
 * The inverted index of one string property; terms and documents are small integers. Without
 * postings (`keepsPostings` false) it keeps only BM25's statistics (document frequencies,
 * document count, total length): documents are counted and uncounted by their terms, no id.
 */
export class FieldIndex {
  /**
   * Every term's postings (see TF_SCALE) in typed-array pages, so the collector never walks them
   * and no list costs an object (a view each held ~3.5 MB at 13k notes): term t's are
   * pages[pageOf[t]][starts[t] … starts[t] + sizes[t]), with room for rooms[t]. A list that
   * outgrows its room moves to the open page's free end; a full open page is followed by a new
   * one. Nothing ever copies every list at once: room left behind is reclaimed a page at a time
   * (`reclaimSome`, after a flush), and packSteps() packs the lists tight a page a step.
   */
  private pages: Int32Array[] = [];
  /** Room of the lists that live in each page; a page where none does is freed. */
  private pageLive: number[] = [];
  private readonly freePages: number[] = [];
  /** The page rooms are taken from (-1: none yet), and where its free end starts. */
  private open = -1;
  private openUsed = 0;
  /** Σ pages' lengths and Σ lists' rooms. */
  private held = 0;
  private live = 0;
  private pageOf = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private rooms = new Int32Array(1024);
  /** Postings per term: each list's length, or the document frequency without postings. */
  private sizes = new Int32Array(1024);
  private postingCount = 0;
  /** `${term}:${id}` → tf, for tfs of TF_CAP or more. */
  private readonly largeTfs = new Map<string, number>();
  /** Internal document id → number of terms of this property, -1 when absent. */
  private readonly lengths: number[] = [];
  private docs = 0;
  private totalLength = 0;
  /** Scratch counts per term id, reset after each document. */
  private counts = new Int32Array(1024);
  /** Postings added since the lists were last read (term, posting), appended on the next read. */
  private pendingTerms = new Int32Array(PENDING_KEPT);
  private pendingPostings = new Int32Array(PENDING_KEPT);
  private pendingCount = 0;
  /** Scratch: the distinct terms of the document being added. */
  private distinct = new Int32Array(1024);

  constructor(readonly keepsPostings = true) {}

  get docCount(): number {
    return this.docs;
  }

  get averageLength(): number {
    return this.docs === 0 ? 0 : this.totalLength / this.docs;
  }

  has(id: number): boolean {
    return (this.lengths[id] ?? -1) >= 0;
  }

  /** Postings held, and the room their pages take (in postings): after packSteps(), room ≤ 1.25 × postings + a small page. */
  get footprint(): { postings: number; room: number } {
    this.readable();
    return { postings: this.postingCount, room: this.held };
  }

  /** How many documents hold the term. */
  documentFrequency(term: number): number {
    if (this.pendingCount > 0) this.flush();
    return term < this.sizes.length ? this.sizes[term]! : 0;
  }

  /** Robertson–Spärck Jones IDF with Lucene's +1, so that it is never negative. */
  idf(term: number): number {
    const n = this.documentFrequency(term);
    return Math.log(1 + (this.docs - n + 0.5) / (n + 0.5));
  }

  add(id: number, terms: ArrayLike<number>): void {
    if (!this.keepsPostings) throw new Error('A field without postings counts documents (count), it does not add them.');
    if (this.has(id)) this.remove(id, terms);
    while (this.lengths.length <= id) this.lengths.push(-1);
    const n = terms.length;
    this.lengths[id] = n;
    this.docs++;
    this.totalLength += n;
    const d = this.collectDistinct(terms);
    const counts = this.counts;
    const distinct = this.distinct;
    if (this.pendingCount + d > this.pendingTerms.length) this.growPending(this.pendingCount + d);
    const pendingTerms = this.pendingTerms;
    const pendingPostings = this.pendingPostings;
    let p = this.pendingCount;
    const base = id * TF_SCALE;
    for (let i = 0; i < d; i++) {
      const t = distinct[i]!;
      const tf = counts[t]!;
      if (tf >= TF_CAP) this.largeTfs.set(`${t}:${id}`, tf);
      pendingTerms[p] = t;
      pendingPostings[p++] = base + (tf < TF_CAP ? tf : TF_CAP);
      counts[t] = 0;
    }
    this.pendingCount = p;
    if (p >= FLUSH_AT) this.flush();
  }

  /** Without postings: one more document holds these terms (nothing is kept per document). */
  count(terms: ArrayLike<number>): void {
    this.countOrUncount(terms, 1);
  }

  /** Without postings: the document counted with these terms is gone. */
  uncount(terms: ArrayLike<number>): void {
    this.countOrUncount(terms, -1);
  }

  private countOrUncount(terms: ArrayLike<number>, delta: 1 | -1): void {
    if (this.keepsPostings) throw new Error('A field with postings adds and removes documents by id.');
    this.docs += delta;
    this.totalLength += delta * terms.length;
    this.countDocument(this.distinct, this.collectDistinct(terms), delta);
  }

  /** Fills `distinct` with the document's distinct terms and `counts` with their tfs; how many. */
  private collectDistinct(terms: ArrayLike<number>): number {
    let counts = this.counts;
    let distinct = this.distinct;
    let d = 0;
    for (let i = 0; i < terms.length; i++) {
      const t = terms[i]!;
      if (t >= counts.length) {
        const grown = new Int32Array(Math.max(t + 1, counts.length * 2));
        grown.set(counts);
        this.counts = counts = grown;
      }
      const seen = counts[t]!;
      counts[t] = seen + 1;
      if (seen === 0) {
        if (d === distinct.length) {
          const grown = new Int32Array(distinct.length * 2);
          grown.set(distinct);
          this.distinct = distinct = grown;
        }
        distinct[d++] = t;
      }
    }
    return d;
  }

  /** Adds `delta` to the document frequency of the first `d` terms of `distinct` (and resets their counts). */
  private countDocument(distinct: Int32Array, d: number, delta: number): void {
    const counts = this.counts;
    let maxTerm = -1;
    for (let i = 0; i < d; i++) if (distinct[i]! > maxTerm) maxTerm = distinct[i]!;
    this.growTerms(maxTerm);
    const sizes = this.sizes;
    for (let i = 0; i < d; i++) {
      const t = distinct[i]!;
      sizes[t]! += delta;
      counts[t] = 0;
    }
  }

  /**
   * Every pending posting in place and no large pending buffer kept: what every read does first
   * (public so that a caller working in steps can take that cost in a step of its own).
   */
  readable(): void {
    if (this.pendingCount > 0) this.flush();
    if (this.pendingTerms.length > PENDING_KEPT) {
      this.pendingTerms = new Int32Array(PENDING_KEPT);
      this.pendingPostings = new Int32Array(PENDING_KEPT);
    }
  }

  /**
   * Packs the lists tight (no room to grow, none left behind: what a vault's bulk of writes
   * leaves loose), a page a step (a few ms); reads and writes may run between steps.
   */
  *packSteps(): Generator<void, void, void> {
    this.readable();
    if (this.held <= this.postingCount * (1 + PACKED_SLACK) + PAGE_MIN) return;
    const pages = this.pages.filter((page) => page !== EMPTY_PAGE);
    // Packed lists go to new pages, not after the loose ones of the open page.
    this.closeOpenPage();
    for (const page of pages) {
      yield;
      const p = this.pages.indexOf(page);
      if (p < 0) continue;
      if (p === this.open) this.closeOpenPage();
      this.vacate(p, true);
    }
  }

  /** Makes the per-term arrays hold term `maxTerm`. */
  private growTerms(maxTerm: number): void {
    if (maxTerm < this.sizes.length) return;
    const length = Math.max(maxTerm + 1, this.sizes.length * 2);
    const grow = (a: Int32Array) => {
      const grown = new Int32Array(length);
      grown.set(a);
      return grown;
    };
    this.sizes = grow(this.sizes);
    if (!this.keepsPostings) return;
    this.pageOf = grow(this.pageOf);
    this.starts = grow(this.starts);
    this.rooms = grow(this.rooms);
  }

  /** Moves term t's list to `room` of room at the open page's free end (a new page when it is full). */
  private move(t: number, room: number): void {
    const size = this.sizes[t]!;
    const oldPage = this.pageOf[t]!;
    const oldRoom = this.rooms[t]!;
    if (room === 0) {
      // An empty list packed: it needs no page (reads look at its size first).
      this.pageOf[t] = -1;
      this.starts[t] = 0;
    } else {
      if (this.open < 0 || this.openUsed + room > this.pages[this.open]!.length) this.openPage(room);
      const start = this.openUsed;
      this.openUsed += room;
      this.pageLive[this.open]! += room;
      this.live += room;
      if (size > 0) copyList(this.pages[oldPage]!, this.starts[t]!, this.pages[this.open]!, start, size);
      this.pageOf[t] = this.open;
      this.starts[t] = start;
    }
    this.rooms[t] = room;
    // After the copy: the old page may be freed now.
    if (oldRoom > 0) {
      this.pageLive[oldPage]! -= oldRoom;
      this.live -= oldRoom;
      if (this.pageLive[oldPage] === 0 && oldPage !== this.open) this.freePage(oldPage);
    }
  }

  /** A new open page with room for at least `room`: a quarter of the postings, within PAGE_MIN … PAGE_MAX. */
  private openPage(room: number): void {
    this.closeOpenPage();
    const length = Math.max(room, Math.min(PAGE_MAX, Math.max(PAGE_MIN, this.postingCount >> 2)));
    const p = this.freePages.pop() ?? this.pages.length;
    this.pages[p] = new Int32Array(length);
    this.pageLive[p] = 0;
    this.held += length;
    this.open = p;
    this.openUsed = 0;
  }

  /** No page is open: the next room is taken from a new one (the old one is freed if nothing lives there). */
  private closeOpenPage(): void {
    const p = this.open;
    this.open = -1;
    if (p >= 0 && this.pageLive[p] === 0) this.freePage(p);
  }

  private freePage(p: number): void {
    this.held -= this.pages[p]!.length;
    this.pages[p] = EMPTY_PAGE;
    this.pageLive[p] = 0;
    this.freePages.push(p);
  }

  /** Moves every list of page p to the open page (each with its room, or `tight`ly: room for what it holds) and frees p; the postings copied. */
  private vacate(p: number, tight: boolean): number {
    const { pageOf, rooms, sizes } = this;
    let copied = 0;
    for (let t = 0; t < sizes.length; t++) {
      if (pageOf[t] !== p || rooms[t] === 0) continue;
      copied += sizes[t]!;
      this.move(t, tight ? sizes[t]! : rooms[t]!);
    }
    if (this.pages[p] !== EMPTY_PAGE && p !== this.open) this.freePage(p);
    return copied;
  }

  /**
   * Reclaims room left behind by lists that moved, when it is more than WASTE_TOLERATED of the
   * lists' room: the pages with most of it are vacated, about a page's worth of copying at most.
   */
  private reclaimSome(): void {
    for (let copied = 0; copied < PAGE_MAX; ) {
      const openFree = this.open < 0 ? 0 : this.pages[this.open]!.length - this.openUsed;
      if (this.held - this.live - openFree <= this.live * WASTE_TOLERATED + PAGE_MIN) return;
      let worst = -1;
      let most = 0;
      for (let p = 0; p < this.pages.length; p++) {
        const waste = this.pages[p]!.length - this.pageLive[p]!;
        if (p !== this.open && this.pages[p] !== EMPTY_PAGE && waste > most) {
          worst = p;
          most = waste;
        }
      }
      if (worst < 0) return;
      copied += this.vacate(worst, false);
    }
  }

  /**
   * Appends the pending postings term by term (in the order they were added): one list at a
   * time instead of a scattered push per posting, which is most of what indexing a vault costs.
   */
  private flush(): void {
    const count = this.pendingCount;
    const terms = this.pendingTerms;
    const postings = this.pendingPostings;
    let maxTerm = 0;
    for (let i = 0; i < count; i++) if (terms[i]! > maxTerm) maxTerm = terms[i]!;
    this.growTerms(maxTerm);
    // Read after growTerms, which may replace them; moves change only their values.
    const { sizes, starts, rooms } = this;
    // Postings grouped by term, in the order they were added: groups[g] holds groupTerms[g]'s
    // postings sorted[groupStart[g] … groupStart[g + 1]).
    const groups = count * 4 < maxTerm ? groupBySort(terms, postings, count) : groupByCounting(terms, postings, count, maxTerm);
    const { groupTerms, groupStart, sorted } = groups;
    // Lists that outgrow their room move to the open page, with half as much room again.
    for (let g = 0; g < groupTerms.length; g++) {
      const t = groupTerms[g]!;
      const from = groupStart[g]!;
      const to = groupStart[g + 1]!;
      const size = sizes[t]!;
      if (size + to - from > rooms[t]!) this.move(t, roomFor(size, to - from));
      copyList(sorted, from, this.pages[this.pageOf[t]!]!, starts[t]! + size, to - from);
      sizes[t] = size + to - from;
    }
    this.pendingCount = 0;
    this.postingCount += count;
    this.reclaimSome();
  }

  private growPending(needed: number): void {
    const size = Math.max(needed, this.pendingTerms.length * 2);
    const terms = new Int32Array(size);
    terms.set(this.pendingTerms.subarray(0, this.pendingCount));
    const postings = new Int32Array(size);
    postings.set(this.pendingPostings.subarray(0, this.pendingCount));
    this.pendingTerms = terms;
    this.pendingPostings = postings;
  }

  /** `terms` must be what the document was added with (Orama hands back the stored value). */
  remove(id: number, terms: ArrayLike<number>): void {
    if (!this.has(id)) return;
    this.docs--;
    this.totalLength -= this.lengths[id]!;
    this.lengths[id] = -1;
    const counts = new Map<number, number>();
    for (let i = 0; i < terms.length; i++) counts.set(terms[i]!, (counts.get(terms[i]!) ?? 0) + 1);
    this.readable();
    for (const [t, tf] of counts) {
      const size = t < this.sizes.length ? this.sizes[t]! : 0;
      if (size === 0) continue;
      const arena = this.pages[this.pageOf[t]!]!;
      const start = this.starts[t]!;
      // The exact posting is known, so the engine's own lastIndexOf finds it (recent ones first).
      const at = arena.lastIndexOf(id * TF_SCALE + Math.min(tf, TF_CAP), start + size - 1);
      if (at < start) continue;
      if (tf >= TF_CAP) this.largeTfs.delete(`${t}:${id}`);
      // Order inside a postings list carries no meaning: move the last one into the gap.
      arena[at] = arena[start + size - 1]!;
      this.sizes[t] = size - 1;
      this.postingCount--;
    }
  }

  /**
   * Adds `weight` × BM25(term, d) to `scores[d]` for every document d holding the term:
   * idf · tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl)). `touched` collects each d once.
   */
  accumulate(term: number, weight: number, scores: Float64Array, touched: number[], k1 = BM25_K1, b = BM25_B): void {
    if (!this.keepsPostings) throw new Error('This field keeps statistics only, not postings: it cannot be searched.');
    this.readable();
    const size = this.sizes[term] ?? 0;
    if (size === 0) return;
    const idf = this.idf(term) * weight;
    const avg = this.averageLength || 1;
    const lengths = this.lengths;
    const arena = this.pages[this.pageOf[term]!]!;
    const start = this.starts[term]!;
    for (let i = start; i < start + size; i++) {
      const entry = arena[i]!;
      const id = Math.floor(entry / TF_SCALE);
      let tf = entry - id * TF_SCALE;
      if (tf === TF_CAP) tf = this.largeTfs.get(`${term}:${id}`)!;
      const norm = k1 * (1 - b + (b * lengths[id]!) / avg);
      if (scores[id] === 0) touched.push(id);
      scores[id]! += (idf * tf * (k1 + 1)) / (tf + norm);
    }
  }

  /** Writes the ids and tfs of the documents holding the term into `ids` and `tfs` (each at least documentFrequency long); their count. */
  copyPostings(term: number, ids: Int32Array, tfs: Int32Array): number {
    if (!this.keepsPostings) throw new Error('This field keeps statistics only, not postings.');
    this.readable();
    const size = this.sizes[term] ?? 0;
    if (size === 0) return 0;
    const arena = this.pages[this.pageOf[term]!]!;
    const start = this.starts[term]!;
    for (let i = 0; i < size; i++) {
      const entry = arena[start + i]!;
      const id = (entry / TF_SCALE) | 0;
      const tf = entry - id * TF_SCALE;
      ids[i] = id;
      tfs[i] = tf === TF_CAP ? this.largeTfs.get(`${term}:${id}`)! : tf;
    }
    return size;
  }

  /** The largest internal id seen, for sizing score arrays. */
  get idLimit(): number {
    return this.lengths.length;
  }
}

interface PostingGroups {
  groupTerms: Int32Array;
  groupStart: Int32Array;
  sorted: Int32Array;
}

/** Many postings (a vault being indexed): a counting sort over the term range. */
function groupByCounting(terms: Int32Array, postings: Int32Array, count: number, maxTerm: number): PostingGroups {
  const starts = new Int32Array(maxTerm + 2);
  for (let i = 0; i < count; i++) starts[terms[i]! + 1]!++;
  let groups = 0;
  for (let t = 0; t <= maxTerm; t++) if (starts[t + 1]! > 0) groups++;
  const groupTerms = new Int32Array(groups);
  const groupStart = new Int32Array(groups + 1);
  let g = 0;
  for (let t = 0; t <= maxTerm; t++) {
    if (starts[t + 1]! > 0) groupTerms[g++] = t;
    starts[t + 1]! += starts[t]!;
  }
  for (let k = 0; k < groups; k++) groupStart[k + 1] = starts[groupTerms[k]! + 1]!;
  const sorted = new Int32Array(count);
  const next = starts.slice(0, maxTerm + 1);
  for (let i = 0; i < count; i++) sorted[next[terms[i]!]!++] = postings[i]!;
  return { groupTerms, groupStart, sorted };
}

/** Copies `size` postings between arrays (a loop for the many short lists: a view per copy costs more). */
function copyList(from: Int32Array, fromStart: number, to: Int32Array, toStart: number, size: number): void {
  if (size > 64) to.set(from.subarray(fromStart, fromStart + size), toStart);
  else for (let i = 0; i < size; i++) to[toStart + i] = from[fromStart + i]!;
}

/** Room for a list of `size` postings getting `added` more: exact when new, half as much again when it grows. */
function roomFor(size: number, added: number): number {
  return size === 0 ? added : Math.max(size + added, size + (size >> 1));
}

/** Few postings (one note changed): a comparison sort, costing nothing per term of the vocabulary. */
function groupBySort(terms: Int32Array, postings: Int32Array, count: number): PostingGroups {
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => terms[a]! - terms[b]! || a - b);
  const sorted = new Int32Array(count);
  const groupTermList: number[] = [];
  const groupStartList: number[] = [];
  for (let k = 0; k < count; k++) {
    const i = order[k]!;
    sorted[k] = postings[i]!;
    if (k === 0 || terms[i] !== terms[order[k - 1]!]) {
      groupTermList.push(terms[i]!);
      groupStartList.push(k);
    }
  }
  groupStartList.push(count);
  return { groupTerms: Int32Array.from(groupTermList), groupStart: Int32Array.from(groupStartList), sorted };
}

/** What Orama keeps as `orama.data.index` with this component. */
export interface Bm25Store extends AnyIndexStore {
  properties: string[];
  types: Record<string, SearchableType>;
  fields: Record<string, FieldIndex>;
}

/** Query terms (ids) with weights: 1 each for a typed query, tf-idf weights for "more like this". */
export type WeightedTerms = ReadonlyMap<number, number>;

/** Dense scores by internal id, and the ids that scored (each once). */
export interface ScoreSheet {
  scores: Float64Array;
  touched: number[];
}

/** Sums BM25 over properties (each times its boost) for weighted query terms: internal id → score. */
export function scoreTerms(
  store: Bm25Store,
  terms: WeightedTerms,
  boost: Readonly<Record<string, number>> = {},
  relevance: BM25Params = {},
  properties: readonly string[] = store.properties,
): Map<number, number> {
  const { scores, touched } = scoreSheet(store, terms, boost, relevance, properties);
  const out = new Map<number, number>();
  for (const id of touched) out.set(id, scores[id]!);
  return out;
}

/** scoreTerms without building a Map: what ranking over thousands of matches uses. */
export function scoreSheet(
  store: Bm25Store,
  terms: WeightedTerms,
  boost: Readonly<Record<string, number>> = {},
  relevance: BM25Params = {},
  properties: readonly string[] = store.properties,
): ScoreSheet {
  const fields = properties.map((p) => store.fields[p]).filter((f): f is FieldIndex => f !== undefined);
  const scores = new Float64Array(Math.max(0, ...fields.map((f) => f.idLimit)) + 1);
  const touched: number[] = [];
  for (const prop of properties) {
    const field = store.fields[prop];
    if (!field) continue;
    const propBoost = boost[prop] ?? 1;
    for (const [term, weight] of terms) field.accumulate(term, weight * propBoost, scores, touched, relevance.k ?? BM25_K1, relevance.b ?? BM25_B);
  }
  return { scores, touched };
}

/**
 * The `k` best of `ids` by `scores` that `keep` accepts, best first: a threshold from a typed
 * sort of the scores, then an exact sort of the few above it.
 */
export function topIds(ids: readonly number[], scores: ArrayLike<number>, k: number, keep: (id: number) => boolean): number[] {
  if (ids.length === 0 || k <= 0) return [];
  let threshold = -Infinity;
  if (ids.length > 4 * k) {
    const values = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) values[i] = scores[ids[i]!]!;
    // Some of the best may be excluded: keep twice as many as asked above the threshold.
    threshold = kthLargest(values, 2 * k);
  }
  const above: number[] = [];
  for (const id of ids) if (scores[id]! >= threshold && keep(id)) above.push(id);
  if (above.length < k && threshold !== -Infinity) return exhaustive(ids, scores, k, keep);
  return above.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
}

/** The k-th largest value (1-based) by quickselect; reorders `values`. */
function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}

function exhaustive(ids: readonly number[], scores: ArrayLike<number>, k: number, keep: (id: number) => boolean): number[] {
  return ids.filter(keep).sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
}

function termTokenizer(tokenizer: Tokenizer): TermTokenizer {
  if (!('vocabulary' in tokenizer)) throw new Error('The BM25 index component needs the tokenizer component of core/search/tokenizer.ts.');
  return tokenizer as TermTokenizer;
}

function vocabularyOf(tokenizer: Tokenizer): Vocabulary {
  return termTokenizer(tokenizer).vocabulary;
}

function termsOfValue(value: SearchableValue, tokenizer: Tokenizer): ArrayLike<number> {
  const terms = termTokenizer(tokenizer);
  const vocabulary = terms.vocabulary;
  if (typeof value === 'string') {
    const prepared = terms.prepared;
    // Usually the very string set (compared by reference first): no hashing, no scan.
    if (prepared.value === value) {
      prepared.value = null;
      return prepared.terms;
    }
    return termIds(value, vocabulary);
  }
  if (Array.isArray(value)) return value.flatMap((v) => (typeof v === 'string' ? termIds(v, vocabulary) : []));
  return [];
}

/** Query text → distinct term ids (weight 1 each); words no document has are dropped. */
export function queryTerms(text: string, vocabulary: Vocabulary): Map<number, number> {
  const out = new Map<number, number>();
  for (const id of termIds(text, vocabulary)) out.set(id, 1);
  return out;
}

function unsupported(what: string): never {
  throw new Error(`The search index does not support ${what}: it is rebuilt from the notes, never filtered, saved or loaded.`);
}

/**
 * Orama's index component, replaced: a plain inverted index per string property with term
 * frequencies and document lengths, scored with textbook BM25. Orama's own index matches query
 * terms as prefixes, counts a term's document frequency once per occurrence, divides tf by the
 * document length before BM25 and adds BM25+'s delta; its per-document bookkeeping is quadratic
 * in the document's length, which is where its 300–800 documents a second go.
 * `exact`, `tolerance` and `threshold` are ignored: there is no prefix or fuzzy matching to turn
 * off, and every document holding any query term is returned. BM25+'s `d` is not used.
 */
export function createBm25Index(): IIndex<Bm25Store> {
  return {
    create(_orama, _ids, schema) {
      const store: Bm25Store = { vectorIndexes: {}, properties: [], types: {}, fields: {} };
      for (const [prop, type] of Object.entries(schema as Record<string, unknown>)) {
        if (type !== 'string' && type !== 'string[]') throw new Error(`The search index holds only strings; '${prop}' is ${String(type)}.`);
        store.properties.push(prop);
        store.types[prop] = type;
        store.fields[prop] = new FieldIndex();
      }
      return store;
    },
    insert(_impl, index, prop, _id, internalId, value, _type, _language, tokenizer) {
      index.fields[prop]!.add(internalId, termsOfValue(value, tokenizer));
    },
    remove(_impl, index, prop, _id, internalId, value, _type, _language, tokenizer) {
      index.fields[prop]!.remove(internalId, termsOfValue(value, tokenizer));
      return true;
    },
    search(index, term, tokenizer, _language, properties, _exact, _tolerance, boost, relevance): TokenScore[] {
      const scores = scoreTerms(index as Bm25Store, queryTerms(term, vocabularyOf(tokenizer)), boost as Record<string, number>, relevance, properties);
      return [...scores].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    },
    // Orama calls these only from its own insert and scoring, which this component replaces.
    insertDocumentScoreParameters: () => unsupported('Orama’s score parameters'),
    insertTokenScoreParameters: () => unsupported('Orama’s score parameters'),
    removeDocumentScoreParameters: () => unsupported('Orama’s score parameters'),
    removeTokenScoreParameters: () => unsupported('Orama’s score parameters'),
    calculateResultScores: () => unsupported('Orama’s score parameters'),
    searchByWhereClause: () => unsupported('where filters'),
    getSearchableProperties: (index) => index.properties,
    getSearchablePropertiesWithTypes: (index) => index.types,
    load: () => unsupported('load'),
    save: () => unsupported('save'),
  };
}
