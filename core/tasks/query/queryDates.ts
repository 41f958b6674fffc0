// Calendar arithmetic for queries on whole days, time-zone free: a date is its day number
// (days since 1970-01-01), and date expressions in filters resolve to inclusive day ranges
// relative to a given `today`, the way Tasks' DateParser does.

import * as chrono from 'chrono-node';

const MS_PER_DAY = 86_400_000;
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

const memo = new Map<string, number | null>();

/** Day number of a valid `YYYY-MM-DD`, or null for anything else (including 2024-02-30). */
export function dayNumber(text: string): number | null {
  // Vaults repeat the same few thousand dates; parse each once.
  const known = memo.get(text);
  if (known !== undefined) return known;
  const day = parseDayNumber(text);
  if (memo.size > 100_000) memo.clear();
  memo.set(text, day);
  return day;
}

function parseDayNumber(text: string): number | null {
  const m = isoDate.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  return dayFromParts(y, mo, d);
}

/** Day number of year/month (1-12)/day, or null when the day does not exist. */
export function dayFromParts(y: number, mo: number, d: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  const date = new Date(Date.UTC(2000, mo - 1, d));
  date.setUTCFullYear(y);
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return Math.round(date.getTime() / MS_PER_DAY);
}

function utc(day: number): Date {
  return new Date(day * MS_PER_DAY);
}

export function parts(day: number): { y: number; m: number; d: number; weekday: number } {
  const date = utc(day);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate(), weekday: date.getUTCDay() };
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

export function formatDay(day: number): string {
  const { y, m, d } = parts(day);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export function weekdayName(day: number): string {
  return weekdays[parts(day).weekday]!;
}

function ordinal(n: number): string {
  const rem100 = n % 100;
  if (rem100 >= 11 && rem100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1:
      return `${n}st`;
    case 2:
      return `${n}nd`;
    case 3:
      return `${n}rd`;
    default:
      return `${n}th`;
  }
}

/** Tasks' explain format: `2022-10-22 (Saturday 22nd October 2022)`. */
export function formatDayLong(day: number): string {
  const { y, m, d } = parts(day);
  return `${formatDay(day)} (${weekdayName(day)} ${ordinal(d)} ${months[m - 1]} ${y})`;
}

/** Tasks' date group heading: `2022-10-22 Saturday`. */
export function formatDayWithWeekday(day: number): string {
  return `${formatDay(day)} ${weekdayName(day)}`;
}

/** An inclusive range of days. */
export interface DayRange {
  start: number;
  end: number;
}

type Unit = 'week' | 'month' | 'quarter' | 'year';

/** Monday (ISO) of the week holding `day`. */
function startOfIsoWeek(day: number): number {
  const weekday = parts(day).weekday; // 0 = Sunday
  return day - ((weekday + 6) % 7);
}

function monthRange(y: number, m: number, count: number): DayRange {
  // m may be out of 1..12; Date.UTC normalises it.
  const start = Math.round(Date.UTC(y, m - 1, 1) / MS_PER_DAY);
  const end = Math.round(Date.UTC(y, m - 1 + count, 1) / MS_PER_DAY) - 1;
  return { start, end };
}

/** `this|last|next week|month|quarter|year`, relative to `today` (ISO weeks, Monday first). */
export function relativeRange(which: 'last' | 'this' | 'next', unit: Unit, today: number): DayRange {
  const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0;
  const { y, m } = parts(today);
  switch (unit) {
    case 'week': {
      const start = startOfIsoWeek(today) + 7 * shift;
      return { start, end: start + 6 };
    }
    case 'month':
      return monthRange(y, m + shift, 1);
    case 'quarter': {
      const firstMonth = Math.floor((m - 1) / 3) * 3 + 1;
      return monthRange(y, firstMonth + 3 * shift, 3);
    }
    case 'year':
      return monthRange(y + shift, 1, 12);
  }
}

/** Monday of ISO week `week` of ISO year `year`. */
function isoWeekStart(year: number, week: number): number {
  // Week 1 holds January 4th.
  const jan4 = Math.round(Date.UTC(year, 0, 4) / MS_PER_DAY);
  return startOfIsoWeek(jan4) + (week - 1) * 7;
}

/** `2024`, `2024-Q2`, `2024-05`, `2024-W14`; null for anything else. */
export function numberedRange(text: string): DayRange | null {
  const t = text.trim();
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(t))) return monthRange(Number(m[1]), 1, 12);
  if ((m = /^(\d{4})-Q([1-4])$/i.exec(t))) return monthRange(Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 3);
  if ((m = /^(\d{4})-(\d{2})$/.exec(t))) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return monthRange(Number(m[1]), month, 1);
  }
  if ((m = /^(\d{4})-W(\d{2})$/i.exec(t))) {
    const week = Number(m[2]);
    if (week < 1 || week > 53) return null;
    const start = isoWeekStart(Number(m[1]), week);
    return { start, end: start + 6 };
  }
  return null;
}

