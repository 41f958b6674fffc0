import { describe, expect, it } from 'vitest';
import { makeTask } from './makeTask.js';
import { matching, run } from './helpers.js';
import { urgency } from '../../../../core/tasks/query/taskValues.js';
import { dayNumber } from '../../../../core/tasks/query/queryDates.js';

const d = (description: string, o: Parameters<typeof makeTask>[0] = {}) => makeTask({ description, ...o });
const today = dayNumber('2022-10-21')!;

describe('urgency (Tasks scores)', () => {
  const score = (o: Parameters<typeof makeTask>[0]) => Number(urgency(makeTask(o), today).toFixed(5));
  it('priority alone', () => {
    expect(score({ priority: 'highest' })).toBe(9);
    expect(score({ priority: 'high' })).toBe(6);
    expect(score({ priority: 'medium' })).toBe(3.9);
    expect(score({})).toBe(1.95);
    expect(score({ priority: 'low' })).toBe(0);
    expect(score({ priority: 'lowest' })).toBe(-1.8);
  });
  it('due date multiplier from 0.2 to 1', () => {
    expect(score({ priority: 'low', due: '2022-10-14' })).toBe(12); // 7 days overdue
    expect(score({ priority: 'low', due: '2022-10-21' })).toBe(Number((((14 * 0.8) / 21 + 0.2) * 12).toFixed(5))); // today: 8.8
    expect(score({ priority: 'low', due: '2022-11-04' })).toBe(2.4); // 14 days ahead
    expect(score({ priority: 'low', due: '2023-01-01' })).toBe(2.4); // further
  });
  it('scheduled today or earlier +5, start in the future −3, invalid dates ignored', () => {
    expect(score({ priority: 'low', scheduled: '2022-10-21' })).toBe(5);
    expect(score({ priority: 'low', scheduled: '2022-10-22' })).toBe(0);
    expect(score({ priority: 'low', start: '2022-10-22' })).toBe(-3);
    expect(score({ priority: 'low', start: '2022-10-21' })).toBe(0);
    expect(score({ priority: 'low', due: '2022-10-99', invalid: ['due'] })).toBe(0);
  });
});

describe('default sort: status type, urgency, due, priority, path', () => {
  it('orders by status type first (in progress, todo, on hold, done, cancelled, non-task)', () => {
    const tasks = [
      d('cancelled', { status: 'CANCELLED' }),
      d('done', { status: 'DONE' }),
      d('held', { status: 'ON_HOLD' }),
      d('todo'),
      d('doing', { status: 'IN_PROGRESS' }),
      d('non', { status: 'NON_TASK' }),
    ];
    expect(matching('', tasks)).toEqual(['doing', 'todo', 'held', 'done', 'cancelled', 'non']);
  });
  it('then by urgency, highest first', () => {
    const tasks = [d('low', { priority: 'low' }), d('overdue', { due: '2022-10-01' }), d('high', { priority: 'high' })];
    expect(matching('', tasks)).toEqual(['overdue', 'high', 'low']);
  });
  it('then by due date, then path (equal urgency)', () => {
    // Both due far ahead: same urgency; earlier due first.
    const tasks = [
      d('later', { due: '2023-06-01', path: 'a.md' }),
      d('sooner', { due: '2023-01-01', path: 'b.md' }),
      d('path b', { path: 'b.md' }),
      d('path a', { path: 'a.md' }),
    ];
    expect(matching('', tasks)).toEqual(['sooner', 'later', 'path a', 'path b']);
  });
  it('paths compare numerically, like Tasks', () => {
    const tasks = [d('10', { path: 'n10.md' }), d('9', { path: 'n9.md' })];
    expect(matching('', tasks)).toEqual(['9', '10']);
  });
});

