import { describe, expect, test } from 'vitest';
import { tasksFromNote } from '../../../core/tasks/extractTasks.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { parsedNote } from './noteFixture.js';

const s = defaultTaskSettings();
const text = [
  '# Project', //                 0
  '- [ ] top 📅 2024-01-01', //   1
  '\t- plain item', //            2
  '\t\t- [x] deep ✅ 2024-01-02', // 3
  '\t- [/] child', //             4
  '## Later', //                  5
  '- [] not a task', //           6
  '> - [ ] quoted #task', //      7
  '1. [-] numbered', //           8
  '```', //                       9
  '- [ ] in a fence', //          10
  '```', //                       11
].join('\n');

describe('tasksFromNote', () => {
  const tasks = tasksFromNote(parsedNote('p/n.md', text), s);

  test('only checkbox items that are task lines', () => {
    expect(tasks.map((t) => t.line)).toEqual([1, 3, 4, 7, 8]);
  });

  test('fields, status, path and line', () => {
    expect(tasks[0]).toMatchObject({ path: 'p/n.md', line: 1, source: 'markdown', symbol: ' ', description: 'top', dates: { due: '2024-01-01' } });
    expect(tasks[1]).toMatchObject({ status: { type: 'DONE' }, dates: { done: '2024-01-02' } });
    expect(tasks[2]!.status.type).toBe('IN_PROGRESS');
    expect(tasks[4]).toMatchObject({ marker: '1.', status: { type: 'CANCELLED' } });
  });

  test('heading is the nearest heading above', () => {
    expect(tasks.map((t) => t.heading)).toEqual(['Project', 'Project', 'Project', 'Later', 'Later']);
  });

  test('indentation parent is the nearest ancestor that is a task, skipping plain items', () => {
    expect(tasks.map((t) => t.indentParentLine)).toEqual([null, 1, 1, null, null]);
  });

  test('blockquote prefix', () => {
    expect(tasks[3]).toMatchObject({ prefix: '> ', bodyStart: 8, tags: ['task'] });
  });

  test('the global filter gates tasks', () => {
    const filtered = tasksFromNote(parsedNote('n.md', text), { ...s, globalFilter: '#task' });
    expect(filtered.map((t) => t.line)).toEqual([7]);
  });

  test('an ancestor rejected by the global filter is not a parent', () => {
    const t = tasksFromNote(parsedNote('n.md', '- [ ] a\n\t- [ ] b #task'), { ...s, globalFilter: '#task' });
    expect(t.map((x) => [x.line, x.indentParentLine])).toEqual([[1, null]]);
  });

  test('[X] follows the setting', () => {
    expect(tasksFromNote(parsedNote('n.md', '- [X] a'), s)[0]!.status.type).toBe('TODO');
    expect(tasksFromNote(parsedNote('n.md', '- [X] a'), { ...s, upperXIsDone: true })[0]!.status.type).toBe('DONE');
  });

  test('a note without headings', () => {
    expect(tasksFromNote(parsedNote('n.md', '- [ ] a'), s)[0]!.heading).toBeNull();
  });
});
