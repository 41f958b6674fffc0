// `sort by <field> [reverse]`, `group by <field> [reverse]`, `hide|show <element>`, `limit …`.

import type { GroupField, LayoutElement, QueryLayout, SortField } from './types.js';

export const sortFields: SortField[] = [
  'status.name',
  'status.type',
  'status',
  'recurring',
  'priority',
  'happens',
  'cancelled',
  'created',
  'start',
  'scheduled',
  'due',
  'done',
  'path',
  'description',
  'tag',
  'heading',
  'filename',
  'urgency',
  'id',
  'random',
  'role',
  'state',
];

export const groupFields: GroupField[] = [
  'status.name',
  'status.type',
  'status',
  'recurring',
  'priority',
  'happens',
  'cancelled',
  'created',
  'start',
  'scheduled',
  'due',
  'done',
  'path',
  'folder',
  'root',
  'backlink',
  'tags',
  'heading',
  'filename',
  'urgency',
  'recurrence',
  'id',
  'role',
  'state',
];

export type SortParse = { field: SortField; reverse: boolean; tagIndex: number } | { error: string } | null;
export type GroupParse = { field: GroupField; reverse: boolean } | { error: string } | null;

export function parseSortBy(line: string): SortParse {
  const m = /^sort by\s+(.*)$/i.exec(line);
  if (!m) return null;
  const rest = m[1]!.trim();
  if (/^function\b/i.test(rest))
    return { error: "'sort by function' is not supported: Scriptorium does not run JavaScript from notes." };
  const tag = /^tag( reverse)?\s*(\d+)?$/i.exec(rest);
  if (tag) return { field: 'tag', reverse: tag[1] !== undefined, tagIndex: tag[2] ? Math.max(1, Number(tag[2])) : 1 };
  const f = /^(\S+)( reverse)?$/i.exec(rest);
  const field = f ? sortFields.find((s) => s === f[1]!.toLowerCase()) : undefined;
  if (!f || !field) return { error: `Valid sort fields: ${sortFields.join(', ')} (each optionally followed by 'reverse').` };
  return { field, reverse: f[2] !== undefined, tagIndex: 1 };
}

export function parseGroupBy(line: string): GroupParse {
  const m = /^group by\s+(.*)$/i.exec(line);
  if (!m) return null;
  const rest = m[1]!.trim();
  if (/^function\b/i.test(rest))
    return { error: "'group by function' is not supported: Scriptorium does not run JavaScript from notes." };
  const f = /^(\S+)( reverse)?$/i.exec(rest);
  const name = f?.[1]!.toLowerCase();
  const field = groupFields.find((g) => g === name) ?? (name === 'tag' ? ('tags' as const) : undefined);
  if (!f || !field) return { error: `Valid group fields: ${groupFields.join(', ')} (each optionally followed by 'reverse').` };
  return { field, reverse: f[2] !== undefined };
}

export function defaultLayout(): QueryLayout {
  return {
    hide: {
      id: false,
      'depends on': false,
      priority: false,
      'recurrence rule': false,
      'on completion': false,
      'created date': false,
      'start date': false,
      'scheduled date': false,
      'due date': false,
      'cancelled date': false,
      'done date': false,
      tags: false,
      backlink: false,
      'nested backlink': false,
      'edit button': false,
      'postpone button': false,
      'task count': false,
      'group count': true,
      toolbar: false,
      tree: true,
      urgency: true,
    },
    shortMode: false,
    tree: false,
  };
}

/** Longest names first, so `nested backlink` is not read as `backlink`; matched as prefixes, as Tasks does. */
const layoutElements: LayoutElement[] = (Object.keys(defaultLayout().hide) as LayoutElement[]).sort(
  (a, b) => b.length - a.length,
);

export type LayoutParse = { element: LayoutElement; hide: boolean } | { error: string } | null;

export function parseHideShow(line: string): LayoutParse {
  const m = /^(hide|show)\s+(.*)$/i.exec(line);
  if (!m) return null;
  const option = m[2]!.trim().toLowerCase().replace(/\s+/g, ' ');
  const element = layoutElements.find((e) => option.startsWith(e));
  if (!element)
    return {
      error: `Valid elements to hide or show: ${[...layoutElements].sort().join(', ')}.`,
    };
  return { element, hide: m[1]!.toLowerCase() === 'hide' };
}

export type LimitParse = { groups: boolean; count: number } | { error: string } | null;

export function parseLimit(line: string): LimitParse {
  if (!/^limit\b/i.test(line)) return null;
  const m = /^limit (groups )?(to )?(\d+)( tasks?)?$/i.exec(line.replace(/\s+/g, ' '));
  if (!m) return { error: 'Valid: limit N, limit to N tasks, limit groups N, limit groups to N tasks.' };
  return { groups: m[1] !== undefined, count: Number(m[3]) };
}
