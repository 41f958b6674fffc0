import { describe, expect, test } from 'vitest';
import { addChildItem, addDependency, addSubtask, applyEdits, createTask, setField, setStatus, toggleDone } from '../../../core/tasks/edits.js';
import { contentHash } from '../../../core/text/hash.js';
import { applied, ctx, editLine, note, task, taskAt } from './helpers.js';

describe('status: done and undone', () => {
  test('done adds ✅ today before a block id', () => {
    expect(editLine('- [ ] Buy milk 📅 2024-05-01 ^abc', (n, t) => toggleDone(n, t, ctx()))).toBe('- [x] Buy milk 📅 2024-05-01 ✅ 2024-05-10 ^abc');
  });

  test('undone removes ✅ and one space', () => {
    expect(editLine('- [x] Buy milk ✅ 2024-05-10 #shop', (n, t) => toggleDone(n, t, ctx()))).toBe('- [ ] Buy milk #shop');
  });

  test('done on a task with nothing else', () => {
    expect(editLine('- [ ] x', (n, t) => toggleDone(n, t, ctx()))).toBe('- [x] x ✅ 2024-05-10');
    expect(editLine('- [ ]', (n, t) => toggleDone(n, t, ctx()))).toBe('- [x] ✅ 2024-05-10');
  });

  test('the edits touch only the checkbox and the new field', () => {
    const line = '- [ ] Buy milk';
    const r = toggleDone(note(line), task(line), ctx());
    expect(r).toEqual({
      ok: true,
      edits: [
        {
          path: 'n.md',
          version: contentHash(line),
          edits: [
            { range: { start: { line: 0, character: 3 }, end: { line: 0, character: 4 } }, newText: 'x' },
            { range: { start: { line: 0, character: 14 }, end: { line: 0, character: 14 } }, newText: ' ✅ 2024-05-10' },
          ],
        },
      ],
    });
  });

  test('an existing ✅ is set to today in place', () => {
    expect(editLine('- [/] a ✅ 2020-01-01 b', (n, t) => setStatus(n, t, 'x', ctx()))).toBe('- [x] a ✅ 2024-05-10 b');
  });

  test('done in Dataview format keeps the format', () => {
    expect(editLine('- [ ] a [due:: 2024-05-01]', (n, t) => toggleDone(n, t, ctx()))).toBe('- [x] a [due:: 2024-05-01] [completion:: 2024-05-10]');
  });

  test('cancel adds ❌; uncancel removes it', () => {
    expect(editLine('- [ ] a 📅 2024-05-01', (n, t) => setStatus(n, t, '-', ctx()))).toBe('- [-] a 📅 2024-05-01 ❌ 2024-05-10');
    expect(editLine('- [-] a ❌ 2024-05-01', (n, t) => setStatus(n, t, ' ', ctx()))).toBe('- [ ] a');
  });

  test('from cancelled to done swaps ❌ for ✅', () => {
    expect(editLine('- [-] a ❌ 2024-05-01', (n, t) => setStatus(n, t, 'x', ctx()))).toBe('- [x] a ✅ 2024-05-10');
  });

  test('in progress changes only the checkbox', () => {
    expect(editLine('> 1. [ ] a 📅 2022-02-30', (n, t) => setStatus(n, t, '/', ctx()))).toBe('> 1. [/] a 📅 2022-02-30');
  });

  test('[X] done only when configured', () => {
    expect(editLine('- [X] a', (n, t) => setStatus(n, t, ' ', ctx()))).toBe('- [ ] a');
    const c = ctx('2024-05-10', { upperXIsDone: true });
    expect(applied('- [ ] a', setStatus(note('- [ ] a'), task('- [ ] a', c.settings), 'X', c))).toBe('- [X] a ✅ 2024-05-10');
  });

  test('custom next status: toggle follows status.next', () => {
    expect(editLine('- [/] a', (n, t) => toggleDone(n, t, ctx()))).toBe('- [x] a ✅ 2024-05-10');
    expect(editLine('- [F] a', (n, t) => toggleDone(n, t, ctx()))).toBe('- [ ] a');
  });

  test('other lines and line endings are untouched', () => {
    const text = 'intro\r\n- [ ] a\r\n- [ ] b\r\n';
    expect(applied(text, toggleDone(note(text), taskAt(text, 1), ctx()))).toBe('intro\r\n- [x] a ✅ 2024-05-10\r\n- [ ] b\r\n');
  });

  test('a stale task is refused', () => {
    const r = toggleDone(note('- [ ] changed'), task('- [ ] original'), ctx());
    expect(r.ok).toBe(false);
  });

  test('a bad symbol is refused', () => {
    expect(setStatus(note('- [ ] a'), task('- [ ] a'), 'xx', ctx()).ok).toBe(false);
  });
});

