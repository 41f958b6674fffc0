import { describe, expect, test } from 'vitest';
import { parseTaskBody } from '../../../core/tasks/fields.js';
import { task } from './helpers.js';

const body = (text: string) => parseTaskBody(text, 0);

describe('emoji date fields', () => {
  test.each([
    ['📅', 'due'],
    ['📆', 'due'],
    ['🗓', 'due'],
    ['🗓️', 'due'],
    ['⏳', 'scheduled'],
    ['⌛', 'scheduled'],
    ['🛫', 'start'],
    ['➕', 'created'],
    ['✅', 'done'],
    ['❌', 'cancelled'],
  ] as const)('%s is %s', (emoji, key) => {
    const b = body(`Do it ${emoji} 2024-03-04`);
    expect(b.dates[key]).toBe('2024-03-04');
    expect(b.description).toBe('Do it');
    expect(b.fields[0]).toMatchObject({ key, format: 'emoji', value: '2024-03-04' });
  });

  test.each(['📅\uFE0F 2024-03-04', '⏳\uFE0F 2024-03-04'])('an optional U+FE0F after the emoji: %j', (field) => {
    const b = body(`x ${field}`);
    expect(b.dates.due ?? b.dates.scheduled).toBe('2024-03-04');
    expect(b.description).toBe('x');
  });

  test.each(['📅2024-03-04', '📅 2024-03-04', '📅    2024-03-04'])('zero or more spaces before the value: %j', (field) => {
    expect(body(`x ${field}`).dates.due).toBe('2024-03-04');
  });

  test('columns are those of the whole line', () => {
    const t = task('- [ ] Buy 📅 2024-03-04');
    expect(t.fields[0]).toMatchObject({ start: 10, end: 23, valueStart: 13, valueEnd: 23 });
    expect(t.lineText.slice(t.fields[0]!.start, t.fields[0]!.end)).toBe('📅 2024-03-04');
  });

  test.each(['2022-02-30', '2022-13-01'])('invalid date %s keeps its text and is listed as invalid', (d) => {
    const b = body(`x 📅 ${d}`);
    expect(b.dates.due).toBe(d);
    expect(b.invalid).toEqual(['due']);
  });

  test.each(['📅 <% tp.date.now() %>', '✅ Whole thing', '📅 tomorrow', '📅', '📅 2024-01-011'])('a signifier without a date is prose: %j', (text) => {
    const b = body(`x ${text}`);
    expect(b.fields).toEqual([]);
    expect(b.dates.due).toBeNull();
    expect(b.description).toBe(`x ${text}`);
  });
});

describe('other emoji fields', () => {
  test.each([
    ['🔺', 'highest'],
    ['⏫', 'high'],
    ['🔼', 'medium'],
    ['🔽', 'low'],
    ['⏬', 'lowest'],
    ['⏫\uFE0F', 'high'],
  ] as const)('priority %s is %s', (emoji, priority) => {
    const b = body(`x ${emoji} y`);
    expect(b.priority).toBe(priority);
    expect(b.description).toBe('x y');
  });

  test('no priority is normal', () => {
    expect(body('x').priority).toBe('normal');
  });

  test('recurrence, up to the next field', () => {
    const b = body('x 🔁 every week on Monday, Friday 📅 2024-01-01');
    expect(b.recurrence).toBe('every week on Monday, Friday');
    expect(b.dates.due).toBe('2024-01-01');
    expect(b.invalid).toEqual([]);
  });

  test('recurrence with when done', () => {
    expect(body('x 🔁 every 3 days when done').recurrence).toBe('every 3 days when done');
  });

  test('an unreadable recurrence is kept and invalid', () => {
    const b = body('x 🔁 sometimes');
    expect(b.recurrence).toBe('sometimes');
    expect(b.invalid).toEqual(['recurrence']);
  });

  test('on completion', () => {
    expect(body('x 🏁 delete').onCompletion).toBe('delete');
    expect(body('x 🏁 Keep').onCompletion).toBe('keep');
    expect(body('x 🏁 never').invalid).toEqual(['onCompletion']);
  });

  test('id and depends on', () => {
    const b = body('x 🆔 abc-1_2 ⛔ a1, b2 ,c3');
    expect(b.id).toBe('abc-1_2');
    expect(b.dependsOn).toEqual(['a1', 'b2', 'c3']);
    expect(b.description).toBe('x');
  });

  test('all fields at once, in Tasks order', () => {
    const b = body('Task 🆔 i1 ⛔ d1 ⏫ 🔁 every day 🏁 keep ➕ 2024-01-01 🛫 2024-01-02 ⏳ 2024-01-03 📅 2024-01-04 ❌ 2024-01-05 ✅ 2024-01-06');
    expect(b).toMatchObject({
      description: 'Task',
      id: 'i1',
      dependsOn: ['d1'],
      priority: 'high',
      recurrence: 'every day',
      onCompletion: 'keep',
      dates: { created: '2024-01-01', start: '2024-01-02', scheduled: '2024-01-03', due: '2024-01-04', cancelled: '2024-01-05', done: '2024-01-06' },
      invalid: [],
    });
    expect(b.fields).toHaveLength(11);
  });
});

describe('fields anywhere in the body (Tasks reads only the end)', () => {
  test('text after a field does not hide it', () => {
    const b = body('Call 📅 2024-01-01 about the invoice');
    expect(b.dates.due).toBe('2024-01-01');
    expect(b.description).toBe('Call about the invoice');
  });

  test('a field at the start of the body', () => {
    expect(body('⏫ 📅 2024-01-01 Call').description).toBe('Call');
  });

  test('fields inside inline code are not fields', () => {
    const b = body('Write `📅 2024-01-01` in docs');
    expect(b.dates.due).toBeNull();
    expect(b.description).toBe('Write `📅 2024-01-01` in docs');
  });
});