const relativeRangePattern = /^(last|this|next) (week|month|quarter|year)$/i;

/** Text allowed between and around chrono's matches: spaces and range words. */
const leftoverAllowed = /^[\s,]*((to|and|until|through|-|–)[\s,]*)?$/i;

function chronoRange(text: string, today: number): DayRange | null {
  const { y, m, d } = parts(today);
  // Noon local time: a whole-day reference that no time-zone offset moves to another day.
  const reference = new Date(y, m - 1, d, 12, 0, 0);
  let results: chrono.ParsedResult[];
  try {
    results = chrono.parse(text, reference);
  } catch {
    return null;
  }
  const first = results[0];
  if (!first) return null;
  // Tasks accepts any text in which chrono finds a date ("due befor tomorrow" = due tomorrow);
  // we insist that the dates are all there is, so a typo is an error instead of a surprise.
  const used = results.slice(0, 2);
  let leftover = text;
  for (const r of used) leftover = leftover.replace(r.text, ' ');
  if (!leftoverAllowed.test(leftover)) return null;
  const toDay = (c: chrono.ParsedComponents): number | null =>
    dayFromParts(c.get('year') ?? y, c.get('month') ?? m, c.get('day') ?? d);
  const start = toDay(first.start);
  const second = results[1];
  const endComponents = second ? second.start : (first.end ?? first.start);
  const end = toDay(endComponents);
  if (start === null || end === null) return null;
  return start <= end ? { start, end } : { start: end, end: start };
}

const nearDays = new Map([
  ['yesterday', -1],
  ['today', 0],
  ['tomorrow', 1],
]);

/**
 * The dates most filters name, read as chrono reads them but without it: chrono's first parse
 * compiles dozens of large regular expressions (≈50 ms), its second compiles them to machine
 * code (≈150 ms more), and `due before today` should cost neither.
 */
function singleDay(text: string, today: number): number | null {
  const near = nearDays.get(text.toLowerCase());
  if (near !== undefined) return today + near;
  return isoDate.test(text) ? dayNumber(text) : null;
}

/**
 * Resolve the date part of a date filter the way Tasks does: a relative range, a numbered range,
 * then chrono on the text after the keyword; failing all, chrono on the keyword and text together
 * (so `due in two weeks` and `due before in two weeks` both work).
 */
export function resolveDateRange(dateText: string, keywordAndDateText: string, today: number): DayRange | null {
  const text = dateText.trim();
  const rel = relativeRangePattern.exec(text);
  if (rel) return relativeRange(rel[1]!.toLowerCase() as 'last', rel[2]!.toLowerCase() as Unit, today);
  const numbered = numberedRange(text);
  if (numbered) return numbered;
  const single = singleDay(text, today);
  if (single !== null) return { start: single, end: single };
  if (text !== '') {
    const range = chronoRange(text, today);
    if (range) return range;
  }
  const whole = keywordAndDateText.trim();
  if (whole !== text && whole !== '') {
    const range = chronoRange(whole, today);
    // Tasks' fallback reads a single date.
    if (range) return { start: range.start, end: range.start };
  }
  return null;
}

/** Today's day number from the host's clock (used only when no `today` was supplied). */
export function systemToday(): number {
  const now = new Date();
  return dayFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}
