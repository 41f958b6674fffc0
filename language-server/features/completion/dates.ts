import { addDays, addMonthsClamped, daysInMonth, isValidIsoDate, utcDate } from '../../../core/tasks/dates.js';

export interface NamedDate {
  name: string;
  date: string;
}

/** The relative dates offered after a date signifier, computed from `today` (`YYYY-MM-DD`). */
export function namedDates(today: string): NamedDate[] {
  if (!isValidIsoDate(today)) return [];
  const weekday = utcDate(today).getUTCDay();
  // The next such weekday after today (a week on when today is one).
  const next = (wanted: number) => addDays(today, (wanted - weekday + 7) % 7 || 7);
  const [year, month] = today.split('-').map(Number) as [number, number];
  return [
    { name: 'today', date: today },
    { name: 'tomorrow', date: addDays(today, 1) },
    { name: 'next monday', date: next(1) },
    { name: 'next friday', date: next(5) },
    { name: 'next week', date: addDays(today, 7) },
    { name: 'in two weeks', date: addDays(today, 14) },
    { name: 'end of month', date: `${today.slice(0, 8)}${String(daysInMonth(year, month)).padStart(2, '0')}` },
    // Same day next month, clamped to that month's last day (Jan 31 → Feb 28/29).
    { name: 'next month', date: addMonthsClamped(today, 1) },
  ];
}
