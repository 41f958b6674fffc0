// Grouping, as Tasks does it: each `group by` gives every task one or more names (a task with two
// tags lands in two groups); groups are ordered by their names level by level (numeric-aware,
// `reverse` per level); tasks keep their sorted order inside a group. Names carry Tasks' `%%n%%`
// ordering prefixes; headings are shown without them. Names come from groupNames.ts.

import { groupNamer, groupSlots } from './groupNames.js';
import type { RunFacts } from './runFacts.js';
import { collator } from './taskValues.js';
import type { GroupField } from './types.js';

export interface GroupSpec {
  field: GroupField;
  reverse: boolean;
}

/** A group before its tasks are looked up: names (with `%%n%%` prefixes) and positions in `index.tasks`. */
export interface PositionGroup {
  names: string[];
  positions: number[] | Int32Array;
}

/** `%%…%%` is an Obsidian comment: Tasks uses it to order headings without showing the prefix. */
export function displayHeading(name: string): string {
  return name.replace(/%%.*?%%/g, '').trim();
}

/**
 * `positions` (into `index.tasks`, in sorted order) grouped by `groups`, groups in order. A task
 * named twice at one level (duplicate tag) is listed once: the same Task right after itself is
 * skipped, as it always was.
 */
export function groupPositions(positions: Int32Array, groups: readonly GroupSpec[], facts: RunFacts): PositionGroup[] {
  if (groups.length === 0) return [{ names: [], positions }];
  const only = groups[0]!.field;
  const inOrder = groups.length === 1 && only !== 'tags' && only !== 'urgency' ? bySlot(positions, only, facts) : byNames(positions, groups, facts);
  // Urgency headings sort high to low unless reversed (Tasks inverts `reverse` for urgency).
  const signs = groups.map((g) => ((g.field === 'urgency') !== g.reverse ? -1 : 1));
  return inOrder.sort((a, b) => {
    for (let i = 0; i < signs.length; i++) {
      const c = collator.compare(a.names[i]!, b.names[i]!);
      if (c !== 0) return c * signs[i]!;
    }
    return 0;
  });
}

/** Adds `v` unless the group's last task is the very same Task (a task named twice). */
function push(group: { positions: number[] }, v: number, facts: RunFacts): void {
  const last = group.positions[group.positions.length - 1];
  if (last === undefined || facts.tasks[last] !== facts.tasks[v]) group.positions.push(v);
}

/** One level, one name per task: bucket by the per-index slot; groups in first-seen order. */
function bySlot(positions: Int32Array, field: Exclude<GroupField, 'tags' | 'urgency'>, facts: RunFacts): PositionGroup[] {
  const { slots, names } = groupSlots(field, facts);
  const bySlotNumber: ({ names: string[]; positions: number[] } | undefined)[] = new Array(names.length);
  const inOrder: { names: string[]; positions: number[] }[] = [];
  for (let i = 0; i < positions.length; i++) {
    const v = positions[i]!;
    const slot = slots[v]!;
    let group = bySlotNumber[slot];
    if (!group) {
      bySlotNumber[slot] = group = { names: [names[slot]!], positions: [] };
      inOrder.push(group);
    }
    push(group, v, facts);
  }
  return inOrder;
}

/** Any levels, any number of names per task: key by the joined names; groups in first-seen order. */
function byNames(positions: Int32Array, groups: readonly GroupSpec[], facts: RunFacts): PositionGroup[] {
  const namers = groups.map((g) => groupNamer(g.field, facts));
  const byKey = new Map<string, { names: string[]; positions: number[] }>();
  for (let i = 0; i < positions.length; i++) {
    const v = positions[i]!;
    let paths: string[][] = [[]];
    for (const name of namers) {
      const names = name(v);
      if (typeof names === 'string' || names.length <= 1) {
        const one = typeof names === 'string' ? names : (names[0] ?? '');
        for (const p of paths) p.push(one);
      } else {
        paths = paths.flatMap((p) => names.map((n) => [...p, n]));
      }
    }
    for (const names of paths) {
      const key = names.join('\u0000');
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { names, positions: [] }));
      push(group, v, facts);
    }
  }
  return [...byKey.values()];
}