describe('recurrence on completion', () => {
  test('daily: the next occurrence goes above, dates advanced', () => {
    expect(editLine('- [ ] Water 🔁 every day 📅 2024-05-10', (n, t) => toggleDone(n, t, ctx()))).toBe(
      '- [ ] Water 🔁 every day 📅 2024-05-11\n- [x] Water 🔁 every day 📅 2024-05-10 ✅ 2024-05-10',
    );
  });

  test('weekly with start and scheduled', () => {
    const text = '- [ ] Review 🔁 every week on Friday 🛫 2024-05-08 ⏳ 2024-05-09 📅 2024-05-10\n';
    expect(applied(text, toggleDone(note(text), task(text.trimEnd()), ctx()))).toBe(
      '- [ ] Review 🔁 every week on Friday 🛫 2024-05-15 ⏳ 2024-05-16 📅 2024-05-17\n' +
        '- [x] Review 🔁 every week on Friday 🛫 2024-05-08 ⏳ 2024-05-09 📅 2024-05-10 ✅ 2024-05-10\n',
    );
  });

  test('monthly, on the last day', () => {
    expect(editLine('- [ ] Rent 🔁 every month 📅 2024-01-31', (n, t) => toggleDone(n, t, ctx())).split('\n')[0]).toBe('- [ ] Rent 🔁 every month 📅 2024-02-29');
  });

  test('when done: based on today', () => {
    expect(editLine('- [ ] Haircut 🔁 every 4 weeks when done 📅 2024-01-01', (n, t) => toggleDone(n, t, ctx())).split('\n')[0]).toBe(
      '- [ ] Haircut 🔁 every 4 weeks when done 📅 2024-06-07',
    );
  });

  test('the next occurrence drops block id, 🆔, ⛔, ✅, ❌ and ➕', () => {
    const line = '- [ ] a 🆔 t1 ⛔ t0 🔁 every day ➕ 2024-01-01 📅 2024-05-10 ^blk';
    expect(editLine(line, (n, t) => toggleDone(n, t, ctx()))).toBe(
      '- [ ] a 🔁 every day 📅 2024-05-11\n- [x] a 🆔 t1 ⛔ t0 🔁 every day ➕ 2024-01-01 📅 2024-05-10 ✅ 2024-05-10 ^blk',
    );
  });

  test('the next occurrence holds no 🆔 even where removing one leaves text that reads as one (found by the property test)', () => {
    const line = '- [ ]🔁 every day 🆔 🆔 abc buy';
    const [next, done] = editLine(line, (n, t) => toggleDone(n, t, ctx())).split('\n');
    expect(taskAt(next!, 0).id).toBeNull();
    expect(taskAt(next!, 0).recurrence).toBe('every day');
    expect(done).toBe('- [x]🔁 every day 🆔 🆔 abc buy ✅ 2024-05-10');
  });

  test('setCreatedDate gives the next occurrence ➕ today', () => {
    const c = ctx('2024-05-10', { setCreatedDate: true });
    const line = '- [ ] a 🔁 every day 📅 2024-05-10';
    expect(applied(line, toggleDone(note(line), task(line), c)).split('\n')[0]).toBe('- [ ] a 🔁 every day ➕ 2024-05-10 📅 2024-05-11');
  });

  test('Dataview format recurs in Dataview format', () => {
    expect(editLine('- [ ] a [repeat:: every day] [due:: 2024-05-10]', (n, t) => toggleDone(n, t, ctx()))).toBe(
      '- [ ] a [repeat:: every day] [due:: 2024-05-11]\n- [x] a [repeat:: every day] [due:: 2024-05-10] [completion:: 2024-05-10]',
    );
  });

  test('indentation and marker are kept on the new line', () => {
    const text = '- parent\n\t* [ ] a 🔁 every day 📅 2024-05-10\n- after';
    expect(applied(text, toggleDone(note(text), taskAt(text, 1), ctx()))).toBe(
      '- parent\n\t* [ ] a 🔁 every day 📅 2024-05-11\n\t* [x] a 🔁 every day 📅 2024-05-10 ✅ 2024-05-10\n- after',
    );
  });

  test('recurrenceOnNextLine puts it below', () => {
    const c = ctx('2024-05-10', { recurrenceOnNextLine: true });
    const text = '- [ ] a 🔁 every day 📅 2024-05-10\nend';
    expect(applied(text, toggleDone(note(text), taskAt(text, 0), c))).toBe('- [x] a 🔁 every day 📅 2024-05-10 ✅ 2024-05-10\n- [ ] a 🔁 every day 📅 2024-05-11\nend');
    const last = '- [ ] a 🔁 every day';
    expect(applied(last, toggleDone(note(last), task(last), c))).toBe('- [x] a 🔁 every day ✅ 2024-05-10\n- [ ] a 🔁 every day');
  });

  test('removeScheduledDateOnRecurrence', () => {
    const c = ctx('2024-05-10', { removeScheduledDateOnRecurrence: true });
    const line = '- [ ] a 🔁 every day ⏳ 2024-05-09 📅 2024-05-10';
    expect(applied(line, toggleDone(note(line), task(line), c)).split('\n')[0]).toBe('- [ ] a 🔁 every day 📅 2024-05-11');
  });

  test('🏁 delete replaces the completed line by the next occurrence', () => {
    const text = 'a\n- [ ] x 🔁 every day 🏁 delete 📅 2024-05-10\nb';
    expect(applied(text, toggleDone(note(text), taskAt(text, 1), ctx()))).toBe('a\n- [ ] x 🔁 every day 🏁 delete 📅 2024-05-11\nb');
  });

  test('🏁 delete without recurrence removes the line', () => {
    const text = 'a\n- [ ] x 🏁 delete\nb';
    expect(applied(text, toggleDone(note(text), taskAt(text, 1), ctx()))).toBe('a\nb');
    const lastLine = 'a\n- [ ] x 🏁 delete';
    expect(applied(lastLine, toggleDone(note(lastLine), taskAt(lastLine, 1), ctx()))).toBe('a');
  });

  test('🏁 delete only on done, not on cancel', () => {
    expect(editLine('- [ ] x 🏁 delete', (n, t) => setStatus(n, t, '-', ctx()))).toBe('- [-] x 🏁 delete ❌ 2024-05-10');
  });

  test('an invalid recurrence just completes', () => {
    expect(editLine('- [ ] x 🔁 sometimes 📅 2024-05-10', (n, t) => toggleDone(n, t, ctx()))).toBe('- [x] x 🔁 sometimes 📅 2024-05-10 ✅ 2024-05-10');
  });

  test('cancelling a recurring task does not recur', () => {
    expect(editLine('- [ ] x 🔁 every day', (n, t) => setStatus(n, t, '-', ctx()))).toBe('- [-] x 🔁 every day ❌ 2024-05-10');
  });

  test('the recurrence line keeps the line ending', () => {
    const text = '- [ ] x 🔁 every day 📅 2024-05-10\r\n';
    expect(applied(text, toggleDone(note(text), taskAt(text, 0), ctx()))).toBe('- [ ] x 🔁 every day 📅 2024-05-11\r\n- [x] x 🔁 every day 📅 2024-05-10 ✅ 2024-05-10\r\n');
  });
});