describe('sort by', () => {
  it('due: invalid first, then dates, missing last; reverse flips all', () => {
    const tasks = [
      d('none'),
      d('late', { due: '2022-12-01' }),
      d('bad', { due: '2022-13-45', invalid: ['due'] }),
      d('early', { due: '2022-01-01' }),
    ];
    expect(matching('sort by due', tasks)).toEqual(['bad', 'early', 'late', 'none']);
    expect(matching('sort by due reverse', tasks)).toEqual(['none', 'late', 'early', 'bad']);
  });
  it('every date field and happens', () => {
    for (const field of ['scheduled', 'start', 'created', 'done', 'cancelled'] as const) {
      const tasks = [d('b', { [field]: '2022-02-01' }), d('a', { [field]: '2022-01-01' })];
      expect(matching(`sort by ${field}`, tasks)).toEqual(['a', 'b']);
    }
    const tasks = [d('due 5', { due: '2022-01-05' }), d('start 3', { start: '2022-01-03', due: '2022-01-09' })];
    expect(matching('sort by happens', tasks)).toEqual(['start 3', 'due 5']);
  });
  it('priority, urgency', () => {
    const tasks = [d('low', { priority: 'low' }), d('highest', { priority: 'highest' }), d('normal')];
    expect(matching('sort by priority', tasks)).toEqual(['highest', 'normal', 'low']);
    expect(matching('sort by priority reverse', tasks)).toEqual(['low', 'normal', 'highest']);
    expect(matching('sort by urgency', tasks)).toEqual(['highest', 'normal', 'low']);
    expect(matching('sort by urgency reverse', tasks)).toEqual(['low', 'normal', 'highest']);
  });
  it('status puts todo before done; status.type and status.name', () => {
    const tasks = [d('x', { status: 'DONE' }), d('t'), d('p', { status: 'IN_PROGRESS' })];
    expect(matching('sort by status', tasks)).toEqual(['p', 't', 'x']);
    expect(matching('sort by status.type reverse', tasks)).toEqual(['x', 't', 'p']);
    expect(matching('sort by status.name', tasks)).toEqual(['x', 'p', 't']); // Done, In Progress, Todo
  });
  it('description ignores leading links and formatting', () => {
    const tasks = [d('**b** bold'), d('[[Note|c]] link'), d('a plain'), d('_d_ italic')];
    expect(matching('sort by description', tasks)).toEqual(['a plain', '**b** bold', '[[Note|c]] link', '_d_ italic']);
  });
  it('path, filename, heading, id', () => {
    const tasks = [
      d('1', { path: 'z/a.md', heading: 'B', id: 'b' }),
      d('2', { path: 'a/z.md', heading: null, id: 'a' }),
    ];
    expect(matching('sort by path', tasks)).toEqual(['2', '1']);
    expect(matching('sort by filename', tasks)).toEqual(['1', '2']);
    expect(matching('sort by heading', tasks)).toEqual(['2', '1']);
    expect(matching('sort by id reverse', tasks)).toEqual(['1', '2']);
  });
  it('tag, and tag N; untagged last', () => {
    const tasks = [d('none'), d('b', { tags: ['b', 'a'] }), d('a', { tags: ['a'] }), d('c', { tags: ['c', 'z'] })];
    expect(matching('sort by tag', tasks)).toEqual(['a', 'b', 'c', 'none']);
    expect(matching('sort by tag 2', tasks)).toEqual(['b', 'c', 'a', 'none']);
  });
  it('role and state (extras)', () => {
    const tasks = [d('none'), d('rev', { role: 'reviewer' }), d('cod', { role: 'coder' }), d('ip', { status: 'IN_PROGRESS' })];
    expect(matching('sort by role', tasks)).toEqual(['cod', 'rev', 'ip', 'none']);
    expect(matching('sort by state', tasks)).toEqual(['rev', 'cod', 'ip', 'none'].sort((a, b) => order(a) - order(b)));
    function order(x: string) {
      return { none: 0, rev: 1, cod: 1, ip: 2 }[x]!;
    }
  });
  it('recurring first; random is stable for a day', () => {
    const tasks = [d('once'), d('again', { recurrence: 'every day' })];
    expect(matching('sort by recurring', tasks)).toEqual(['again', 'once']);
    const many = Array.from({ length: 20 }, (_, i) => d(`t${i}`));
    expect(matching('sort by random', many)).toEqual(matching('sort by random', many));
    expect(matching('sort by random', many).sort()).toEqual(many.map((t) => t.description).sort());
  });
  it('later sort lines break ties of earlier ones', () => {
    const tasks = [d('b high', { priority: 'high', path: 'b.md' }), d('a high', { priority: 'high', path: 'a.md' }), d('a low', { priority: 'low', path: 'a.md' })];
    expect(matching('sort by path\nsort by priority', tasks)).toEqual(['a high', 'a low', 'b high']);
    expect(matching('sort by priority\nsort by path reverse', tasks)).toEqual(['b high', 'a high', 'a low']);
  });
});

describe('limit', () => {
  const tasks = Array.from({ length: 5 }, (_, i) => d(`t${i}`, { path: `n${i}.md` }));
  it('limit N keeps the first N after sorting; totals say so', () => {
    const r = run('limit 2', tasks);
    expect(r.groups[0]!.tasks.map((t) => t.description)).toEqual(['t0', 't1']);
    expect(r.totalTasks).toBe(2);
    expect(r.totalMatching).toBe(5);
    expect(matching('limit to 3 tasks', tasks)).toHaveLength(3);
    expect(matching('limit 0', tasks)).toEqual([]);
  });
  it('limit groups N applies inside each group', () => {
    const t = [...tasks, d('x', { path: 'n0.md' }), d('y', { path: 'n0.md' })];
    const r = run('group by path\nlimit groups 2', t);
    expect(r.groups.map((g) => g.tasks.length)).toEqual([2, 1, 1, 1, 1]);
    expect(r.totalTasks).toBe(6);
  });
});

