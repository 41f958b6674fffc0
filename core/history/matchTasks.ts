import type { TaskSnapshot, TrackedField } from './types.js';

/**
 * Pairs the tasks of a file before a change with its tasks after it, so that a task that moved
 * to another line or was reworded keeps its history. Tiers, each over the tasks still unpaired:
 *
 * 1. the same 🆔 id — only where the id is unique among the unpaired tasks on both sides;
 * 2. the same block id (`^abc`) — likewise unique on both sides;
 * 3. the same line text, where it occurs as often before as after — identical lines pair in
 *    their order in the file, so a line inserted above them changes nothing (when the counts
 *    differ, tier 4 pairs them by nearest line instead);
 * 4. similar descriptions: Sørensen–Dice over lower-cased character bigrams ≥ `similarityThreshold`
 *    (0.6: "Write the report" ~ "Write the quarterly report" pairs, "Buy milk" ~ "Call Bob" does
 *    not); a description whose every word is kept in the other ("Build" → "Build the thing")
 *    counts as at least the threshold (0.6 + 0.3 × the share of words kept). Best score first; ties go to the pair that agrees on more other fields (dates,
 *    recurrence, priority, role, …) — so when a recurring task is completed, the completed line
 *    keeps the history and the new occurrence is the created one — and then to the nearer line.
 *    On very large, heavily rewritten files only pairs within a window of positions are scored.
 *
 * Anything left unpaired before was deleted; anything left unpaired after was created.
 */
export const similarityThreshold = 0.6;

export interface TaskMatch {
  pairs: [TaskSnapshot, TaskSnapshot][];
  deleted: TaskSnapshot[];
  created: TaskSnapshot[];
}

const fullComparisonLimit = 40_000;
const window = 100;

export function matchTasks(before: readonly TaskSnapshot[], after: readonly TaskSnapshot[]): TaskMatch {
  const pairs: [TaskSnapshot, TaskSnapshot][] = [];
  let restBefore = [...before];
  let restAfter = [...after];

  const pairBy = (keyOf: (t: TaskSnapshot) => string | null, uniqueOnly: boolean) => {
    const groupsBefore = groupBy(restBefore, keyOf);
    const groupsAfter = groupBy(restAfter, keyOf);
    const pairedBefore = new Set<TaskSnapshot>();
    const pairedAfter = new Set<TaskSnapshot>();
    for (const [key, olds] of groupsBefore) {
      const news = groupsAfter.get(key);
      if (!news) continue;
      if (olds.length !== news.length || (uniqueOnly && olds.length !== 1)) continue;
      for (let i = 0; i < olds.length; i++) {
        pairs.push([olds[i]!, news[i]!]);
        pairedBefore.add(olds[i]!);
        pairedAfter.add(news[i]!);
      }
    }
    restBefore = restBefore.filter((t) => !pairedBefore.has(t));
    restAfter = restAfter.filter((t) => !pairedAfter.has(t));
  };

  pairBy((t) => t.fields.id || null, true);
  pairBy((t) => t.blockId, true);
  pairBy((t) => t.lineText, false);

  if (restBefore.length > 0 && restAfter.length > 0) {
    const full = restBefore.length * restAfter.length <= fullComparisonLimit;
    const candidates: { b: number; a: number; score: number; agree: number; distance: number }[] = [];
    const bigramsAfter = restAfter.map((t) => bigrams(t.fields.description));
    restBefore.forEach((old, b) => {
      const oldBigrams = bigrams(old.fields.description);
      const lo = full ? 0 : Math.max(0, b - window);
      const hi = full ? restAfter.length : Math.min(restAfter.length, b + window + 1);
      for (let a = lo; a < hi; a++) {
        const candidate = restAfter[a]!;
        const score = Math.max(dice(oldBigrams, bigramsAfter[a]!), containment(old.fields.description, candidate.fields.description));
        if (score < similarityThreshold) continue;
        candidates.push({ b, a, score, agree: agreement(old, candidate), distance: Math.abs(old.line - candidate.line) });
      }
    });
    candidates.sort((x, y) => y.score - x.score || y.agree - x.agree || x.distance - y.distance || x.b - y.b || x.a - y.a);
    const usedBefore = new Set<number>();
    const usedAfter = new Set<number>();
    for (const c of candidates) {
      if (usedBefore.has(c.b) || usedAfter.has(c.a)) continue;
      usedBefore.add(c.b);
      usedAfter.add(c.a);
      pairs.push([restBefore[c.b]!, restAfter[c.a]!]);
    }
    restBefore = restBefore.filter((_, i) => !usedBefore.has(i));
    restAfter = restAfter.filter((_, i) => !usedAfter.has(i));
  }

  pairs.sort((x, y) => x[1].line - y[1].line);
  return { pairs, deleted: restBefore, created: restAfter };
}

const agreementFields: readonly TrackedField[] = ['due', 'scheduled', 'start', 'created', 'recurrence', 'priority', 'role', 'parent', 'dependsOn', 'onCompletion'];

function agreement(a: TaskSnapshot, b: TaskSnapshot): number {
  let n = 0;
  for (const field of agreementFields) if (a.fields[field] !== '' && a.fields[field] === b.fields[field]) n++;
  return n;
}

function groupBy(tasks: readonly TaskSnapshot[], keyOf: (t: TaskSnapshot) => string | null): Map<string, TaskSnapshot[]> {
  const groups = new Map<string, TaskSnapshot[]>();
  for (const task of tasks) {
    const key = keyOf(task);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(task);
    else groups.set(key, [task]);
  }
  return groups;
}

/** Multiset of lower-cased character bigrams (whitespace collapsed). */
function bigrams(text: string): Map<string, number> {
  const s = text.toLowerCase().replace(/\s+/g, ' ').trim();
  const out = new Map<string, number>();
  if (s.length === 1) out.set(s, 1);
  for (let i = 0; i + 1 < s.length; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** 0.6–0.9 when every word of one description is in the other, else 0. */
function containment(a: string, b: string): number {
  const wordsA = words(a);
  const wordsB = words(b);
  const [short, long] = wordsA.length <= wordsB.length ? [wordsA, wordsB] : [wordsB, wordsA];
  if (short.length === 0) return 0;
  const pool = new Set(long);
  return short.every((w) => pool.has(w)) ? similarityThreshold + (0.3 * short.length) / long.length : 0;
}

function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
}

/** Sørensen–Dice coefficient of two bigram multisets: 1 for equal texts, 0 for nothing shared. */
export function dice(a: Map<string, number>, b: Map<string, number>): number {
  let sizeA = 0;
  let sizeB = 0;
  let shared = 0;
  for (const n of a.values()) sizeA += n;
  for (const [g, n] of b) {
    sizeB += n;
    const m = a.get(g);
    if (m !== undefined) shared += Math.min(m, n);
  }
  if (sizeA === 0 && sizeB === 0) return 1;
  return (2 * shared) / (sizeA + sizeB);
}

/** How alike two descriptions are, 0..1 (the measure tier 4 uses). */
export function descriptionSimilarity(a: string, b: string): number {
  return Math.max(dice(bigrams(a), bigrams(b)), containment(a, b));
}
