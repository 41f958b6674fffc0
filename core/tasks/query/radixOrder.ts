// A stable least-significant-key-first counting sort over integer ranks: O(keys × n), with no
// comparator calls — the reason a sort over 50,000 tasks fits in a few milliseconds.

import type { Steps } from '../steps.js';
import type { Ranks } from './sortRanks.js';

/**
 * Slots 0…m-1 ordered by `keys[0]`, then `keys[1]`, …; ties keep slot order. Each key holds
 * one rank per slot (`ranks.length === m`). A key (one counting pass) per step.
 */
export function* radixOrderInSteps(m: number, keys: readonly Ranks[]): Steps<Int32Array> {
  let order = new Int32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  let spare = new Int32Array(m);
  for (let k = keys.length - 1; k >= 0; k--) {
    const { ranks, count } = keys[k]!;
    if (count <= 1 || m <= 1) continue;
    const starts = new Int32Array(count + 1);
    for (let i = 0; i < m; i++) starts[ranks[i]! + 1]!++;
    if (starts[ranks[0]! + 1] === m) continue; // one value throughout: order unchanged
    for (let r = 0; r < count; r++) starts[r + 1]! += starts[r]!;
    for (let i = 0; i < m; i++) {
      const slot = order[i]!;
      spare[starts[ranks[slot]!]!++] = slot;
    }
    [order, spare] = [spare, order];
    yield;
  }
  return order;
}
