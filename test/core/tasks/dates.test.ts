import { expect, test } from 'vitest';
import { addDays, addMonthsClamped, isValidIsoDate, toDayNumber } from '../../../core/tasks/dates.js';

test.each(['2024-02-29', '2000-02-29', '1999-12-31', '0001-01-01'])('%s is a valid date', (d) => expect(isValidIsoDate(d)).toBe(true));
test.each(['2022-02-30', '2022-13-01', '2023-02-29', '1900-02-29', '2022-00-10', '2022-01-00', '2022-1-01', 'tomorrow', ''])('%j is not', (d) =>
  expect(isValidIsoDate(d)).toBe(false),
);
test('day arithmetic crosses months, years and leap days', () => {
  expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
  expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  expect(toDayNumber('1970-01-02')).toBe(1);
  expect(addDays('0050-01-01', 1)).toBe('0050-01-02');
});
test('months clamp to the month end', () => {
  expect(addMonthsClamped('2024-01-31', 1)).toBe('2024-02-29');
  expect(addMonthsClamped('2023-01-31', 1)).toBe('2023-02-28');
  expect(addMonthsClamped('2024-11-15', 3)).toBe('2025-02-15');
  expect(addMonthsClamped('2024-02-29', 12)).toBe('2025-02-28');
});
