import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { applyEdits, setField, setStatus } from '../../../core/tasks/edits.js';
import { taskFromLine } from '../../../core/tasks/extractTasks.js';
import { parseTaskBody } from '../../../core/tasks/fields.js';
import { noteLines } from '../../../core/tasks/noteText.js';
import { defaultTaskSettings, statusFor } from '../../../core/tasks/statuses.js';
import { bodyColumn, parseTaskLine, serializeTaskLine } from '../../../core/tasks/taskLine.js';
import { fieldKeys, taskOfTuple, taskTuple, type TaskTuple } from '../../../core/tasks/taskTuple.js';
import { dataviewKey } from '../../../core/tasks/fields.js';
import type { FieldKey } from '../../../core/tasks/types.js';
import { ctx } from './helpers.js';

const settings = defaultTaskSettings();

const date = fc.oneof(
  fc.date({ min: new Date('1990-01-01'), max: new Date('2060-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.constantFrom('2022-02-30', '2022-13-01', '2024-00-10'),
);
const emoji = fc.constantFrom('📅', '📆', '🗓', '🗓️', '⏳', '⌛', '🛫', '➕', '✅', '❌', '📅\uFE0F');
const spaces = fc.constantFrom('', ' ', '  ', '\t');
const word = fc.oneof(
  fc.constantFrom('buy', 'milk', 'every', 'day', 'week', 'on', 'Monday', 'when', 'done', 'keep', 'delete', 'a1', 'x-y', ',', '!', '^', '#', '(', ')', '[', ']', '::', '`', '``', '\\'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const fragment = fc.oneof(
  word,
  fc.tuple(emoji, fc.constantFrom('', ' ', '   '), date).map(([e, s, d]) => `${e}${s}${d}`),
  fc.constantFrom('🔺', '⏫', '🔼', '🔽', '⏬', '⏫\uFE0F'),
  fc.constantFrom('🔁 every day', '🔁 every week on Monday when done', '🔁 every month on the last Friday', '🔁 nonsense', '🏁 delete', '🏁 keep', '🏁 Delete', '🏁 KEEP', '🏁 what'),
  fc.constantFrom('🆔 abc', '🆔 a_1-2', '⛔ a,b', '⛔ x , y', '🆔', '⛔'),
  fc.tuple(fc.constantFrom('[', '('), fc.constantFrom('due', 'scheduled', 'start', 'created', 'completion', 'cancelled', 'priority', 'repeat', 'onCompletion', 'id', 'dependsOn', 'role', 'parent', 'foo'), fc.oneof(date, word, fc.constantFrom('high', 'High', 'every day', 'a,b', 'Keep')))
    .map(([o, k, v]) => `${o}${k}:: ${v}${o === '[' ? ']' : ')'}`),
  fc.constantFrom('#tag', '#a/b', '#task', '`code 📅 2024-01-01`', '[[link]]', '^blk'),
);
const body = fc.array(fc.tuple(fragment, spaces), { maxLength: 10 }).map((parts) => parts.map(([f, s]) => f + s).join(' '));
const taskLine = fc
  .tuple(
    fc.constantFrom('', '\t', '  ', '> ', '> > \t', '>'),
    fc.constantFrom('-', '*', '+', '1.', '12)'),
    fc.constantFrom(' ', '  ', '\t'),
    fc.oneof(fc.constantFrom(' ', 'x', 'X', '/', '-', '>', '?', 'F', '🔥', ']'), fc.string({ minLength: 1, maxLength: 1 }).filter((c) => c !== '\n' && c !== '\r')),
    fc.constantFrom('', ' ', '  '),
    body,
  )
  .map(([p, m, s1, sym, s2, b]) => `${p}${m}${s1}[${sym}]${s2}${b}`);
const anyLine = fc.oneof(taskLine, fc.string({ maxLength: 30 }).map((s) => s.replace(/[\r\n]/g, '')), fc.constantFrom('', '# Heading', '- plain', '> quote'));

describe('random task lines', () => {
  test('the stored tuple names every field key', () => {
    expect([...fieldKeys].sort()).toEqual(Object.keys(dataviewKey).sort());
  });

  test('parse never throws and round-trips', () => {
    fc.assert(
      fc.property(fc.oneof(taskLine, fc.string()), (line) => {
        const parts = parseTaskLine(line);
        if (!parts) return;
        expect(serializeTaskLine(parts)).toBe(line);
        const b = parseTaskBody(line, bodyColumn(parts));
        for (const f of b.fields) expect(line.slice(f.valueStart, f.valueEnd)).toBe(f.value);
      }),
      { numRuns: 3000 },
    );
  });

  test('a task read back from its stored tuple is the task read from its line', () => {
    fc.assert(
      fc.property(taskLine, fc.nat(5000), fc.option(fc.string({ maxLength: 8 })), fc.option(fc.nat(5000)), (line, at, heading, parent) => {
        const task = taskFromLine('n/a.md', at, line, settings);
        if (!task) return;
        task.heading = heading;
        task.indentParentLine = parent;
        const stored = JSON.parse(JSON.stringify(taskTuple(task))) as TaskTuple;
        expect(taskOfTuple('n/a.md', stored, settings)).toEqual(task);
      }),
      { numRuns: 3000 },
    );
  });

  test('generated task lines are task lines', () => {
    fc.assert(
      fc.property(taskLine, (line) => {
        expect(parseTaskLine(line)).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });
});

type Op =
  | { kind: 'status'; symbol: string }
  | { kind: 'set'; key: FieldKey; value: string; check: string }
  | { kind: 'clear'; key: FieldKey };

const setOp: fc.Arbitrary<Op> = fc.oneof(
  fc.tuple(fc.constantFrom<FieldKey>('due', 'scheduled', 'start', 'created', 'done', 'cancelled'), date.filter((d) => !d.startsWith('2022') && !d.endsWith('-00-10'))).map(([key, value]) => ({ kind: 'set' as const, key, value, check: value })),
  fc.constantFrom('highest', 'high', 'medium', 'low', 'lowest').map((value) => ({ kind: 'set' as const, key: 'priority' as const, value, check: value })),
  fc.constantFrom('every day', 'every 2 weeks on Friday', 'every month when done').map((value) => ({ kind: 'set' as const, key: 'recurrence' as const, value, check: value })),
  fc.constantFrom('keep', 'delete').map((value) => ({ kind: 'set' as const, key: 'onCompletion' as const, value, check: value })),
  fc.constantFrom('n1', 'id-2').map((value) => ({ kind: 'set' as const, key: 'id' as const, value, check: value })),
  fc.constantFrom('d1', 'd1,d2').map((value) => ({ kind: 'set' as const, key: 'dependsOn' as const, value, check: value })),
  fc.constantFrom('coder', 'reviewer').map((value) => ({ kind: 'set' as const, key: 'role' as const, value, check: value })),
  fc.constantFrom('p1').map((value) => ({ kind: 'set' as const, key: 'parent' as const, value, check: value })),
);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constantFrom(' ', 'x', '/', '-', 'X', '?', 'F').map((symbol) => ({ kind: 'status' as const, symbol })),
  setOp,
  fc.constantFrom<FieldKey>('due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'priority', 'recurrence', 'onCompletion', 'id', 'dependsOn', 'role', 'parent').map((key) => ({ kind: 'clear' as const, key })),
);

function valueOf(text: string, key: FieldKey): string | null {
  const t = taskFromLine('n.md', 0, text, settings)!;
  switch (key) {
    case 'priority':
      return t.priority === 'normal' ? null : t.priority;
    case 'recurrence':
      return t.recurrence;
    case 'onCompletion':
      return t.onCompletion;
    case 'id':
      return t.id;
    case 'dependsOn':
      return t.dependsOn.length ? t.dependsOn.join(',') : null;
    case 'role':
      return t.role;
    case 'parent':
      return t.parentId;
    default:
      return t.dates[key];
  }
}

describe('random edits on random notes', () => {
  test('change only the target line (plus a recurrence line) and re-parse to the requested value', () => {
    fc.assert(
      fc.property(
        fc.array(anyLine, { minLength: 1, maxLength: 8 }),
        taskLine,
        fc.nat(),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        op,
        (others, target, where, eol, finalEol, operation) => {
          const index = where % (others.length + 1);
          const lines = [...others.slice(0, index), target, ...others.slice(index)];
          const text = lines.join(eol) + (finalEol ? eol : '');
          const before = noteLines(text);
          const task = taskFromLine('n.md', index, before[index]!.text, settings)!;
          const note = { path: 'n.md', text };
          const c = ctx('2024-05-10');
          const result =
            operation.kind === 'status'
              ? setStatus(note, task, operation.symbol, c)
              : setField(note, task, operation.key, operation.kind === 'set' ? operation.value : null, c);
          // The one refusal allowed: clearing a field whose neighbours would read as the same field.
          if (!result.ok && operation.kind === 'clear') expect(result.reason).toMatch(/would make the text next to it read as the same field/);
          else expect(result.ok).toBe(true);
          if (!result.ok) return;
          const after = noteLines(applyEdits(text, result.edits.flatMap((e) => e.edits)));
          // Everything before the target, and everything after it, is byte-identical.
          // (Removing a last line without a line ending takes the ending of the line before it.)
          const lastWithoutEol = before[index]!.eol === '';
          for (let i = 0; i < index; i++) {
            expect(after[i]!.text).toBe(before[i]!.text);
            if (i < index - 1 || !lastWithoutEol || after.length >= before.length) expect(after[i]!.eol).toBe(before[i]!.eol);
          }
          const tail = before.length - index - 1;
          for (let i = 1; i <= tail; i++) {
            const a = after[after.length - i]!;
            const b = before[before.length - i]!;
            expect([a.text, a.eol]).toEqual([b.text, b.eol]);
          }
          const changed = after.slice(index, after.length - tail).map((l) => l.text);
          if (operation.kind === 'status') {
            const from = statusFor(task.symbol, settings).type;
            const to = statusFor(operation.symbol, settings).type;
            const entersDone = to === 'DONE' && from !== 'DONE';
            if (!entersDone) expect(changed).toHaveLength(1);
            const edited = changed[changed.length - 1];
            if (entersDone && task.onCompletion === 'delete') {
              expect(changed.length).toBeLessThanOrEqual(1);
              return;
            }
            expect(changed.length).toBeLessThanOrEqual(2);
            expect(parseTaskLine(edited!)?.symbol).toBe(operation.symbol);
            const doneDate = valueOf(edited!, 'done');
            if (entersDone) expect(doneDate).toBe('2024-05-10');
            if (to !== 'DONE') expect(task.dates.done === null || from !== 'DONE' ? true : doneDate === null).toBe(true);
            if (changed.length === 2) {
              const next = taskFromLine('n.md', 0, changed[0]!, settings)!;
              expect(next.id).toBeNull();
              expect(next.blockId).toBeNull();
              expect(next.dates.done).toBeNull();
            }
          } else {
            expect(changed).toHaveLength(1);
            expect(valueOf(changed[0]!, operation.key)).toBe(operation.kind === 'set' ? operation.check : null);
            // Nothing else about the task moved.
            const t = taskFromLine('n.md', 0, changed[0]!, settings)!;
            expect(t.symbol).toBe(task.symbol);
            for (const key of ['due', 'scheduled', 'start', 'created', 'done', 'cancelled'] as const)
              if (key !== operation.key) expect(t.dates[key]).toBe(task.dates[key]);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
