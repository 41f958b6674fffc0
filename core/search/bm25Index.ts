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

/** The inverted index of one string property; terms and documents are small integers. */
export class FieldIndex {
  /** Term id → postings of the documents holding it (see TF_SCALE). */
  private readonly lists: number[][] = [];
  /** `${term}:${id}` → tf, for tfs of TF_CAP or more. */
  private readonly largeTfs = new Map<string, number>();
  /** Internal document id → number of terms of this property, -1 when absent. */
  private readonly lengths: number[] = [];
  private docs = 0;
  private totalLength = 0;
  /** Scratch counts per term id, reset after each document. */
  private counts = new Int32Array(1024);

  get docCount(): number {
    return this.docs;
  }

  get averageLength(): number {
    return this.docs === 0 ? 0 : this.totalLength / this.docs;
  }

  has(id: number): boolean {
    return (this.lengths[id] ?? -1) >= 0;
  }

  lengthOf(id: number): number {
    return this.lengths[id] ?? -1;
  }

  /** How many documents hold the term. */
  documentFrequency(term: number): number {
    return this.lists[term]?.length ?? 0;
  }

  /** Robertson–Spärck Jones IDF with Lucene's +1, so that it is never negative. */
  idf(term: number): number {
    const n = this.documentFrequency(term);
    return Math.log(1 + (this.docs - n + 0.5) / (n + 0.5));
  }

  add(id: number, terms: readonly number[]): void {
    if (this.has(id)) this.remove(id, terms);
    while (this.lengths.length <= id) this.lengths.push(-1);
    this.lengths[id] = terms.length;
    this.docs++;
    this.totalLength += terms.length;
    let counts = this.counts;
    const distinct: number[] = [];
    for (const t of terms) {
      if (t >= counts.length) {
        const grown = new Int32Array(Math.max(t + 1, counts.length * 2));
        grown.set(counts);
        this.counts = counts = grown;
      }
      const seen = counts[t]!;
      counts[t] = seen + 1;
      if (seen === 0) distinct.push(t);
    }
    for (const t of distinct) {
      while (this.lists.length <= t) this.lists.push([]);
      const tf = counts[t]!;
      if (tf >= TF_CAP) this.largeTfs.set(`${t}:${id}`, tf);
      this.lists[t]!.push(id * TF_SCALE + Math.min(tf, TF_CAP));
      counts[t] = 0;
    }
  }

  /** `terms` must be what the document was added with (Orama hands back the stored value). */
  remove(id: number, terms: readonly number[]): void {
    if (!this.has(id)) return;
    this.docs--;
    this.totalLength -= this.lengths[id]!;
    this.lengths[id] = -1;
    const counts = new Map<number, number>();
    for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const [t, tf] of counts) {
      const list = this.lists[t];
      if (!list) continue;
      // The exact posting is known, so the engine's own lastIndexOf finds it (recent ones first).
      const at = list.lastIndexOf(id * TF_SCALE + Math.min(tf, TF_CAP));
      if (at < 0) continue;
      if (tf >= TF_CAP) this.largeTfs.delete(`${t}:${id}`);
      // Order inside a postings list carries no meaning: move the last one into the gap.
      list[at] = list[list.length - 1]!;
      list.pop();
    }
  }

  /**
   * Adds `weight` × BM25(term, d) to `scores[d]` for every document d holding the term:
   * idf · tf·(k1+1) / (tf + k1·(1 − b + b·|d|/avgdl)). `touched` collects each d once.
   */
  accumulate(term: number, weight: number, scores: Float64Array, touched: number[], k1 = BM25_K1, b = BM25_B): void {
    const list = this.lists[term];
    if (!list || list.length === 0) return;
    const idf = this.idf(term) * weight;
    const avg = this.averageLength || 1;
    const lengths = this.lengths;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      const id = Math.floor(entry / TF_SCALE);
      let tf = entry - id * TF_SCALE;
      if (tf === TF_CAP) tf = this.largeTfs.get(`${term}:${id}`)!;
      const norm = k1 * (1 - b + (b * lengths[id]!) / avg);
      if (scores[id] === 0) touched.push(id);
      scores[id]! += (idf * tf * (k1 + 1)) / (tf + norm);
    }
  }

  /** Calls `visit(id, tf)` for every document holding the term. */
  forEachPosting(term: number, visit: (id: number, tf: number) => void): void {
    const list = this.lists[term];
    if (!list) return;
    for (const entry of list) {
      const id = Math.floor(entry / TF_SCALE);
      const tf = entry - id * TF_SCALE;
      visit(id, tf === TF_CAP ? this.largeTfs.get(`${term}:${id}`)! : tf);
    }
  }

  /** The largest internal id seen, for sizing score arrays. */
  get idLimit(): number {
    return this.lengths.length;
  }
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

function termsOfValue(value: SearchableValue, tokenizer: Tokenizer): number[] {
  const terms = termTokenizer(tokenizer);
  const vocabulary = terms.vocabulary;
  if (typeof value === 'string') {
    const prepared = terms.prepared.get(value);
    if (prepared) {
      terms.prepared.delete(value);
      return prepared;
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
