// What queries read from a task, derived once per task per run (day numbers, file parts,
// lower-cased text, urgency) so that no filter or comparator re-derives them per comparison.

import type { DateField, Priority, StatusType } from '../../../shared-types/index.js';
import type { Task } from '../types.js';
import { dayNumber } from './queryDates.js';

/** A missing date is null; a date that is present but not a real day is NaN. */
export type Day = number | null;

export const dateFields: readonly DateField[] = ['due', 'scheduled', 'start', 'created', 'done', 'cancelled'];

export function isDoneType(type: StatusType): boolean {
  return type === 'DONE' || type === 'CANCELLED' || type === 'NON_TASK';
}

export function dayOf(task: Task, field: DateField): Day {
  const text = task.dates[field];
  if (text === null || text === undefined) return null;
  if (task.invalid.includes(field)) return NaN;
  return dayNumber(text.trim()) ?? NaN;
}

/** Earliest valid of start, scheduled, due (Tasks' `happens`), or null. */
export function happensDay(task: Task): number | null {
  let best: number | null = null;
  for (const field of ['start', 'scheduled', 'due'] as const) {
    const day = dayOf(task, field);
    if (day !== null && !Number.isNaN(day) && (best === null || day < best)) best = day;
  }
  return best;
}

export function filenameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

export function withoutExtension(filename: string): string {
  const dot = filename.lastIndexOf('.');
  return dot > 0 ? filename.slice(0, dot) : filename;
}

/** Tasks' `folder`: everything before the filename, ending in `/`; `/` at the vault root. */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '/' : path.slice(0, slash + 1);
}

/** Tasks' `root`: the top-level folder with `/`, or `/` at the vault root. */
export function rootOf(path: string): string {
  const p = path.startsWith('/') ? path.slice(1) : path;
  const slash = p.indexOf('/');
  return slash === -1 ? '/' : p.slice(0, slash + 1);
}

/** Tasks' priority codes: 0 highest … 3 none (our `normal`) … 5 lowest. */
export const priorityCode: Record<Priority, number> = {
  highest: 0,
  high: 1,
  medium: 2,
  normal: 3,
  low: 4,
  lowest: 5,
};

export const priorityGroupName: Record<Priority, string> = {
  highest: 'Highest',
  high: 'High',
  medium: 'Medium',
  normal: 'Normal',
  low: 'Low',
  lowest: 'Lowest',
};

/** Tasks' `status.type` order: IN_PROGRESS, TODO, ON_HOLD, DONE, CANCELLED, NON_TASK. */
export const statusTypeOrder: Record<StatusType, number> = {
  IN_PROGRESS: 1,
  TODO: 2,
  ON_HOLD: 3,
  DONE: 4,
  CANCELLED: 5,
  NON_TASK: 6,
};

/**
 * Tasks' urgency score (docs: Advanced/Urgency): due date 12 × a multiplier from 0.2 (due in more
 * than 14 days) to 1.0 (overdue by 7 days or more); scheduled today or earlier +5; start date in
 * the future −3; priority highest 9, high 6, medium 3.9, none 1.95, low 0, lowest −1.8.
 */
export function urgency(task: Task, today: number): number {
  return urgencyOf(dayOf(task, 'due'), dayOf(task, 'scheduled'), dayOf(task, 'start'), task.priority, today);
}

/** Urgency from already-derived days (null missing, NaN invalid: both ignored). */
export function urgencyOf(due: Day, scheduled: Day, start: Day, priority: Priority, today: number): number {
  let score = 0;
  if (due !== null && !Number.isNaN(due)) {
    const daysOverdue = today - due;
    let multiplier: number;
    if (daysOverdue >= 7) multiplier = 1;
    else if (daysOverdue >= -14) multiplier = ((daysOverdue + 14) * 0.8) / 21 + 0.2;
    else multiplier = 0.2;
    score += multiplier * 12;
  }
  if (scheduled !== null && !Number.isNaN(scheduled) && today >= scheduled) score += 5;
  if (start !== null && !Number.isNaN(start) && today < start) score -= 3;
  switch (priority) {
    case 'highest':
      score += 1.5 * 6;
      break;
    case 'high':
      score += 1 * 6;
      break;
    case 'medium':
      score += 0.65 * 6;
      break;
    case 'normal':
      score += 0.325 * 6;
      break;
    case 'lowest':
      score -= 0.3 * 6;
      break;
    case 'low':
      break;
  }
  return score;
}

/**
 * Tasks' description for sorting: global filter removed, a leading link reduced to its text,
 * leading `**`, `*`, `==`, `__`, `_` formatting unwrapped.
 */
export function cleanDescription(description: string, globalFilter: string | null): string {
  let d = removeGlobalFilter(description, globalFilter);
  const link = /^\[\[?([^\]]*)]]?/.exec(d);
  if (link) {
    const inner = link[1]!;
    d = inner.substring(inner.indexOf('|') + 1) + d.replace(/^\[\[?([^\]]*)]]?/, '');
  }
  for (const re of [/^\*\*([^*]+)\*\*/, /^\*([^*]+)\*/, /^==([^=]+)==/, /^__([^_]+)__/, /^_([^_]+)_/]) {
    const m = re.exec(d);
    if (m) d = m[1]! + d.replace(re, '');
  }
  return d;
}

export function removeGlobalFilter(description: string, globalFilter: string | null): string {
  if (!globalFilter) return description;
  const i = description.indexOf(globalFilter);
  if (i === -1) return description;
  return (description.slice(0, i) + description.slice(i + globalFilter.length)).replace(/\s{2,}/g, ' ').trim();
}

/** Tasks compares text with `localeCompare(…, { numeric: true })`; one collator does it faster. */
export const collator = new Intl.Collator(undefined, { numeric: true });
