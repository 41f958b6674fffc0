import { describe, expect, it } from 'vitest';
import { FieldIndex } from '../../../core/search/bm25Index.js';

/** Deterministic pseudo-random integers in [0, n). */
function randomInts(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return Math.floor((s / 2147483648) * n);
  };
}

const TERMS = 3000;

/** Documents enough for a repack in steps (over a million postings), some terms common, most rare. */
function documents(): number[][] {
  const random = randomInts(11);
  return Array.from({ length: 14_000 }, () => Array.from({ length: 90 }, () => random(random(3) === 0 ? 60 : TERMS)));
}

/** Every term's postings in the field's own order (which decides the order scores are summed in). */
function allPostings(field: FieldIndex): number[][] {
  const ids = new Int32Array(20_000);
  const tfs = new Int32Array(20_000);
  return Array.from({ length: TERMS }, (_, term) => {
    const count = field.copyPostings(term, ids, tfs);
    return [...ids.subarray(0, count), ...tfs.subarray(0, count)];
  });
}

function scores(field: FieldIndex): number[] {
  const sheet = new Float64Array(field.idLimit + 1);
  const touched: number[] = [];
  for (const term of [0, 5, 59, 60, 700, 2999]) field.accumulate(term, 1, sheet, touched);
  return [...sheet];
}

describe('FieldIndex repacked in steps', () => {
  it('answers reads between steps and ends with what a one-shot build holds, writes in between or not', () => {
    const docs = documents();
    const whole = new FieldIndex();
    docs.forEach((terms, id) => whole.add(id, terms));
    whole.readable();

    const stepped = new FieldIndex();
    docs.forEach((terms, id) => {
      stepped.add(id, terms);
      // Reads while repacks are under way.
      if (id % 500 === 250) expect(stepped.documentFrequency(0)).toBeGreaterThan(0);
      if (id % 3000 === 1500) scores(stepped);
    });
    const steps = stepped.packSteps();
    let count = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      count++;
      if (count === 2) expect(scores(stepped)).toEqual(scores(whole));
    }
    expect(allPostings(stepped)).toEqual(allPostings(whole));
    expect(scores(stepped)).toEqual(scores(whole));
    expect(stepped.footprint).toEqual(whole.footprint);
  });

  it('loses no write made between two steps of a repack', () => {
    const docs = documents();
    const edited = [...docs.slice(0, 40).map((terms) => terms.map((t) => (t + 7) % TERMS))];
    const whole = new FieldIndex();
    docs.forEach((terms, id) => whole.add(id, terms));
    for (let id = 0; id < 40; id++) {
      whole.remove(id, docs[id]!);
      whole.add(id, edited[id]!);
    }
    whole.add(docs.length, [1, 2, 3, 1]);

    const stepped = new FieldIndex();
    docs.forEach((terms, id) => stepped.add(id, terms));
    const steps = stepped.packSteps();
    let edits = 0;
    let count = 0;
    for (let next = steps.next(); !next.done; next = steps.next()) {
      // Over a million postings: the repack takes steps; writes in some of the pauses.
      if (++count % 3 !== 0) continue;
      if (edits < 40) {
        stepped.remove(edits, docs[edits]!);
        stepped.add(edits, edited[edits]!);
        edits++;
      } else if (edits === 40) {
        stepped.add(docs.length, [1, 2, 3, 1]);
        edits++;
      }
      // A read between steps sees every write made so far.
      expect(stepped.documentFrequency(1)).toBeGreaterThan(0);
    }
    expect(edits).toBe(41);
    expect(count).toBeGreaterThan(3 * 41);
    expect(allPostings(stepped)).toEqual(allPostings(whole));
    expect(scores(stepped)).toEqual(scores(whole));
  });
});
