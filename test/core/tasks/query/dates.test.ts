import { describe, expect, it } from 'vitest';
import { makeTask } from './makeTask.js';
import { errorsOf, matching, TODAY } from './helpers.js';
import { numberedRange, relativeRange, dayNumber, formatDay, formatDayLong, resolveDateRange } from '../../../../core/tasks/query/queryDates.js';

// Today is Friday 2022-10-21.
const days = [
  '2020-10-21', '2021-12-31', '2022-01-01', '2022-06-30', '2022-07-01', '2022-09-30', '2022-10-01',
  '2022-10-10', '2022-10-16', '2022-10-17', '2022-10-20', '2022-10-21', '2022-10-22', '2022-10-23',
  '2022-10-24', '2022-10-30', '2022-10-31', '2022-11-01', '2022-11-04', '2022-11-30', '2022-12-31', '2023-01-01',
];
const dueTasks = days.map((due) => makeTask({ description: due, due }));
const due = (q: string) => matching(`due ${q}`, dueTasks).sort();
const between = (a: string, b: string) => days.filter((x) => x >= a && x <= b);

describe('absolute dates and keywords', () => {
  it('on / no keyword / in are the day itself', () => {
    expect(due('on 2022-10-21')).toEqual(['2022-10-21']);
    expect(due('2022-10-21')).toEqual(['2022-10-21']);
    expect(due('in 2022-10-21')).toEqual(['2022-10-21']);
  });
  it('before / after exclude the day', () => {
    expect(due('before 2022-01-01')).toEqual(['2020-10-21', '2021-12-31']);
    expect(due('after 2022-12-31')).toEqual(['2023-01-01']);
  });
  it('on or before / on or after include it', () => {
    expect(due('on or before 2022-01-01')).toEqual(['2020-10-21', '2021-12-31', '2022-01-01']);
    expect(due('on or after 2022-12-31')).toEqual(['2022-12-31', '2023-01-01']);
  });
  it('a range of two dates is inclusive, in either order', () => {
    expect(due('2022-10-01 2022-10-10')).toEqual(['2022-10-01', '2022-10-10']);
    expect(due('in 2022-10-10 2022-10-01')).toEqual(['2022-10-01', '2022-10-10']);
    expect(due('before 2022-10-01 2022-10-10')).toEqual(between('2000-01-01', '2022-09-30'));
    expect(due('after 2022-10-01 2022-10-10')).toEqual(between('2022-10-11', '2099-01-01'));
    expect(due('in or before 2022-10-01 2022-10-10')).toEqual(between('2000-01-01', '2022-10-10'));
    expect(due('in or after 2022-10-01 2022-10-10')).toEqual(between('2022-10-01', '2099-01-01'));
  });
});

describe('relative ranges (ISO weeks, Monday first)', () => {
  it('this / last / next week', () => {
    expect(due('this week')).toEqual(between('2022-10-17', '2022-10-23'));
    expect(due('last week')).toEqual(between('2022-10-10', '2022-10-16'));
    expect(due('next week')).toEqual(between('2022-10-24', '2022-10-30'));
  });
  it('this / last / next month', () => {
    expect(due('this month')).toEqual(between('2022-10-01', '2022-10-31'));
    expect(due('last month')).toEqual(['2022-09-30']);
    expect(due('next month')).toEqual(between('2022-11-01', '2022-11-30'));
  });
  it('this / last / next quarter', () => {
    expect(due('this quarter')).toEqual(between('2022-10-01', '2022-12-31'));
    expect(due('last quarter')).toEqual(between('2022-07-01', '2022-09-30'));
    expect(due('next quarter')).toEqual(['2023-01-01']);
  });
  it('this / last / next year', () => {
    expect(due('this year')).toEqual(between('2022-01-01', '2022-12-31'));
    expect(due('last year')).toEqual(['2021-12-31']);
    expect(due('next year')).toEqual(['2023-01-01']);
  });
  it('keywords apply to the range ends', () => {
    expect(due('before this week')).toEqual(between('2000-01-01', '2022-10-16'));
    expect(due('after this week')).toEqual(between('2022-10-24', '2099-01-01'));
    expect(due('in or before this week')).toEqual(between('2000-01-01', '2022-10-23'));
  });
  it('is case-insensitive', () => {
    expect(due('IN THIS WEEK')).toEqual(between('2022-10-17', '2022-10-23'));
  });
  it('month ranges cross year ends', () => {
    expect(relativeRange('next', 'month', dayNumber('2022-12-15')!)).toEqual({
      start: dayNumber('2023-01-01'),
      end: dayNumber('2023-01-31'),
    });
    expect(relativeRange('last', 'quarter', dayNumber('2022-02-15')!)).toEqual({
      start: dayNumber('2021-10-01'),
      end: dayNumber('2021-12-31'),
    });
  });
});

describe('numbered ranges', () => {
  it('week, quarter, month, year', () => {
    expect(due('in 2022-W42')).toEqual(between('2022-10-17', '2022-10-23'));
    expect(due('2022-Q3')).toEqual(between('2022-07-01', '2022-09-30'));
    expect(due('in 2022-10')).toEqual(between('2022-10-01', '2022-10-31'));
    expect(due('2021')).toEqual(['2021-12-31']);
  });
  it('ISO week 1 may start in the previous year', () => {
    const w1 = numberedRange('2021-W01')!;
    expect([formatDay(w1.start), formatDay(w1.end)]).toEqual(['2021-01-04', '2021-01-10']);
    const w1b = numberedRange('2020-W01')!;
    expect(formatDay(w1b.start)).toBe('2019-12-30');
  });
});