describe('setField', () => {
  const set = (line: string, key: Parameters<typeof setField>[2], value: Parameters<typeof setField>[3]) => editLine(line, (n, t) => setField(n, t, key, value, ctx()));

  test('set replaces the value in place', () => {
    expect(set('- [ ] a 📅 2024-01-01 b', 'due', '2024-02-02')).toBe('- [ ] a 📅 2024-02-02 b');
  });

  test('set keeps the alias emoji, the FE0F and the spacing', () => {
    expect(set('- [ ] a 🗓️2024-01-01', 'due', '2024-02-02')).toBe('- [ ] a 🗓️2024-02-02');
  });

  test('set keeps the Dataview format', () => {
    expect(set('- [ ] a (due:: 2024-01-01)', 'due', '2024-02-02')).toBe('- [ ] a (due:: 2024-02-02)');
  });

  test('set replaces an invalid value', () => {
    expect(set('- [ ] a 📅 2022-02-30', 'due', '2022-03-01')).toBe('- [ ] a 📅 2022-03-01');
  });

  test.each([
    ['id', 'x1', '- [ ] a 🆔 x1 ⏫ 📅 2024-01-01 ^b'],
    ['dependsOn', 'd1', '- [ ] a ⛔ d1 ⏫ 📅 2024-01-01 ^b'],
    ['recurrence', 'every day', '- [ ] a ⏫ 🔁 every day 📅 2024-01-01 ^b'],
    ['onCompletion', 'delete', '- [ ] a ⏫ 🏁 delete 📅 2024-01-01 ^b'],
    ['created', '2023-12-01', '- [ ] a ⏫ ➕ 2023-12-01 📅 2024-01-01 ^b'],
    ['start', '2023-12-01', '- [ ] a ⏫ 🛫 2023-12-01 📅 2024-01-01 ^b'],
    ['scheduled', '2023-12-01', '- [ ] a ⏫ ⏳ 2023-12-01 📅 2024-01-01 ^b'],
    ['cancelled', '2024-02-01', '- [ ] a ⏫ 📅 2024-01-01 ❌ 2024-02-01 ^b'],
    ['done', '2024-02-01', '- [ ] a ⏫ 📅 2024-01-01 ✅ 2024-02-01 ^b'],
    ['role', 'coder', '- [ ] a [role:: coder] ⏫ 📅 2024-01-01 ^b'],
    ['parent', 'p1', '- [ ] a [parent:: p1] ⏫ 📅 2024-01-01 ^b'],
  ] as const)('add %s goes to its canonical place', (key, value, expected) => {
    expect(set('- [ ] a ⏫ 📅 2024-01-01 ^b', key, value)).toBe(expected);
  });

  test('add priority', () => {
    expect(set('- [ ] a 🔁 every day', 'priority', 'highest')).toBe('- [ ] a 🔺 🔁 every day');
    expect(set('- [ ] a', 'priority', 'low')).toBe('- [ ] a 🔽');
  });

  test('set priority in place, emoji and Dataview', () => {
    expect(set('- [ ] a ⏫ b', 'priority', 'lowest')).toBe('- [ ] a ⏬ b');
    expect(set('- [ ] a [priority:: high]', 'priority', 'low')).toBe('- [ ] a [priority:: low]');
  });

  test('normal priority clears it', () => {
    expect(set('- [ ] a ⏫ b', 'priority', 'normal')).toBe('- [ ] a b');
  });

  test('add on a Dataview line uses Dataview', () => {
    expect(set('- [ ] a [due:: 2024-01-01]', 'scheduled', '2023-12-01')).toBe('- [ ] a [scheduled:: 2023-12-01] [due:: 2024-01-01]');
  });

  test('clear removes the field and one space', () => {
    expect(set('- [ ] a 📅 2024-01-01 b', 'due', null)).toBe('- [ ] a b');
    expect(set('- [ ] 📅 2024-01-01 b', 'due', null)).toBe('- [ ] b');
    expect(set('- [ ] a 📅 2024-01-01', 'due', null)).toBe('- [ ] a');
    expect(set('- [ ] a📅 2024-01-01 b', 'due', null)).toBe('- [ ] a b');
    expect(set('- [ ] a [due:: 2024-01-01] ^x', 'due', null)).toBe('- [ ] a ^x');
  });

  test('clear removes duplicates too', () => {
    expect(set('- [ ] a 📅 2024-01-01 b [due:: 2024-02-02]', 'due', null)).toBe('- [ ] a b');
  });

  test('clearing an absent field changes nothing', () => {
    const r = setField(note('- [ ] a'), task('- [ ] a'), 'due', null, ctx());
    expect(r).toEqual({ ok: true, edits: [] });
  });

  test('invalid values elsewhere stay exactly as written', () => {
    expect(set('- [ ] a 📅 2022-02-30 🔁 sometimes', 'scheduled', '2024-01-01')).toBe('- [ ] a ⏳ 2024-01-01 📅 2022-02-30 🔁 sometimes');
    expect(set('- [ ] a 📅 2022-02-30 [due:: x] 🏁 never', 'priority', 'high')).toBe('- [ ] a ⏫ 📅 2022-02-30 [due:: x] 🏁 never');
  });

  test.each([
    ['due', '2024-02-30'],
    ['due', 'tomorrow'],
    ['priority', 'urgent'],
    ['recurrence', 'sometimes'],
    ['id', 'a b'],
    ['dependsOn', 'a;b'],
    ['onCompletion', 'later'],
    ['role', 'a]b'],
    ['role', 'a\nb'],
  ] as const)('refuses %s = %j', (key, value) => {
    expect(setField(note('- [ ] a'), task('- [ ] a'), key, value, ctx()).ok).toBe(false);
  });

  test('dependsOn from a list', () => {
    expect(set('- [ ] a', 'dependsOn', ['x', 'y'])).toBe('- [ ] a ⛔ x,y');
  });
});