describe('group by', () => {
  const headings = (q: string, tasks: ReturnType<typeof d>[]) => run(q, tasks).groups.map((g) => g.headings.join(' / '));
  it('no grouping: one group without headings', () => {
    expect(run('', [d('a')]).groups).toEqual([{ headings: [], tasks: [expect.anything()] }]);
  });
  it('due: dated groups in order, invalid first, undated last; reverse', () => {
    const tasks = [d('none'), d('b', { due: '2022-10-22' }), d('bad', { due: 'x', invalid: ['due'] }), d('a', { due: '2022-10-21' })];
    expect(headings('group by due', tasks)).toEqual(['Invalid due date', '2022-10-21 Friday', '2022-10-22 Saturday', 'No due date']);
    expect(headings('group by due reverse', tasks)).toEqual(['No due date', '2022-10-22 Saturday', '2022-10-21 Friday', 'Invalid due date']);
  });
  it('status, status.type, status.name', () => {
    const tasks = [d('x', { status: 'DONE' }), d('t'), d('p', { status: 'IN_PROGRESS' })];
    expect(headings('group by status', tasks)).toEqual(['Done', 'Todo']);
    expect(headings('group by status.type', tasks)).toEqual(['IN_PROGRESS', 'TODO', 'DONE']);
    expect(headings('group by status.name', tasks)).toEqual(['Done', 'In Progress', 'Todo']);
  });
  it('priority in priority order', () => {
    const tasks = [d('l', { priority: 'low' }), d('n'), d('h', { priority: 'highest' })];
    expect(headings('group by priority', tasks)).toEqual(['Highest priority', 'Normal priority', 'Low priority']);
  });
  it('path, folder, root, filename, heading, backlink', () => {
    const tasks = [d('1', { path: 'A/B/one.md', heading: 'H' }), d('2', { path: 'top.md' })];
    expect(headings('group by path', tasks)).toEqual(['A/B/one', 'top']);
    expect(headings('group by folder', tasks)).toEqual(['/', 'A/B/']);
    expect(headings('group by root', tasks)).toEqual(['/', 'A/']);
    expect(headings('group by filename', tasks)).toEqual(['one', 'top']);
    expect(headings('group by heading', tasks)).toEqual(['(No heading)', 'H']);
    expect(headings('group by backlink', tasks)).toEqual(['one > H', 'top']);
  });
  it('tags: a task is in one group per tag (localeCompare puts "(" before "#", as in Tasks)', () => {
    const tasks = [d('both', { tags: ['b', 'a'] }), d('none')];
    const r = run('group by tags', tasks);
    expect(r.groups.map((g) => [g.headings[0], g.tasks.map((t) => t.description)])).toEqual([
      ['(No tags)', ['none']],
      ['#a', ['both']],
      ['#b', ['both']],
    ]);
    expect(r.totalTasks).toBe(2);
  });
  it('recurring, recurrence, urgency (high first), id, role, state, happens', () => {
    const tasks = [d('r', { recurrence: 'every day', priority: 'high', id: 'x', role: 'coder' }), d('n', { priority: 'low' })];
    expect(headings('group by recurring', tasks)).toEqual(['Not Recurring', 'Recurring']);
    expect(headings('group by recurrence', tasks)).toEqual(['every day', 'None']);
    expect(headings('group by urgency', tasks)).toEqual(['6.00', '0.00']);
    expect(headings('group by urgency reverse', tasks)).toEqual(['0.00', '6.00']);
    expect(headings('group by id', tasks)).toEqual(['', 'x']);
    expect(headings('group by role', tasks)).toEqual(['(No role)', 'coder']);
    expect(headings('group by state', tasks)).toEqual(['Pending', 'Active']);
    expect(headings('group by happens', [d('s', { start: '2022-10-20', due: '2022-10-25' }), d('n')])).toEqual([
      '2022-10-20 Thursday',
      'No happens date',
    ]);
  });
  it('nested groups, reverse per level, tasks keep their sort order', () => {
    const tasks = [
      d('b1', { path: 'b.md', priority: 'high' }),
      d('a1', { path: 'a.md', priority: 'high' }),
      d('a2', { path: 'a.md', priority: 'low' }),
      d('a3', { path: 'a.md', priority: 'high', due: '2022-10-01' }),
    ];
    const r = run('group by path reverse\ngroup by priority', tasks);
    expect(r.groups.map((g) => [g.headings, g.tasks.map((t) => t.description)])).toEqual([
      [['b', 'High priority'], ['b1']],
      [['a', 'High priority'], ['a3', 'a1']],
      [['a', 'Low priority'], ['a2']],
    ]);
  });
  it('limit applies before grouping', () => {
    const tasks = [d('a', { path: 'a.md' }), d('b', { path: 'b.md' }), d('c', { path: 'c.md' })];
    expect(headings('group by path\nlimit 2', tasks)).toEqual(['a', 'b']);
  });
});