describe('Dataview fields', () => {
  test.each([
    ['due', 'due'],
    ['scheduled', 'scheduled'],
    ['start', 'start'],
    ['created', 'created'],
    ['completion', 'done'],
    ['cancelled', 'cancelled'],
  ] as const)('[%s:: date] is %s', (name, key) => {
    const b = body(`x [${name}:: 2024-02-03] y`);
    expect(b.dates[key]).toBe('2024-02-03');
    expect(b.description).toBe('x y');
  });

  test('round brackets too', () => {
    expect(body('x (due:: 2024-02-03)').dates.due).toBe('2024-02-03');
  });

  test('spaces inside the brackets', () => {
    expect(body('x [ due::   2024-02-03  ]').fields[0]).toMatchObject({ value: '2024-02-03' });
  });

  test('priority, repeat, onCompletion, id, dependsOn', () => {
    const b = body('x [priority:: high] [repeat:: every month on the 1st] [onCompletion:: delete] [id:: t1] [dependsOn:: a,b]');
    expect(b).toMatchObject({ priority: 'high', recurrence: 'every month on the 1st', onCompletion: 'delete', id: 't1', dependsOn: ['a', 'b'], invalid: [] });
  });

  test('our own fields: role and parent', () => {
    const b = body('Write tests [role:: coder] [parent:: epic1]');
    expect(b).toMatchObject({ role: 'coder', parentId: 'epic1', description: 'Write tests' });
  });

  test('keys are matched without regard to case', () => {
    expect(body('x [Due:: 2024-01-01] [dependson:: a]')).toMatchObject({ dates: { due: '2024-01-01' }, dependsOn: ['a'] });
  });

  test('an invalid Dataview date is kept and listed', () => {
    const b = body('x [due:: 2024-02-30]');
    expect(b.dates.due).toBe('2024-02-30');
    expect(b.invalid).toEqual(['due']);
  });

  test('an invalid Dataview priority is listed', () => {
    expect(body('x [priority:: urgent]')).toMatchObject({ priority: 'normal', invalid: ['priority'] });
  });

  test('unknown inline fields stay in the description, and nothing inside them counts', () => {
    const b = body('x [foo:: 📅 2024-01-01 #t] y');
    expect(b.fields).toEqual([]);
    expect(b.tags).toEqual([]);
    expect(b.description).toBe('x [foo:: 📅 2024-01-01 #t] y');
  });

  test('links are not fields', () => {
    expect(body('see [[Note]] and [text](http://x.y/(a))').fields).toEqual([]);
  });

  test('both formats at once', () => {
    const b = body('x 📅 2024-01-01 [scheduled:: 2024-01-02] ⏫ [role:: writer]');
    expect(b).toMatchObject({ dates: { due: '2024-01-01', scheduled: '2024-01-02' }, priority: 'high', role: 'writer', description: 'x' });
  });
});

describe('duplicates', () => {
  test('the first wins; later ones are still recorded', () => {
    const b = body('x 📅 2024-01-01 [due:: 2024-02-02] 📆 2024-03-03');
    expect(b.dates.due).toBe('2024-01-01');
    expect(b.fields.filter((f) => f.key === 'due')).toHaveLength(3);
    expect(b.duplicates).toEqual(['due']);
  });

  test('a first invalid value still wins', () => {
    const b = body('x 📅 2024-02-30 📅 2024-01-01');
    expect(b.dates.due).toBe('2024-02-30');
    expect(b.invalid).toEqual(['due']);
  });
});

describe('tags and block ids', () => {
  test('tags in order, without #', () => {
    expect(body('#a do #b/c thing #d-e #f_1 📅 2024-01-01 #g').tags).toEqual(['a', 'b/c', 'd-e', 'f_1', 'g']);
  });

  test('tags stay in the description', () => {
    expect(body('do #home thing').description).toBe('do #home thing');
  });

  test('a # inside a word or URL is not a tag', () => {
    expect(body('http://x.y/#frag a#b C#').tags).toEqual([]);
  });

  test('a tag ends at punctuation', () => {
    expect(body('(#a) #b, #c.').tags).toEqual(['b', 'c']);
  });

  test('block id at the very end', () => {
    const b = body('x 📅 2024-01-01 ^abc-1');
    expect(b).toMatchObject({ blockId: 'abc-1', description: 'x', dates: { due: '2024-01-01' } });
  });

  test('block id with trailing spaces', () => {
    expect(body('x ^id1  ').blockId).toBe('id1');
  });

  test('a ^ in the middle is text', () => {
    expect(body('x ^id1 y')).toMatchObject({ blockId: null, description: 'x ^id1 y' });
  });

  test('block id not counted as a recurrence word', () => {
    const b = body('x 🔁 every day ^blk');
    expect(b).toMatchObject({ recurrence: 'every day', blockId: 'blk' });
  });
});

describe('the description', () => {
  test('fields removed, spaces collapsed, trimmed', () => {
    expect(body('  a   📅 2024-01-01   b  ').description).toBe('a b');
  });

  test('starting later in the line', () => {
    const b = parseTaskBody('- [ ] Buy #x 📅 2024-01-01', 6);
    expect(b.description).toBe('Buy #x');
    expect(b.fields[0]!.start).toBe(13);
  });

  test('never throws on odd input', () => {
    for (const s of ['', '[', '(', '[due::', '`', '``a`', '🔁', '⛔', '🆔 ', '[x:: [y:: z]]', '\uD83D', '📅\uFE0F'])
      expect(() => parseTaskBody(s, 0)).not.toThrow();
  });
});