describe('addDependency', () => {
  test('adds ⛔ to the task and 🆔 to a target without one (same note)', () => {
    const text = '- [ ] first\n- [ ] second';
    const r = addDependency([note(text)], taskAt(text, 1), taskAt(text, 0), ctx('2024-05-10', {}, ['new1']));
    expect(applied(text, r)).toBe('- [ ] first 🆔 new1\n- [ ] second ⛔ new1');
    expect(r.ok && r.edits).toHaveLength(1);
  });

  test('appends to an existing ⛔ and reuses the target id', () => {
    const text = '- [ ] first 🆔 t1\n- [ ] second ⛔ t0 📅 2024-01-01';
    expect(applied(text, addDependency([note(text)], taskAt(text, 1), taskAt(text, 0), ctx()))).toBe('- [ ] first 🆔 t1\n- [ ] second ⛔ t0,t1 📅 2024-01-01');
  });

  test('across notes: two file edits', () => {
    const a = '- [ ] task';
    const b = '- [ ] target ^blk';
    const r = addDependency(new Map([['a.md', note(a, 'a.md')], ['b.md', note(b, 'b.md')]]), taskAt(a, 0, 'a.md'), taskAt(b, 0, 'b.md'), ctx('2024-05-10', {}, ['zz9']));
    expect(r.ok && r.edits.map((e) => e.path)).toEqual(['a.md', 'b.md']);
    expect(applied(a, r, 'a.md')).toBe('- [ ] task ⛔ zz9');
    expect(applied(b, r, 'b.md')).toBe('- [ ] target 🆔 zz9 ^blk');
  });

  test('already depending changes nothing', () => {
    const text = '- [ ] first 🆔 t1\n- [ ] second ⛔ t1';
    expect(addDependency([note(text)], taskAt(text, 1), taskAt(text, 0), ctx())).toEqual({ ok: true, edits: [] });
  });

  test('a task cannot depend on itself', () => {
    const text = '- [ ] a';
    expect(addDependency([note(text)], taskAt(text, 0), taskAt(text, 0), ctx()).ok).toBe(false);
  });
});

