// Tasks' natural-language recurrence rules (`every 2 weeks on Monday when done`), read with rrule.
import * as rruleModule from 'rrule';
import type { Options } from 'rrule';
import { addDays, addMonthsClamped, formatUtcDate, isValidIsoDate, toDayNumber, utcDate } from './dates.js';
import type { Task } from './types.js';

// rrule ships CommonJS for node (`default.RRule` under ESM interop) and ESM for bundlers
// (`RRule`): accept both, without naming `default` statically (bundlers warn about it).
type RRuleClass = typeof rruleModule.RRule;
function resolveRRule(): RRuleClass {
  const namespace = rruleModule as unknown as Record<string, { RRule?: RRuleClass } | RRuleClass | undefined>;
  const direct = namespace['RRule'] as RRuleClass | undefined;
  if (direct) return direct;
  for (const key of Object.keys(namespace)) {
    const inner = namespace[key] as { RRule?: RRuleClass } | undefined;
    if (inner && typeof inner === 'object' && inner.RRule) return inner.RRule;
  }
  throw new Error('rrule: RRule export not found');
}
const RRule = resolveRRule();

export interface RecurrenceRule {
  /** The rule as written, trimmed. */
  text: string;
  /** The rule without ` when done`. */
  rule: string;
  whenDone: boolean;
  options: Partial<Options>;
}

const ruleShape = /^([a-zA-Z0-9, !]+?)( when done)?$/i;
const cache = new Map<string, RecurrenceRule | null>();

/** Reads a rule the way Tasks does (rrule's `parseText`); null when rrule cannot read it. */
export function parseRecurrence(text: string): RecurrenceRule | null {
  const trimmed = text.trim();
  const cached = cache.get(trimmed);
  if (cached !== undefined) return cached;
  const parsed = parseUncached(trimmed);
  if (cache.size > 2000) cache.clear();
  cache.set(trimmed, parsed);
  return parsed;
}

function parseUncached(text: string): RecurrenceRule | null {
  const match = ruleShape.exec(text);
  if (!match) return null;
  const rule = match[1]!.trim();
  try {
    const options = RRule.parseText(rule);
    if (!options || options.freq === undefined || options.freq === null) return null;
    // A rule rrule reads but cannot run (`every 0 days`) is no rule either.
    if (options.interval !== undefined && options.interval !== null && !(options.interval >= 1)) return null;
    return { text, rule, whenDone: match[2] !== undefined, options };
  } catch {
    return null;
  }
}

export function isValidRecurrence(text: string): boolean {
  return parseRecurrence(text) !== null;
}

/** The first occurrence strictly after `base` of `rule` started on `base`. Dates are `YYYY-MM-DD`. */
export function nextReferenceDate(rule: RecurrenceRule, base: string): string | null {
  const o = rule.options;
  const plain = o.byweekday == null && o.bymonthday == null && o.bymonth == null && o.bysetpos == null && o.byyearday == null && o.byweekno == null && o.count == null && o.until == null;
  const interval = o.interval && o.interval > 0 ? o.interval : 1;
  // Tasks: `every month` from Jan 31 lands on the last day of February, not on March 31.
  if (plain && o.freq === RRule.MONTHLY) return addMonthsClamped(base, interval);
  if (plain && o.freq === RRule.YEARLY) return addMonthsClamped(base, 12 * interval);
  try {
    const r = new RRule({ ...o, dtstart: utcDate(base) });
    const endOfDay = new Date(utcDate(base).getTime() + 86_400_000 - 1000);
    const next = r.after(endOfDay);
    return next ? formatUtcDate(next) : null;
  } catch {
    return null;
  }
}

export interface Occurrence {
  start: string | null;
  scheduled: string | null;
  due: string | null;
}

/**
 * The dates of a recurring task's next occurrence, Tasks' way: the reference date is due, else
 * scheduled, else start; it moves to the rule's next date (from today for `when done`) and the
 * other dates keep their distance to it. Null when the task does not recur validly or the rule
 * has ended. Invalid dates are not moved (and stay as written).
 */
export function nextOccurrence(task: Pick<Task, 'recurrence' | 'dates'>, today: string): Occurrence | null {
  if (task.recurrence === null) return null;
  const rule = parseRecurrence(task.recurrence);
  if (!rule || !isValidIsoDate(today)) return null;
  const valid = (d: string | null) => (d !== null && isValidIsoDate(d) ? d : null);
  const start = valid(task.dates.start);
  const scheduled = valid(task.dates.scheduled);
  const due = valid(task.dates.due);
  const reference = due ?? scheduled ?? start;
  const base = rule.whenDone || reference === null ? today : reference;
  const next = nextReferenceDate(rule, base);
  if (next === null) return null;
  if (reference === null) return { start: null, scheduled: null, due: null };
  const shift = (d: string | null) => (d === null ? null : addDays(next, toDayNumber(d) - toDayNumber(reference)));
  return { start: shift(start), scheduled: shift(scheduled), due: shift(due) };
}
