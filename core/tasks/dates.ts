// Calendar dates as `YYYY-MM-DD` strings, computed in UTC so no time zone can shift a day.

const msPerDay = 86_400_000;

/** True for a real calendar date written `YYYY-MM-DD` (`2022-02-30` and `2022-13-01` are not). */
export function isValidIsoDate(text: string): boolean {
  // By hand rather than by regex: every date field of every task is checked on load.
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return false;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (year < 0 || month < 0 || day < 0) return false;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** The number written by `count` ASCII digits at `at`, or -1 when one is not a digit. */
function digitsAt(text: string, at: number, count: number): number {
  let value = 0;
  for (let k = at; k < at + count; k++) {
    const d = text.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 for a valid date; NaN otherwise. */
export function toDayNumber(text: string): number {
  if (!isValidIsoDate(text)) return Number.NaN;
  return Math.round(utcDate(text).getTime() / msPerDay);
}

export function fromDayNumber(days: number): string {
  return formatUtcDate(new Date(days * msPerDay));
}

/** Midnight UTC of a valid date (years below 100 are not shifted into the 1900s). */
export function utcDate(text: string): Date {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  date.setUTCHours(0, 0, 0, 0);
  return date;
}

export function formatUtcDate(date: Date): string {
  const y = date.getUTCFullYear();
  const year = y < 0 ? `-${String(-y).padStart(6, '0')}` : y > 9999 ? `+${String(y).padStart(6, '0')}` : String(y).padStart(4, '0');
  return `${year}-${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

/** The local calendar date of `now` (the user's today, not UTC's). */
export function localDate(now: Date = new Date()): string {
  return `${String(now.getFullYear()).padStart(4, '0')}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function addDays(text: string, days: number): string {
  return fromDayNumber(toDayNumber(text) + days);
}

/** Adds months; a day the target month lacks becomes its last day (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsClamped(text: string, months: number): string {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, Math.min(d, daysInMonth(year, month)));
  date.setUTCHours(0, 0, 0, 0);
  return formatUtcDate(date);
}