describe('addSubtask', () => {
  test('after the subtree, one level deeper, same marker', () => {
    const text = '- [ ] parent\n\t- [ ] child\n\t\t- [ ] grandchild\n- [ ] next';
    expect(applied(text, addSubtask(note(text), taskAt(text, 0), 'new', ctx()))).toBe('- [ ] parent\n\t- [ ] child\n\t\t- [ ] grandchild\n\t- [ ] new\n- [ ] next');
  });

  test('first child: a tab by default', () => {
    const text = '* [ ] parent\n* [ ] other';
    expect(applied(text, addSubtask(note(text), taskAt(text, 0), 'new', ctx()))).toBe('* [ ] parent\n\t* [ ] new\n* [ ] other');
  });

  test('first child in a space-indented note', () => {
    const text = '- [ ] p\n- [ ] q\n  - [ ] r';
    expect(applied(text, addSubtask(note(text), taskAt(text, 0), 'new', ctx()))).toBe('- [ ] p\n  - [ ] new\n- [ ] q\n  - [ ] r');
  });

  test('numbered children continue the numbering', () => {
    const text = '1. [ ] p\n   1. [ ] a\n   2. [ ] b\n2. [ ] q';
    expect(applied(text, addSubtask(note(text), taskAt(text, 0), 'new', ctx()))).toBe('1. [ ] p\n   1. [ ] a\n   2. [ ] b\n   3. [ ] new\n2. [ ] q');
  });

  test('in a blockquote', () => {
    const text = '> - [ ] p\n> - [ ] q';
    expect(applied(text, addSubtask(note(text), taskAt(text, 0), 'new', ctx()))).toBe('> - [ ] p\n> \t- [ ] new\n> - [ ] q');
  });

  test('at the end of a note without a final newline; the global filter is added', () => {
    const c = ctx('2024-05-10', { globalFilter: '#task' });
    const text = '- [ ] #task p';
    expect(applied(text, addSubtask(note(text), taskAt(text, 0, 'n.md', c.settings), 'new', c))).toBe('- [ ] #task p\n\t- [ ] #task new');
  });

  test('blank lines after the subtree stay after it', () => {
    const text = '- [ ] p\n\t- [ ] c\n\n- [ ] q';
    expect(applied(text, addSubtask(note(text), taskAt(text, 0), 'new', ctx()))).toBe('- [ ] p\n\t- [ ] c\n\t- [ ] new\n\n- [ ] q');
  });
});

