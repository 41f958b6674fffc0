import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../core/markdown/parseNote.js';
import { FieldIndex } from '../../../core/search/bm25Index.js';
import { TextIndex } from '../../../core/search/textIndex.js';

/** Deterministic pseudo-random integers in [0, n). */
function randomInts(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

/** Every (id, tf) the field holds for a term, sorted. */
function postingsOf(field: FieldIndex, term: number): [number, number][] {
  const n = field.documentFrequency(term);
  const ids = new Int32Array(n);
  const tfs = new Int32Array(n);
  const count = field.copyPostings(term, ids, tfs);
  return Array.from({ length: count }, (_, i): [number, number] => [ids[i]!, tfs[i]!]).sort((a, b) => a[0] - b[0]);
}

describe('FieldIndex memory', () => {
  it('compacts its buffers after a bulk of writes, every posting kept', () => {
    const random = randomInts(5);
    const field = new FieldIndex();
    const docs = new Map<number, number[]>();
    // Enough postings for several flushes (a vault being indexed), reads in between.
    for (let id = 0; id < 12_000; id++) {
      const terms = Array.from({ length: 60 }, () => random(random(2) === 0 ? 50 : 3000));
      docs.set(id, terms);
      field.add(id, terms);
      if (id % 4000 === 3999) field.documentFrequency(0);
    }
    for (let id = 0; id < 12_000; id += 7) {
      field.remove(id, docs.get(id)!);
      docs.delete(id);
    }
    for (let id = 12_000; id < 12_500; id++) {
      const terms = Array.from({ length: 60 }, () => random(3100));
      docs.set(id, terms);
      field.add(id, terms);
    }
    const { postings, room } = field.footprint;
    let expectedPostings = 0;
    const expected = new Map<number, Map<number, number>>();
    for (const [id, terms] of docs) {
      const counts = new Map<number, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      expectedPostings += counts.size;
      for (const [t, tf] of counts) {
        if (!expected.has(t)) expected.set(t, new Map());
        expected.get(t)!.set(id, tf);
      }
    }
    expect(postings).toBe(expectedPostings);
    expect(room).toBeLessThanOrEqual(postings * 1.25 + (1 << 16));
    for (const term of [0, 1, 49, 50, 777, 2999, 3050]) {
      expect(postingsOf(field, term)).toEqual([...(expected.get(term) ?? new Map<number, number>())].sort((a, b) => a[0] - b[0]));
    }
  });

  it('without postings, counts documents as BM25 needs them and refuses to be searched', () => {
    const field = new FieldIndex(false);
    field.count([1, 2, 2, 3]);
    field.count([2, 5]);
    field.count([]);
    expect(field.docCount).toBe(3);
    expect(field.averageLength).toBe(2);
    expect([1, 2, 3, 4, 5].map((t) => field.documentFrequency(t))).toEqual([1, 2, 1, 0, 1]);
    field.uncount([1, 2, 2, 3]);
    expect(field.docCount).toBe(2);
    expect([1, 2, 3, 5].map((t) => field.documentFrequency(t))).toEqual([0, 1, 0, 1]);
    expect(() => field.copyPostings(2, new Int32Array(4), new Int32Array(4))).toThrow();
    expect(() => field.add(0, [1])).toThrow();
  });
});

describe('section statistics', () => {
  it('after edits and removals equal those of a fresh build', () => {
    const texts = ['intro words\n# Alpha\nalpha body words\n## Beta\nbeta body', 'just text, no heading', '# Gamma\n\n# Delta\ndelta delta text'];
    const index = new TextIndex();
    texts.forEach((t, i) => index.setNote(`n${i}.md`, parseNote(`n${i}.md`, t)));
    index.setNote('n0.md', parseNote('n0.md', '# Alpha\nother words\n# Epsilon\nmore'));
    index.removeNote('n1.md');
    index.setNote('n3.md', parseNote('n3.md', 'new note\n# Beta\nbeta'));
    const fresh = new TextIndex();
    const now: [string, string][] = [['n0.md', '# Alpha\nother words\n# Epsilon\nmore'], ['n2.md', texts[2]!], ['n3.md', 'new note\n# Beta\nbeta']];
    for (const [path, text] of now) fresh.setNote(path, parseNote(path, text));
    for (const prop of ['heading', 'body'] as const) {
      const a = index.sectionField(prop);
      const b = fresh.sectionField(prop);
      expect([a.docCount, a.averageLength]).toEqual([b.docCount, b.averageLength]);
      for (const word of ['alpha', 'beta', 'delta', 'epsilon', 'word', 'text', 'intro', 'gamma']) {
        expect(a.documentFrequency(index.vocabulary.idOfWord(word))).toBe(b.documentFrequency(fresh.vocabulary.idOfWord(word)));
      }
    }
  });
});
