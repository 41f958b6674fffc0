import { describe, expect, test } from 'vitest';
import { nextOccurrence, parseRecurrence } from '../../../core/tasks/recurrence.js';

const dates = (d: Partial<Record<'due' | 'scheduled' | 'start', string>>) => ({
  due: d.due ?? null,
  scheduled: d.scheduled ?? null,
  start: d.start ?? null,
  created: null,
  done: null,
  cancelled: null,
});
const next = (rule: string, d: Partial<Record<'due' | 'scheduled' | 'start', string>>, today = '2024-05-10') =>
  nextOccurrence({ recurrence: rule, dates: dates(d) }, today);

describe('parseRecurrence', () => {
  test.each([
    'every day',
    'every 3 days',
    'every week',
    'every week on Monday, Friday',
    'every 2 weeks on Tuesday',
    'every month on the 1st',
    'every month on the last Friday',
    'every month on the last',
    'every year',
    'every January on the 15th',
    'every weekday',
    'every day when done',
    'Every Week When Done',
  ])('%s is a rule', (rule) => {
    expect(parseRecurrence(rule)).not.toBeNull();
  });

  test.each(['', 'sometimes', 'every', 'daily?', 'every 0 days', 'every day 📅'])('%j is not', (rule) => {
    expect(parseRecurrence(rule)).toBeNull();
  });

  test('when done is split off', () => {
    expect(parseRecurrence('every 2 days when done')).toMatchObject({ rule: 'every 2 days', whenDone: true });
    expect(parseRecurrence('every 2 days')).toMatchObject({ whenDone: false });
  });
});

describe('nextOccurrence', () => {
  test.each([
    ['every day', '2024-05-06', '2024-05-07'],
    ['every 3 days', '2024-05-06', '2024-05-09'],
    ['every week', '2024-05-06', '2024-05-13'],
    ['every 2 weeks', '2024-05-06', '2024-05-20'],
    ['every week on Monday, Friday', '2024-05-06', '2024-05-10'],
    ['every week on Monday, Friday', '2024-05-10', '2024-05-13'],
    ['every 2 weeks on Tuesday', '2024-05-07', '2024-05-21'],
    ['every weekday', '2024-05-10', '2024-05-13'],
    ['every month', '2024-05-15', '2024-06-15'],
    ['every month', '2024-01-31', '2024-02-29'],
    ['every 2 months', '2024-12-31', '2025-02-28'],
    ['every month on the 1st', '2024-05-15', '2024-06-01'],
    ['every month on the last Friday', '2024-05-31', '2024-06-28'],
    ['every month on the last', '2024-05-31', '2024-06-30'],
    ['every year', '2024-02-29', '2025-02-28'],
    ['every year', '2024-05-06', '2025-05-06'],
    ['every January on the 15th', '2024-05-06', '2025-01-15'],
  ])('%s from %s → %s', (rule, due, expected) => {
    expect(next(rule, { due })?.due).toBe(expected);
  });

  test('other dates keep their distance to the reference (due)', () => {
    expect(next('every week', { start: '2024-05-01', scheduled: '2024-05-04', due: '2024-05-06' })).toEqual({
      start: '2024-05-08',
      scheduled: '2024-05-11',
      due: '2024-05-13',
    });
  });

  test('without due, scheduled is the reference', () => {
    expect(next('every month on the 1st', { scheduled: '2024-05-01', start: '2024-04-28' })).toEqual({ start: '2024-05-29', scheduled: '2024-06-01', due: null });
  });

  test('without due and scheduled, start is the reference', () => {
    expect(next('every day', { start: '2024-05-01' })).toEqual({ start: '2024-05-02', scheduled: null, due: null });
  });

  test('when done: the next date follows today, not the old due date', () => {
    expect(next('every week when done', { due: '2024-01-01' }, '2024-05-10')?.due).toBe('2024-05-17');
    expect(next('every week on Monday when done', { due: '2024-01-01', scheduled: '2023-12-31' }, '2024-05-10')).toEqual({
      start: null,
      scheduled: '2024-05-12',
      due: '2024-05-13',
    });
  });

  test('a recurring task without dates recurs without dates', () => {
    expect(next('every day', {})).toEqual({ start: null, scheduled: null, due: null });
  });

  test('an invalid rule gives null', () => {
    expect(next('sometimes', { due: '2024-05-06' })).toBeNull();
    expect(nextOccurrence({ recurrence: null, dates: dates({ due: '2024-05-06' }) }, '2024-05-10')).toBeNull();
  });

  test('an invalid date is not a reference and is not moved', () => {
    expect(next('every day', { due: '2024-02-30', scheduled: '2024-05-06' })).toEqual({ start: null, scheduled: '2024-05-07', due: null });
  });

  test('an ended rule gives null', () => {
    expect(next('every day until January 1, 2020', { due: '2024-05-06' })).toBeNull();
  });
});