describe('setField refuses a clear the line cannot express', () => {
  test('taking out ⛔ x , y would turn the stray ⛔ before it into a dependency on "-"', () => {
    const text = '- [ ]⛔ ⛔ x , y -';
    const result = setField(note(text), taskAt(text, 0), 'dependsOn', null, ctx());
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toMatch(/would make the text next to it read as the same field/);
  });

  test('an ordinary clear still works', () => {
    const text = '- [ ] a ⛔ x,y -';
    expect(applied(text, setField(note(text), taskAt(text, 0), 'dependsOn', null, ctx()))).toBe('- [ ] a -');
  });
});

describe('addChildItem', () => {
  test('a plain item where a subtask would go: after the subtree, like the children', () => {
    const text = '- [ ] parent\n\t- [ ] child\n\t\t- [ ] grandchild\n- [ ] next';
    expect(applied(text, addChildItem(note(text), taskAt(text, 0), 'Done (coder): shipped'))).toBe('- [ ] parent\n\t- [ ] child\n\t\t- [ ] grandchild\n\t- Done (coder): shipped\n- [ ] next');
  });

  test('numbered, in a blockquote, and first child', () => {
    const numbered = '1. [ ] p\n   1. [ ] a\n2. [ ] q';
    expect(applied(numbered, addChildItem(note(numbered), taskAt(numbered, 0), 'note'))).toBe('1. [ ] p\n   1. [ ] a\n   2. note\n2. [ ] q');
    const quoted = '> - [ ] p\n> - [ ] q';
    expect(applied(quoted, addChildItem(note(quoted), taskAt(quoted, 0), 'note'))).toBe('> - [ ] p\n> \t- note\n> - [ ] q');
  });

  test('refuses more than one line, or nothing', () => {
    const text = '- [ ] p';
    expect(addChildItem(note(text), taskAt(text, 0), 'a\nb')).toMatchObject({ ok: false });
    expect(addChildItem(note(text), taskAt(text, 0), '  ')).toMatchObject({ ok: false });
  });
});

describe('createTask', () => {
  test('at the end of a note', () => {
    expect(applied('# T\n', createTask(note('# T\n'), null, 'new', ctx()))).toBe('# T\n- [ ] new\n');
    expect(applied('# T', createTask(note('# T'), null, 'new', ctx()))).toBe('# T\n- [ ] new');
    expect(applied('', createTask(note(''), null, 'new', ctx()))).toBe('- [ ] new');
  });

  test('after a list line: its indentation and marker', () => {
    const text = '\t+ [x] a\nb';
    expect(applied(text, createTask(note(text), 0, 'new', ctx()))).toBe('\t+ [x] a\n\t+ [ ] new\nb');
    const numbered = '1. [ ] a';
    expect(applied(numbered, createTask(note(numbered), 0, 'new', ctx()))).toBe('1. [ ] a\n2. [ ] new');
  });

  test('after a paragraph line', () => {
    expect(applied('a\r\nb', createTask(note('a\r\nb'), 0, 'new', ctx()))).toBe('a\r\n- [ ] new\r\nb');
  });

  test('with a created date when configured', () => {
    expect(applied('', createTask(note(''), null, 'new', ctx('2024-05-10', { setCreatedDate: true })))).toBe('- [ ] new ➕ 2024-05-10');
  });

  test('refuses a line outside the note and multi-line descriptions', () => {
    expect(createTask(note('a'), 5, 'x', ctx()).ok).toBe(false);
    expect(createTask(note('a'), null, 'x\ny', ctx()).ok).toBe(false);
  });
});

describe('applyEdits', () => {
  test('applies edits in any order', () => {
    const at = (line: number, character: number) => ({ line, character });
    expect(
      applyEdits('abc\ndef', [
        { range: { start: at(1, 0), end: at(1, 1) }, newText: 'D' },
        { range: { start: at(0, 0), end: at(0, 0) }, newText: '>' },
      ]),
    ).toBe('>abc\nDef');
  });

  test('overlapping edits are an error', () => {
    const r = (a: number, b: number) => ({ start: { line: 0, character: a }, end: { line: 0, character: b } });
    expect(() => applyEdits('abcdef', [{ range: r(0, 3), newText: '' }, { range: r(2, 4), newText: '' }])).toThrow();
  });
});
