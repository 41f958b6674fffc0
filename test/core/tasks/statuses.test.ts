import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { defaultTaskSettings, isDoneType, settingsFromTasksPluginData, statusFor } from '../../../core/tasks/statuses.js';
import { hasCorpora, noticeIfNoCorpora, tasksDemoVault } from '../../support/corpora.js';

describe('default status table', () => {
  const s = defaultTaskSettings();
  test.each([
    [' ', 'Todo', 'TODO', 'x'],
    ['x', 'Done', 'DONE', ' '],
    ['/', 'In Progress', 'IN_PROGRESS', 'x'],
    ['-', 'Cancelled', 'CANCELLED', ' '],
  ])("Tasks' default [%s] is %s (%s), next '%s'", (symbol, name, type, next) => {
    expect(statusFor(symbol, s)).toMatchObject({ symbol, name, type, next });
  });

  test.each('><?!*"lbiSIpcfkwud'.split(''))('Minimal theme symbol [%s] is TODO-type', (symbol) => {
    const status = statusFor(symbol, s);
    expect(status.type).toBe('TODO');
    expect(status.name).not.toBe('Unknown');
  });

  test('Failed is [F], TODO-type, lifecycle state Failed, retried to Todo', () => {
    expect(statusFor('F', s)).toEqual({ symbol: 'F', name: 'Failed', type: 'TODO', next: ' ', state: 'Failed' });
  });

  test('an unknown symbol is a TODO named Unknown', () => {
    expect(statusFor('Z', s)).toMatchObject({ symbol: 'Z', name: 'Unknown', type: 'TODO' });
    expect(statusFor('🔥', s)).toMatchObject({ symbol: '🔥', name: 'Unknown', type: 'TODO' });
  });

  test('[X] is not done by default (as in Tasks)', () => {
    expect(statusFor('X', s).type).toBe('TODO');
  });

  test('[X] is done with upperXIsDone', () => {
    expect(statusFor('X', { ...s, upperXIsDone: true })).toMatchObject({ type: 'DONE', next: ' ' });
  });

  test('done types are DONE, CANCELLED and NON_TASK', () => {
    expect(['TODO', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED', 'NON_TASK'].filter((t) => isDoneType(t as never))).toEqual(['DONE', 'CANCELLED', 'NON_TASK']);
  });

  test('each call gives a fresh table', () => {
    const a = defaultTaskSettings();
    a.statuses[0]!.name = 'changed';
    expect(defaultTaskSettings().statuses[0]!.name).toBe('Todo');
  });
});

describe("the Tasks plugin's data.json", () => {
  test.each([null, undefined, 42, 'text', [], { statusSettings: 'no' }, { statusSettings: { coreStatuses: [{ symbol: 'toolong' }] } }])(
    'bad input %j gives the defaults',
    (input) => {
      expect(settingsFromTasksPluginData(input)).toEqual(defaultTaskSettings());
    },
  );

  test('custom statuses are read, and win over defaults with the same symbol', () => {
    const s = settingsFromTasksPluginData({
      statusSettings: {
        coreStatuses: [{ symbol: ' ', name: 'To do', nextStatusSymbol: '/', type: 'TODO' }],
        customStatuses: [
          { symbol: '!', name: 'Urgent', nextStatusSymbol: 'x', type: 'IN_PROGRESS' },
          { symbol: 'h', name: 'Hold', nextStatusSymbol: ' ', type: 'ON_HOLD' },
          { symbol: 'q', name: 'Weird type', nextStatusSymbol: 'x', type: 'SOMETHING' },
          { name: 'no symbol' },
        ],
      },
      globalFilter: '',
    });
    expect(statusFor(' ', s)).toMatchObject({ name: 'To do', next: '/' });
    expect(statusFor('!', s)).toMatchObject({ name: 'Urgent', type: 'IN_PROGRESS' });
    expect(statusFor('h', s).type).toBe('ON_HOLD');
    expect(statusFor('q', s).type).toBe('TODO');
    expect(statusFor('F', s).name).toBe('Failed');
    expect(s.globalFilter).toBeNull();
  });

  test('global filter and recurrence settings are read', () => {
    const s = settingsFromTasksPluginData({ globalFilter: '#task', recurrenceOnNextLine: true, removeScheduledDateOnRecurrence: true, setCreatedDate: true });
    expect(s).toMatchObject({ globalFilter: '#task', recurrenceOnNextLine: true, removeScheduledDateOnRecurrence: true, setCreatedDate: true });
  });

  describe.skipIf(!hasCorpora)('the demo vault', () => {
    noticeIfNoCorpora();
    test('status table and global filter from the demo vault', () => {
      const json: unknown = JSON.parse(readFileSync(path.join(tasksDemoVault, '.obsidian/plugins/obsidian-tasks-plugin/data.json'), 'utf8'));
      const s = settingsFromTasksPluginData(json);
      expect(s.globalFilter).toBe('#task');
      expect(s.statuses.slice(0, 4).map((x) => [x.symbol, x.name, x.type, x.next])).toEqual([
        [' ', 'Todo', 'TODO', 'x'],
        ['x', 'Done', 'DONE', ' '],
        ['/', 'In Progress', 'IN_PROGRESS', 'x'],
        ['-', 'Cancelled', 'CANCELLED', ' '],
      ]);
      expect(s.recurrenceOnNextLine).toBe(false);
    });
  });
});