describe('natural language, relative to today', () => {
  it('today, tomorrow, yesterday', () => {
    expect(due('today')).toEqual(['2022-10-21']);
    expect(due('before tomorrow')).toEqual(between('2000-01-01', '2022-10-21'));
    expect(due('on yesterday')).toEqual(['2022-10-20']);
  });
  it('in two weeks, before in two weeks', () => {
    expect(due('in two weeks')).toEqual(['2022-11-04']);
    expect(due('before in two weeks')).toEqual(between('2000-01-01', '2022-11-03'));
  });
  it('next monday, 2 years ago', () => {
    expect(due('next monday')).toEqual(['2022-10-24']);
    expect(due('2 years ago')).toEqual(['2020-10-21']);
  });
  it('the same query means other days on another today', () => {
    expect(matching('due today', dueTasks, '2022-11-04')).toEqual(['2022-11-04']);
  });
});

describe('which date each field reads', () => {
  const tasks = [
    makeTask({ description: 'starts later', start: '2022-11-01' }),
    makeTask({ description: 'started', start: '2022-10-01' }),
    makeTask({ description: 'no start' }),
    makeTask({ description: 'bad start', start: '2022-10-99', invalid: ['start'] }),
  ];
  it('starts matches tasks without a start date (Tasks semantics), never invalid ones', () => {
    expect(matching('starts before today', tasks).sort()).toEqual(['no start', 'started']);
  });
  it('scheduled, created, done, cancelled read their own dates', () => {
    for (const field of ['scheduled', 'created', 'done', 'cancelled'] as const) {
      const t = [makeTask({ description: 'yes', [field]: '2022-10-21' }), makeTask({ description: 'no', due: '2022-10-21' })];
      expect(matching(`${field} on 2022-10-21`, t)).toEqual(['yes']);
    }
  });
  it('happens matches when any of start, scheduled, due matches', () => {
    const t = [
      makeTask({ description: 'due', due: '2022-10-21' }),
      makeTask({ description: 'scheduled', scheduled: '2022-10-21' }),
      makeTask({ description: 'start', start: '2022-10-21' }),
      makeTask({ description: 'late start, early due', start: '2022-11-01', due: '2022-10-21' }),
      makeTask({ description: 'created only', created: '2022-10-21' }),
      makeTask({ description: 'none' }),
    ];
    expect(matching('happens today', t).sort()).toEqual(['due', 'late start, early due', 'scheduled', 'start']);
    expect(matching('happens after 2022-10-25', t)).toEqual(['late start, early due']);
  });
});

describe('date errors', () => {
  it('a typo is an error, not a silently different date', () => {
    const [message] = errorsOf('not done\ndue befor tomorrow');
    expect(message).toMatch(/^do not understand 'due befor tomorrow' \(line 2\)\. Valid date filters: /);
    expect(message).toContain('on or before');
    expect(message).toContain('last|this|next week');
  });
  it('impossible dates and empty dates are errors', () => {
    expect(errorsOf('due 2022-02-30')).toHaveLength(1);
    expect(errorsOf('due before')).toHaveLength(1);
    expect(errorsOf('scheduled in 2022-W60')).toHaveLength(1);
  });
});

describe('formatting', () => {
  it('formats like Tasks explain', () => {
    expect(formatDayLong(dayNumber('2022-10-22')!)).toBe('2022-10-22 (Saturday 22nd October 2022)');
    expect(formatDayLong(dayNumber('2022-10-11')!)).toBe('2022-10-11 (Tuesday 11th October 2022)');
    expect(formatDayLong(dayNumber('2022-10-03')!)).toBe('2022-10-03 (Monday 3rd October 2022)');
  });
});

describe('the dates read without chrono', () => {
  it('today, tomorrow, yesterday (any case) and ISO dates resolve as chrono resolves them', () => {
    const today = dayNumber(TODAY)!;
    // With a comma after it, the same word goes to chrono: both readings agree.
    for (const [word, offset] of [['today', 0], ['Tomorrow', 1], ['YESTERDAY', -1]] as const) {
      expect(resolveDateRange(word, `due ${word}`, today)).toEqual({ start: today + offset, end: today + offset });
      expect(resolveDateRange(`${word},`, `due ${word},`, today)).toEqual({ start: today + offset, end: today + offset });
    }
    const day = dayNumber('2022-02-28');
    expect(resolveDateRange('2022-02-28', 'due 2022-02-28', today)).toEqual({ start: day, end: day });
    expect(resolveDateRange('2022-02-28,', 'due 2022-02-28,', today)).toEqual({ start: day, end: day });
    // Not a day: left to chrono, as before.
    expect(resolveDateRange('2022-02-30', 'due 2022-02-30', today)).toEqual(resolveDateRange('2022-02-30,', 'due 2022-02-30,', today));
    expect(resolveDateRange('constructor', 'due constructor', today)).toBeNull();
  });
});
