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
  it('packs its pages after a bulk of writes, every posting kept', () => {
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
    // What the search service does after indexing a vault: the lists packed, a page a step.
    for (const _ of field.packSteps());
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

const TERMS = 3000;

/**
 * What a field holds, list by list and in its order (which decides the order scores are summed
 * and LSA rows are numbered in): a document's postings go to the end of its terms' lists, and
 * a removed one is replaced by its list's last.
 */
class ModelField {
  readonly lists = new Map<number, [number, number][]>();

  add(id: number, terms: readonly number[]): void {
    for (const [t, tf] of tfs(terms)) {
      if (!this.lists.has(t)) this.lists.set(t, []);
      this.lists.get(t)!.push([id, tf]);
    }
  }

  remove(id: number, terms: readonly number[]): void {
    for (const [t] of tfs(terms)) {
      const list = this.lists.get(t)!;
      let at = list.length - 1;
      while (list[at]![0] !== id) at--;
      list[at] = list[list.length - 1]!;
      list.pop();
    }
  }
}

/** Distinct terms with their counts, in order of first occurrence. */
function tfs(terms: readonly number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** A term's postings as the field gives them, "id:tf" in its order. */
function listOf(field: FieldIndex, term: number): string {
  const n = field.documentFrequency(term);
  const ids = new Int32Array(n);
  const counts = new Int32Array(n);
  const count = field.copyPostings(term, ids, counts);
  return Array.from({ length: count }, (_, i) => `${ids[i]}:${counts[i]}`).join(' ');
}

function modelList(model: ModelField, term: number): string {
  return (model.lists.get(term) ?? []).map(([id, tf]) => `${id}:${tf}`).join(' ');
}

function expectSame(field: FieldIndex, model: ModelField): void {
  const terms = Array.from({ length: TERMS }, (_, t) => t);
  expect(terms.map((t) => listOf(field, t))).toEqual(terms.map((t) => modelList(model, t)));
}

/** Documents enough for many pages (over a million postings): some terms common, most rare. */
function documents(count: number, seed: number): number[][] {
  const random = randomInts(seed);
  return Array.from({ length: count }, () => Array.from({ length: 90 }, () => random(random(3) === 0 ? 60 : TERMS)));
}

describe('FieldIndex pages', () => {
  it('keeps every list in order through a bulk of writes, removals, edits and a pack in steps with writes between steps', () => {
    const docs = documents(10_000, 11);
    const field = new FieldIndex();
    const model = new ModelField();
    docs.forEach((terms, id) => {
      field.add(id, terms);
      model.add(id, terms);
      // Reads between flushes, as queries during a build.
      if (id % 3000 === 1500) expect(listOf(field, 7)).toBe(modelList(model, 7));
    });
    // A term over TF_CAP times: its tf is kept exactly.
    field.add(docs.length, [...Array(1100).fill(5), 6]);
    model.add(docs.length, [...Array(1100).fill(5), 6]);
    expectSame(field, model);

    const edit = (id: number) => {
      const terms = docs[id]!.map((t) => (t * 7 + 3) % TERMS);
      field.remove(id, docs[id]!);
      model.remove(id, docs[id]!);
      field.add(id, terms);
      model.add(id, terms);
      docs[id] = terms;
    };
    let steps = 0;
    for (const _ of field.packSteps()) {
      steps++;
      edit(steps * 13);
      expect(listOf(field, steps % TERMS)).toBe(modelList(model, steps % TERMS));
    }
    // One page a step: a vault's postings take several.
    expect(steps).toBeGreaterThan(3);
    for (let id = 0; id < 2000; id += 3) {
      field.remove(id, docs[id]!);
      model.remove(id, docs[id]!);
    }
    expectSame(field, model);
  });

  it('holds room within bounds: during writes under 2.5× the postings, packed under 1.25×', () => {
    const docs = documents(14_000, 12);
    const field = new FieldIndex();
    docs.forEach((terms, id) => {
      field.add(id, terms);
      if (id % 1000 === 999) {
        const { postings, room } = field.footprint;
        expect(room).toBeLessThanOrEqual(postings * 2.5 + (1 << 16));
      }
    });
    for (const _ of field.packSteps());
    const { postings, room } = field.footprint;
    expect(room).toBeLessThanOrEqual(postings * 1.25 + (1 << 12));
    // Packed lists grow again as notes change: each edit moves a few lists, never all of them.
    for (let id = 0; id < 300; id++) {
      field.remove(id, docs[id]!);
      field.add(id, docs[(id * 31) % docs.length]!);
    }
    const after = field.footprint;
    expect(after.room).toBeLessThanOrEqual(after.postings * 2.5 + (1 << 16));
  });
});
