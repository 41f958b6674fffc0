import { describe, expect, it } from 'vitest';
import { makeTask } from './makeTask.js';
import { matching } from './helpers.js';

const d = (description: string, o: Parameters<typeof makeTask>[0] = {}) => makeTask({ description, ...o });

describe('status filters', () => {
  const tasks = [
    d('todo'),
    d('doing', { status: 'IN_PROGRESS' }),
    d('held', { status: 'ON_HOLD' }),
    d('finished', { status: 'DONE' }),
    d('dropped', { status: 'CANCELLED' }),
    d('note', { status: 'NON_TASK' }),
  ];
  const names = (q: string) => matching(q, tasks).sort();

  it('done = DONE, CANCELLED, NON_TASK', () => {
    expect(names('done')).toEqual(['dropped', 'finished', 'note']);
  });
  it('not done = TODO, IN_PROGRESS, ON_HOLD', () => {
    expect(names('not done')).toEqual(['doing', 'held', 'todo']);
  });
  it('is case-insensitive', () => {
    expect(names('NOT DONE')).toEqual(['doing', 'held', 'todo']);
  });
  it('status.type is / is not, values case-insensitive', () => {
    expect(names('status.type is IN_PROGRESS')).toEqual(['doing']);
    expect(names('status.type is in_progress')).toEqual(['doing']);
    expect(names('status.type is not TODO')).toEqual(['doing', 'dropped', 'finished', 'held', 'note']);
  });
  it('status.name includes / regex', () => {
    expect(names('status.name includes progress')).toEqual(['doing']);
    expect(names('status.name regex matches /^(Done|Cancelled)$/')).toEqual(['dropped', 'finished']);
    expect(names('status.name does not include o')).toEqual(['dropped']);
  });
});

describe('date existence and validity', () => {
  const tasks = [
    d('due ok', { due: '2022-10-21' }),
    d('due bad', { due: '2022-02-30', invalid: ['due'] }),
    d('due bad unflagged', { due: '2022-13-01' }),
    d('none'),
    d('scheduled', { scheduled: '2022-10-25' }),
  ];
  it('has due date counts invalid dates as present', () => {
    expect(matching('has due date', tasks).sort()).toEqual(['due bad', 'due bad unflagged', 'due ok']);
  });
  it('no due date', () => {
    expect(matching('no due date', tasks).sort()).toEqual(['none', 'scheduled']);
  });
  it('due date is invalid', () => {
    expect(matching('due date is invalid', tasks).sort()).toEqual(['due bad', 'due bad unflagged']);
  });
  it('invalid dates never match a date comparison', () => {
    expect(matching('due before 2100-01-01', tasks)).toEqual(['due ok']);
    expect(matching('due after 1900-01-01', tasks)).toEqual(['due ok']);
  });
  it('has/no happens date looks at start, scheduled and due', () => {
    expect(matching('has happens date', tasks).sort()).toEqual(['due bad', 'due bad unflagged', 'due ok', 'scheduled']);
    expect(matching('no happens date', tasks)).toEqual(['none']);
  });
  it('every date field has has/no/is invalid', () => {
    for (const field of ['due', 'scheduled', 'start', 'created', 'done', 'cancelled']) {
      const t = [d('with', { [field]: '2022-10-01' }), d('bad', { [field]: 'nope', invalid: [field] }), d('without')];
      expect(matching(`has ${field} date`, t).sort()).toEqual(['bad', 'with']);
      expect(matching(`no ${field} date`, t)).toEqual(['without']);
      expect(matching(`${field} date is invalid`, t)).toEqual(['bad']);
    }
  });
});

