import { components, type Tokenizer } from '@orama/orama';
import { STOP_WORDS } from './stopWords.js';

// Orama's own English (Porter) stemmer, reached through its public tokenizer factory.
const porter = components.tokenizer.createTokenizer({ language: 'english', stemming: true }).stemmer!;

/** Longer runs are hashes, base64 or URLs' noise, never a word someone searches for. */
const MAX_WORD = 40;

/** Per UTF-16 code unit: 0 not yet known, 1 part of a word (letter, digit, mark), 2 not. */
const wordCharTable = new Uint8Array(65536);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function classify(c: number): number {
  // Surrogates (emoji, rare scripts) split words: task lines glue emoji to dates.
  const known = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
  wordCharTable[c] = known;
  return known;
}

function isWordChar(c: number): boolean {
  const known = wordCharTable[c]!;
  return (known === 0 ? classify(c) : known) === 1;
}

/** The index term of one lower-cased word, or '' when it is not one (stop word, too short, too long, a long number). */
export function termOf(word: string): string {
  if (word.length < 2 || word.length > MAX_WORD || STOP_WORDS.has(word) || /^\d{5,}$/.test(word)) return '';
  return porter(word);
}

/**
 * Terms as small integers, shared by every index of one TextIndex: postings and counts are
 * arrays indexed by term id. A word met again costs one probe of a hash table keyed by its raw
 * spelling, hashed while the text is scanned: no substring, no lower-casing, no stemming (a
 * 10,000-note vault has 2.7 million words and 19,000 spellings).
 */
export class Vocabulary {
  private readonly byTerm = new Map<string, number>();
  readonly terms: string[] = [];
  /**
   * Open addressing over spellings, four int32s a slot: hash, start of its characters in
   * `chars`, length (0: empty slot), term id. A hit reads one slot and the characters, both
   * contiguous: the look-up of every word of the vault stays in cache.
   */
  private slots = new Int32Array(4 << 12);
  private chars = new Uint16Array(1 << 15);
  private charsUsed = 0;
  private spellingCount = 0;

  /** Term id of a word as written, or -1 when it is not a term. */
  idOfWord(word: string): number {
    return this.idOfSpan(word, 0, word.length, hashOf(word));
  }

  /** Term id of `text[start, end)`, whose hash (FNV-1a of its code units) is `hash`; the slice is made only for a new spelling. */
  idOfSpan(text: string, start: number, end: number, hash: number): number {
    const known = this.spelled(text, start, end - start, hash);
    if (known !== UNKNOWN) return known;
    const word = text.slice(start, end);
    const lower = word.toLowerCase();
    // A spelling whose lower-cased form was met takes its id: "Word" after "word" is not stemmed again, and no Map of lower-cased words is kept.
    let id = lower === word ? UNKNOWN : this.spelled(lower, 0, lower.length, hashOf(lower));
    if (id === UNKNOWN) {
      const term = termOf(lower);
      id = term === '' ? -1 : this.idOfTerm(term);
    }
    this.addSpelling(text, start, end - start, hash, id);
    return id;
  }

  /** The term id of a known spelling, or UNKNOWN. */
  private spelled(text: string, start: number, length: number, hash: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    const chars = this.chars;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const o = slot << 2;
      const slotLength = slots[o + 2]!;
      if (slotLength === 0) return UNKNOWN;
      if (slots[o] !== hash || slotLength !== length) continue;
      const at = slots[o + 1]!;
      let i = 0;
      while (i < length && chars[at + i] === text.charCodeAt(start + i)) i++;
      if (i === length) return slots[o + 3]!;
    }
  }

  /** Term id of a stemmed term, created when new. */
  idOfTerm(term: string): number {
    let id = this.byTerm.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.byTerm.set(term, id);
    }
    return id;
  }

  get size(): number {
    return this.terms.length;
  }

  private addSpelling(text: string, start: number, length: number, hash: number, id: number): void {
    if (this.charsUsed + length > this.chars.length) {
      const grown = new Uint16Array(Math.max(this.chars.length * 2, this.charsUsed + length));
      grown.set(this.chars);
      this.chars = grown;
    }
    const at = this.charsUsed;
    for (let i = 0; i < length; i++) this.chars[at + i] = text.charCodeAt(start + i);
    this.charsUsed += length;
    this.spellingCount++;
    // Kept at most half full, so probes stay short.
    if (this.spellingCount * 2 > this.slots.length >> 2) {
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      for (let o = 0; o < old.length; o += 4) if (old[o + 2] !== 0) this.place(old[o]!, old[o + 1]!, old[o + 2]!, old[o + 3]!);
    }
    this.place(hash, at, length, id);
  }

  private place(hash: number, at: number, length: number, id: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 2) - 1;
    let slot = hash & mask;
    while (slots[(slot << 2) + 2] !== 0) slot = (slot + 1) & mask;
    const o = slot << 2;
    slots[o] = hash;
    slots[o + 1] = at;
    slots[o + 2] = length;
    slots[o + 3] = id;
  }
}

