import { formatDate } from '../shared/options.js';

export interface NamedDate {
  name: string;
  date: string;
}

/** The relative dates offered after a date signifier, computed from `today` (`YYYY-MM-DD`). */
export function namedDates(today: string): NamedDate[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) return [];
  const base = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = 86_400_000;
  const weekday = new Date(base).getUTCDay();
  const ymd = (t: number) => {
    const d = new Date(t);
    return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
  };
  const next = (wanted: number) => base + (((wanted - weekday + 7) % 7) || 7) * day;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  // Next month on the same day, clamped to that month's last day (Jan 31 → Feb 28/29).
  const lastOfNext = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
  const lastOfThis = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return [
    { name: 'today', date: ymd(base) },
    { name: 'tomorrow', date: ymd(base + day) },
    { name: 'next monday', date: ymd(next(1)) },
    { name: 'next friday', date: ymd(next(5)) },
    { name: 'next week', date: ymd(base + 7 * day) },
    { name: 'in two weeks', date: ymd(base + 14 * day) },
    { name: 'end of month', date: formatDate(y, mo, lastOfThis) },
    { name: 'next month', date: ymd(Date.UTC(y, mo, Math.min(Number(m[3]), lastOfNext))) },
  ];
}