describe('priority', () => {
  const tasks = (['highest', 'high', 'medium', 'normal', 'low', 'lowest'] as const).map((p) => d(p, { priority: p }));
  const names = (q: string) => matching(q, tasks).sort();
  it('priority is X (none = normal)', () => {
    expect(names('priority is high')).toEqual(['high']);
    expect(names('priority is none')).toEqual(['normal']);
    expect(names('priority none')).toEqual(['normal']);
    expect(names('priority is normal')).toEqual(['normal']);
  });
  it('above / below / not', () => {
    expect(names('priority is above none')).toEqual(['high', 'highest', 'medium']);
    expect(names('priority is below none')).toEqual(['low', 'lowest']);
    expect(names('priority is not medium')).toEqual(['high', 'highest', 'low', 'lowest', 'normal']);
    expect(names('priority above low')).toEqual(['high', 'highest', 'medium', 'normal']);
  });
});

describe('recurrence', () => {
  const tasks = [d('weekly', { recurrence: 'every week' }), d('monthly', { recurrence: 'every month when done' }), d('once')];
  it('is recurring / is not recurring', () => {
    expect(matching('is recurring', tasks).sort()).toEqual(['monthly', 'weekly']);
    expect(matching('is not recurring', tasks)).toEqual(['once']);
  });
  it('recurrence includes', () => {
    expect(matching('recurrence includes when done', tasks)).toEqual(['monthly']);
    expect(matching('recurrence does not include week', tasks).sort()).toEqual(['monthly', 'once']);
  });
});

describe('text filters', () => {
  const tasks = [
    d('Buy milk #shop', { path: 'Inbox/groceries.md', heading: 'Errands' }),
    d('Write report', { path: 'Work/Reports/q3.md', heading: 'Q3 Report' }),
    d('Call Mum', { path: 'home.md', heading: null }),
  ];
  const names = (q: string) => matching(q, tasks).sort();
  it('description includes is a case-insensitive substring', () => {
    expect(names('description includes MILK')).toEqual(['Buy milk #shop']);
    expect(names('description does not include milk')).toEqual(['Call Mum', 'Write report']);
  });
  it('regex matches honours flags and slashes', () => {
    expect(names('description regex matches /^call/')).toEqual([]);
    expect(names('description regex matches /^call/i')).toEqual(['Call Mum']);
    expect(names('path regex matches /Work/Reports/')).toEqual(['Write report']);
    expect(names('description regex does not match /r/')).toEqual(['Buy milk #shop', 'Call Mum']);
  });
  it('a g flag does not make the regex stateful', () => {
    expect(names('description regex matches /o/g')).toEqual(['Buy milk #shop', 'Write report']);
  });
  it('path, folder, root, filename', () => {
    expect(names('path includes work/')).toEqual(['Write report']);
    expect(names('folder includes Work/Reports/')).toEqual(['Write report']);
    expect(names('root includes Inbox/')).toEqual(['Buy milk #shop']);
    expect(names('folder regex matches /^\\/$/')).toEqual(['Call Mum']);
    expect(names('root regex matches /^\\/$/')).toEqual(['Call Mum']);
    expect(names('filename includes q3.md')).toEqual(['Write report']);
    expect(names('filename does not include .md')).toEqual([]);
  });
  it('heading (a task without heading has an empty one)', () => {
    expect(names('heading includes report')).toEqual(['Write report']);
    expect(names('heading does not include report')).toEqual(['Buy milk #shop', 'Call Mum']);
    expect(names('heading regex matches /^$/')).toEqual(['Call Mum']);
  });
});

describe('tags', () => {
  const tasks = [d('a', { tags: ['work', 'urgent'] }), d('b', { tags: ['home'] }), d('c')];
  const names = (q: string) => matching(q, tasks).sort();
  it('include / includes / do not include, with or without #', () => {
    expect(names('tags include #work')).toEqual(['a']);
    expect(names('tag includes work')).toEqual(['a']);
    expect(names('tags includes #HOME')).toEqual(['b']);
    expect(names('tags do not include #work')).toEqual(['b', 'c']);
    expect(names('tag does not include home')).toEqual(['a', 'c']);
  });
  it('regex sees the # (as Tasks stores tags)', () => {
    expect(names('tags regex matches /^#ur/')).toEqual(['a']);
  });
  it('has tags / no tags', () => {
    expect(names('has tags')).toEqual(['a', 'b']);
    expect(names('no tags')).toEqual(['c']);
    expect(names('has tag')).toEqual(['a', 'b']);
  });
});

