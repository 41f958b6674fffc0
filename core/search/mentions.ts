import { type WordSpan, wordSpans } from './tokenizer.js';
import { STOP_WORDS } from './stopWords.js';

/** A note's name found in a text: the phrase that could become a link. */
export interface Mention {
  path: string;
  /** The name as the note gives it (file name, alias or title). */
  name: string;
  /** UTF-16 offsets of the phrase in the text. */
  start: number;
  end: number;
  /** Number of words in the phrase. */
  words: number;
}

/** One name of a note; its words, lower-cased, are kept as one string (`key`, joined by spaces): no array of strings per name. */
interface Name {
  path: string;
  name: string;
  key: string;
  words: number;
}

/**
 * Single words that are too common to be a mention on their own (a note named `Index`, `Go`,
 * `2024`): a name must have two words, or one word of three or more letters that is not a stop word
 * and not a number.
 */
function isSpecific(words: readonly string[]): boolean {
  if (words.every((w) => /^\d+$/.test(w))) return false;
  if (words.length > 1) return true;
  const word = words[0]!;
  return word.length >= 3 && !STOP_WORDS.has(word);
}

/**
 * Every note's names (file name, aliases, `title`) as word sequences, matched case-insensitively
 * on whole words: `adversarial-prompting` is found in "adversarial prompting". A note costs its
 * own names to add or remove.
 */
export class MentionIndex {
  private readonly byFirstWord = new Map<string, Name[]>();
  private readonly namesOf = new Map<string, Name[]>();

  set(path: string, names: readonly string[]): void {
    this.remove(path);
    const entries: Name[] = [];
    for (const name of names) {
      const words = wordSpans(name).map((w) => w.word);
      if (words.length === 0 || !isSpecific(words)) continue;
      const entry: Name = { path, name, key: words.join(' '), words: words.length };
      entries.push(entry);
      const list = this.byFirstWord.get(words[0]!);
      if (list) list.push(entry);
      else this.byFirstWord.set(words[0]!, [entry]);
    }
    // A copy of exact length: an array grown by push keeps room for 17 (most notes have one name).
    this.namesOf.set(path, entries.slice());
  }

  remove(path: string): void {
    for (const entry of this.namesOf.get(path) ?? []) {
      const first = firstWord(entry);
      const list = this.byFirstWord.get(first)!;
      list.splice(list.indexOf(entry), 1);
      if (list.length === 0) this.byFirstWord.delete(first);
    }
    this.namesOf.delete(path);
  }

  /**
   * Names found in `text`, outside the ranges `skip` says are taken (existing links, code).
   * A match inside a longer one is dropped: "Project Management" wins over "Management".
   */
  find(text: string, skip: (start: number, end: number) => boolean = () => false): Mention[] {
    const spans = wordSpans(text);
    const found: Mention[] = [];
    for (let i = 0; i < spans.length; i++) {
      for (const entry of this.byFirstWord.get(spans[i]!.word) ?? []) {
        const n = entry.words;
        if (i + n > spans.length || !followsIn(entry.key, spans, i + 1, n - 1, spans[i]!.word.length + 1)) continue;
        const start = spans[i]!.start;
        const end = spans[i + n - 1]!.end;
        if (skip(start, end)) continue;
        found.push({ path: entry.path, name: entry.name, start, end, words: n });
      }
    }
    return found.filter((m) => !found.some((o) => o.end - o.start > m.end - m.start && o.start <= m.start && o.end >= m.end));
  }
}

function firstWord(entry: Name): string {
  const space = entry.key.indexOf(' ');
  return space < 0 ? entry.key : entry.key.slice(0, space);
}

/** Whether the `count` words of `spans` from `from` are the words of `key` from offset `at` (words hold no spaces). */
function followsIn(key: string, spans: readonly WordSpan[], from: number, count: number, at: number): boolean {
  for (let k = 0; k < count; k++) {
    const word = spans[from + k]!.word;
    const end = at + word.length;
    if (!key.startsWith(word, at) || (end !== key.length && key.charCodeAt(end) !== 32)) return false;
    at = end + 1;
  }
  return true;
}