/** FNV-1a over UTF-16 code units. */
const HASH_SEED = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;
/** What Vocabulary.spelled returns for a spelling never met (-1 is a word that is no term). */
const UNKNOWN = -2;

function hashOf(word: string): number {
  let hash = HASH_SEED;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), HASH_PRIME);
  return hash;
}

/** Term ids (and where their words start) of one text, in reusable typed arrays: valid until the next scan. */
export interface TermScan {
  ids: Int32Array;
  starts: Int32Array;
  length: number;
}

const newScan = (): TermScan => ({ ids: new Int32Array(4096), starts: new Int32Array(4096), length: 0 });
/** What scanTerms fills by default; termIds has its own, so that it can run while a scan is still in use. */
const indexScratch = newScan();
const transientScratch = newScan();

/**
 * Scans `text` (or its range [from, to)) once: words are found, hashed and looked up in the
 * same loop (the hot path of indexing); `starts` are offsets in `text`. The result is a shared
 * scratch buffer, overwritten by the next call.
 */
export function scanTerms(text: string, vocabulary: Vocabulary, scratch: TermScan = indexScratch, from = 0, to = text.length): TermScan {
  const n = to;
  let ids = scratch.ids;
  let starts = scratch.starts;
  let count = 0;
  let i = from;
  while (i < n) {
    let c = text.charCodeAt(i);
    let kind = wordCharTable[c]!;
    if (kind === 0) kind = classify(c);
    if (kind !== 1) {
      i++;
      continue;
    }
    const start = i;
    let hash = HASH_SEED;
    do {
      hash = Math.imul(hash ^ c, HASH_PRIME);
      if (++i >= n) break;
      c = text.charCodeAt(i);
      kind = wordCharTable[c]!;
      if (kind === 0) kind = classify(c);
    } while (kind === 1);
    const id = vocabulary.idOfSpan(text, start, i, hash);
    if (id < 0) continue;
    if (count === ids.length) {
      scratch.ids = ids = grow(ids);
      scratch.starts = starts = grow(starts);
    }
    ids[count] = id;
    starts[count++] = start;
  }
  scratch.length = count;
  return scratch;
}

function grow(a: Int32Array): Int32Array {
  const out = new Int32Array(a.length * 2);
  out.set(a);
  return out;
}

/**
 * Calls `visit(start, end)` for every word of `text`: a run of letters, digits and combining
 * marks. Everything else (punctuation, markdown syntax, emoji) separates words.
 */
export function forEachWord(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < n && isWordChar(text.charCodeAt(i))) i++;
    visit(start, i);
  }
}

/**
 * Text → term ids, in order, duplicates kept (term frequency counts): split into words,
 * lower-cased, stop words dropped, Porter-stemmed. No prefixes and no fuzziness: `cell` is not
 * `cellular`.
 */
export function termIds(text: string, vocabulary: Vocabulary): number[] {
  const { ids, length } = scanTerms(text, vocabulary, transientScratch);
  return Array.from(ids.subarray(0, length));
}

/** Text → index terms as strings (for tests and explanations; the indexes use termIds). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  forEachWord(text, (start, end) => {
    const term = termOf(text.slice(start, end).toLowerCase());
    if (term !== '') out.push(term);
  });
  return out;
}

export interface WordSpan {
  /** Lower-cased, not stemmed. */
  word: string;
  start: number;
  end: number;
}

/** Every word of `text` with its UTF-16 offsets: what title mentions are matched on. */
export function wordSpans(text: string): WordSpan[] {
  const out: WordSpan[] = [];
  forEachWord(text, (start, end) => out.push({ word: text.slice(start, end).toLowerCase(), start, end }));
  return out;
}

/** The tokenizer component Orama is given (our index component tokenizes to term ids itself). */
export interface TermTokenizer extends Tokenizer {
  vocabulary: Vocabulary;
  /**
   * The value about to be inserted whose terms are already known (a section is a slice of its
   * note, tokenized once): the index component takes them instead of tokenizing again. One
   * slot, not a Map: a Map would hash every body, as long as the vault.
   */
  prepared: { value: string | null; terms: ArrayLike<number> };
}

export function oramaTokenizer(vocabulary: Vocabulary): TermTokenizer {
  return {
    language: 'english',
    normalizationCache: new Map(),
    tokenize: (raw: string) => tokenize(raw),
    vocabulary,
    prepared: { value: null, terms: [] },
  };
}