describe('dependencies', () => {
  const tasks = [
    d('root', { id: 'r' }),
    d('middle', { id: 'm', dependsOn: ['r'] }),
    d('leaf', { dependsOn: ['m'] }),
    d('after done', { dependsOn: ['x'] }),
    d('finished', { id: 'x', status: 'DONE' }),
    d('done but waiting', { status: 'DONE', dependsOn: ['r'] }),
  ];
  const names = (q: string) => matching(q, tasks).sort();
  it('is blocked / is not blocked', () => {
    expect(names('is blocked')).toEqual(['leaf', 'middle']);
    expect(names('is not blocked')).toEqual(['after done', 'done but waiting', 'finished', 'root']);
  });
  it('is blocking / is not blocking', () => {
    expect(names('is blocking')).toEqual(['middle', 'root']);
    expect(names('is not blocking')).toEqual(['after done', 'done but waiting', 'finished', 'leaf']);
  });
  it('has id / no id / id includes', () => {
    expect(names('has id')).toEqual(['finished', 'middle', 'root']);
    expect(names('no id')).toEqual(['after done', 'done but waiting', 'leaf']);
    expect(names('id includes m')).toEqual(['middle']);
  });
  it('has depends on / no depends on', () => {
    expect(names('has depends on')).toEqual(['after done', 'done but waiting', 'leaf', 'middle']);
    expect(names('no depends on')).toEqual(['finished', 'root']);
  });
  it('is ready: not done, every dependency done', () => {
    expect(names('is ready')).toEqual(['after done', 'root']);
  });
});

describe('roles and states (Scriptorium extras)', () => {
  const tasks = [
    d('coded', { role: 'coder' }),
    d('reviewed', { role: 'reviewer' }),
    d('nobody'),
    d('going', { status: 'IN_PROGRESS' }),
    d('gone', { status: 'CANCELLED' }),
  ];
  const names = (q: string) => matching(q, tasks).sort();
  it('role is / is not, has role, no role, role includes', () => {
    expect(names('role is Coder')).toEqual(['coded']);
    expect(names('role is not coder')).toEqual(['going', 'gone', 'nobody', 'reviewed']);
    expect(names('has role')).toEqual(['coded', 'reviewed']);
    expect(names('no role')).toEqual(['going', 'gone', 'nobody']);
    expect(names('role includes view')).toEqual(['reviewed']);
  });
  it('state is / is not', () => {
    expect(names('state is Active')).toEqual(['coded', 'reviewed']);
    expect(names('state is inprogress')).toEqual(['going']);
    expect(names('state is not Pending')).toEqual(['coded', 'going', 'gone', 'reviewed']);
  });
});

describe('exclude sub-items', () => {
  const tasks = [
    d('top', { line: 0 }),
    d('child', { line: 1, prefix: '  ', indentParentLine: 0 }),
    d('under a plain list item', { line: 3, prefix: '    ' }),
    d('quoted top', { line: 5, prefix: '> ' }),
    d('quoted child', { line: 6, prefix: '>   ' }),
    d('by parent id', { line: 8, parentId: 'p' }),
    d('parent', { line: 9, id: 'p' }),
  ];
  it('keeps only unindented tasks (after a blockquote marker) without a parent task', () => {
    expect(matching('exclude sub-items', tasks).sort()).toEqual(['parent', 'quoted top', 'top']);
  });
});

describe('lines are AND-ed', () => {
  it('every line must match', () => {
    const tasks = [d('a', { tags: ['x'], priority: 'high' }), d('b', { tags: ['x'] }), d('c', { priority: 'high' })];
    expect(matching('tags include x\npriority is high', tasks)).toEqual(['a']);
  });
});
