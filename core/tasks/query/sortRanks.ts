// Sort keys as small integers: each key becomes its rank among the distinct values, so sorting
// is a few stable counting passes (radixOrder.ts) instead of n log n comparator chains. Ranks
// that depend only on the index are computed once per index and kept in its TaskColumns.

import type { TaskColumns } from './taskColumns.js';
import { collator } from './taskValues.js';

/** A rank per element (0 first) and how many ranks there are. */
export interface Ranks {
  ranks: Int32Array;
  count: number;
}

/** Dense ranks of numbers in ascending order; equal numbers share a rank (no NaN expected). */
export function numericRanks(keys: ArrayLike<number>): Ranks {
  const slot = new Map<number, number>();
  const distinct: number[] = [];
  const slots = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    let s = slot.get(k);
    if (s === undefined) {
      s = distinct.length;
      slot.set(k, s);
      distinct.push(k);
    }
    slots[i] = s;
  }
  const order = distinct.map((_, s) => s).sort((a, b) => (distinct[a]! < distinct[b]! ? -1 : distinct[a]! > distinct[b]! ? 1 : 0));
  const rankOfSlot = new Int32Array(distinct.length);
  let rank = -1;
  for (let i = 0; i < order.length; i++) {
    if (i === 0 || distinct[order[i]!] !== distinct[order[i - 1]!]) rank++;
    rankOfSlot[order[i]!] = rank;
  }
  for (let i = 0; i < slots.length; i++) slots[i] = rankOfSlot[slots[i]!]!;
  return { ranks: slots, count: rank + 1 };
}

/**
 * Ranks of strings in collator order. `shareTies`: strings the collator calls equal share a rank
 * (a comparator's 0); otherwise every distinct string has its own rank, collator-equal ones in
 * first-seen order (what sorting the distinct strings stably gives). `ties` says whether any
 * distinct strings compared equal.
 */
export function textRanks(values: readonly string[], shareTies: boolean): Ranks & { ties: boolean } {
  const distinct = [...new Set(values)].sort(collator.compare);
  const rank = new Map<string, number>();
  let ties = false;
  let r = -1;
  for (let i = 0; i < distinct.length; i++) {
    const tied = i > 0 && collator.compare(distinct[i - 1]!, distinct[i]!) === 0;
    if (tied) ties = true;
    if (!(tied && shareTies)) r++;
    rank.set(distinct[i]!, r);
  }
  const ranks = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) ranks[i] = rank.get(values[i]!)!;
  return { ranks, count: r + 1, ties };
}

/** Memoised in the index's columns under `key` (which must name everything the ranks depend on). */
export function memoRanks<T>(columns: TaskColumns, key: string, compute: () => T): T {
  let ranks = columns.memo.get(key) as T | undefined;
  if (ranks === undefined) {
    ranks = compute();
    columns.memo.set(key, ranks);
  }
  return ranks;
}
