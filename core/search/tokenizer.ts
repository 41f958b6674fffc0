import { components, type Tokenizer } from '@orama/orama';
import { STOP_WORDS } from './stopWords.js';

// Orama's own English (Porter) stemmer, reached through its public tokenizer factory.
const porter = components.tokenizer.createTokenizer({ language: 'english', stemming: true }).stemmer!;

/** Longer runs are hashes, base64 or URLs' noise, never a word someone searches for. */
const MAX_WORD = 40;

/** Per UTF-16 code unit: 0 not yet known, 1 part of a word (letter, digit, mark), 2 not. */
const wordCharTable = new Uint8Array(65536);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isWordChar(c: number): boolean {
  let known = wordCharTable[c]!;
  if (known === 0) {
    // Surrogates (emoji, rare scripts) split words: task lines glue emoji to dates.
    known = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    wordCharTable[c] = known;
  }
  return known === 1;
}

/** The index term of one lower-cased word, or '' when it is not one (stop word, too short, too long, a long number). */
export function termOf(word: string): string {
  if (word.length < 2 || word.length > MAX_WORD || STOP_WORDS.has(word) || /^\d{5,}$/.test(word)) return '';
  return porter(word);
}

/**
 * Terms as small integers, shared by every index of one TextIndex: postings and counts are
 * arrays indexed by term id, and a word met again costs one Map look-up of its raw spelling
 * (no lower-casing, no stemming).
 */
export class Vocabulary {
  private readonly byWord = new Map<string, number>();
  private readonly byTerm = new Map<string, number>();
  readonly terms: string[] = [];

  /** Term id of a word as written, or -1 when it is not a term. */
  idOfWord(word: string): number {
    const known = this.byWord.get(word);
    if (known !== undefined) return known;
    const term = termOf(word.toLowerCase());
    const id = term === '' ? -1 : this.idOfTerm(term);
    this.byWord.set(word, id);
    return id;
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

  /** Term id of a stemmed term, or -1 when no document ever had it. */
  lookup(term: string): number {
    return this.byTerm.get(term) ?? -1;
  }

  get size(): number {
    return this.terms.length;
  }
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
  const out: number[] = [];
  forEachWord(text, (start, end) => {
    const id = vocabulary.idOfWord(text.slice(start, end));
    if (id >= 0) out.push(id);
  });
  return out;
}

/** termIds, plus where each term's word starts in `text` (for cutting a note's terms into sections). */
export function termIdsWithStarts(text: string, vocabulary: Vocabulary): { ids: number[]; starts: number[] } {
  const ids: number[] = [];
  const starts: number[] = [];
  forEachWord(text, (start, end) => {
    const id = vocabulary.idOfWord(text.slice(start, end));
    if (id >= 0) {
      ids.push(id);
      starts.push(start);
    }
  });
  return { ids, starts };
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
   * Values whose terms are already known (a section is a slice of its note, tokenized once):
   * the index component takes them from here instead of tokenizing again.
   */
  prepared: Map<string, number[]>;
}

export function oramaTokenizer(vocabulary: Vocabulary): TermTokenizer {
  return {
    language: 'english',
    normalizationCache: new Map(),
    tokenize: (raw: string) => tokenize(raw),
    vocabulary,
    prepared: new Map(),
  };
}
