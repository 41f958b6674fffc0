import { describe, expect, it } from 'vitest';
import { diffTasks, withUids } from '../../../core/history/diffTasks.js';
import { descriptionSimilarity, matchTasks, similarityThreshold } from '../../../core/history/matchTasks.js';
import type { HistoryEvent } from '../../../core/history/types.js';
import { context, snapshots } from './helpers.js';

/** Diffs two versions of a note: the before tasks get uids first, as the store gives them. */
function diff(before: string, after: string) {
  let n = 0;
  const old = withUids(snapshots(before), () => `u${++n}`);
  return diffTasks(old, snapshots(after), context());
}

/** `kind key detail` for compact assertions. */
function brief(events: HistoryEvent[]): string[] {
  return events.map((e) => {
    const detail = e.kind === 'field' ? ` ${e.field}: ${e.from} → ${e.to}` : e.kind === 'status' || e.kind === 'completed' ? ` ${e.from} → ${e.to} (${e.fromState} → ${e.toState})` : '';
    return `${e.kind} ${e.task.key}${detail}`;
  });
}

describe('diffTasks', () => {
  it('finds nothing in an unchanged file', () => {
    const text = '- [ ] a\n- [x] b\n';
    expect(diff(text, text).events).toEqual([]);
  });

  it('records created and deleted tasks with their lines', () => {
    const { events } = diff('- [ ] Buy milk\n- [ ] Call Bob\n', '- [ ] Buy milk\n- [ ] Write the report\n');
    expect(brief(events)).toEqual(['created Note.md:2', 'deleted Note.md:2']);
    expect(events[0]).toMatchObject({ to: '- [ ] Write the report', toState: 'Pending', task: { description: 'Write the report' } });
    expect(events[1]).toMatchObject({ from: '- [ ] Call Bob', task: { description: 'Call Bob', uid: 'u2' } });
  });

  it('a status change says the status and the state, from and to', () => {
    const { events } = diff('- [ ] Draft\n', '- [/] Draft\n');
    expect(brief(events)).toEqual(['status Note.md:1   → / (Pending → InProgress)']);
  });

  it('completing is one completed event; the done date that comes with it is not a field change', () => {
    const { events } = diff('- [/] Draft 📅 2026-11-28\n', '- [x] Draft 📅 2026-11-28 ✅ 2026-11-23\n');
    expect(brief(events)).toEqual(['completed Note.md:1 / → x (InProgress → Completed)']);
    expect(events[0]!.task.uid).toBe('u1');
  });

  it('field changes name the field with both values', () => {
    const { events } = diff('- [ ] Ship 📅 2026-11-28\n', '- [ ] Ship 📅 2026-12-05 [role:: coder] ⏫\n');
    expect(brief(events)).toEqual([
      'field Note.md:1 due: 2026-11-28 → 2026-12-05',
      'field Note.md:1 priority:  → high',
      'field Note.md:1 role:  → coder',
    ]);
  });

  it('a task that moved to another line keeps its history and records nothing', () => {
    const { events, after } = diff('- [ ] a\n- [ ] b\n- [ ] c\n', '- [ ] c\n- [ ] a\n- [ ] b\n');
    expect(events).toEqual([]);
    expect(after.map((t) => `${t.fields.description}=${t.uid}`)).toEqual(['c=u3', 'a=u1', 'b=u2']);
  });

  it('a line inserted above shifts every task without events, and the new task is created', () => {
    const before = '# Plan\n- [ ] a\n- [ ] b\n';
    const { events, after } = diff(before, '# Plan\n- [ ] new one\n- [ ] a\n- [x] b ✅ 2026-11-23\n');
    expect(brief(events)).toEqual(['created Note.md:2', 'completed Note.md:4   → x (Pending → Completed)']);
    expect(after.slice(1).map((t) => t.uid)).toEqual(['u1', 'u2']);
    expect(after[0]!.uid).toMatch(/^e\d$/);
  });

  it('a reworded task is the same task (description similarity), with a description change', () => {
    const { events, after } = diff('- [ ] Write the report\n- [ ] Call Bob\n', '- [ ] Write the quarterly report\n- [ ] Call Bob\n');
    expect(brief(events)).toEqual(['field Note.md:1 description: Write the report → Write the quarterly report']);
    expect(after[0]!.uid).toBe('u1');
  });

  it('a rewording past the threshold is a delete and a create', () => {
    expect(descriptionSimilarity('Buy milk', 'Call the plumber')).toBeLessThan(similarityThreshold);
    const { events } = diff('- [ ] Buy milk\n', '- [ ] Call the plumber\n');
    expect(brief(events)).toEqual(['created Note.md:1', 'deleted Note.md:1']);
  });

  it('a task keeps its identity by id even when rewritten and moved', () => {
    const { events, after } = diff('- [ ] Old wording 🆔 t1\n- [ ] other\n', '- [ ] other\n- [ ] Completely new text 🆔 t1\n');
    expect(brief(events)).toEqual(['field Note.md:2 description: Old wording → Completely new text']);
    expect(after[1]!.uid).toBe('u1');
  });

  it('a block id identifies a task too', () => {
    const { after } = diff('- [ ] Alpha beta ^blk\n', '- [ ] Something else entirely ^blk\n');
    expect(after[0]!.uid).toBe('u1');
  });

  it('two identical lines pair in order; completing the second completes the second', () => {
    const before = '- [ ] Buy milk\n- [ ] Buy milk\n';
    const same = diff(before, `- [ ] extra\n${before}`);
    expect(brief(same.events)).toEqual(['created Note.md:1']);
    expect(same.after.map((t) => t.uid)).toEqual(['e1', 'u1', 'u2']);
    const done = diff(before, '- [ ] Buy milk\n- [x] Buy milk ✅ 2026-11-23\n');
    expect(brief(done.events)).toEqual(['completed Note.md:2   → x (Pending → Completed)']);
    expect(done.events[0]!.task.uid).toBe('u2');
    const first = diff(before, '- [x] Buy milk ✅ 2026-11-23\n- [ ] Buy milk\n');
    expect(first.events[0]!.task.uid).toBe('u1');
  });

  it('completing a recurring task: the completed line keeps the history, the next occurrence is created', () => {
    const before = '# Chores\n- [ ] Water the plants 🔁 every week on Friday 📅 2026-11-20\n';
    const after = '# Chores\n- [ ] Water the plants 🔁 every week on Friday 📅 2026-11-27\n- [x] Water the plants 🔁 every week on Friday 📅 2026-11-20 ✅ 2026-11-23\n';
    const { events, after: tasks } = diff(before, after);
    expect(brief(events)).toEqual(['created Note.md:2', 'completed Note.md:3   → x (Pending → Completed)']);
    expect(tasks[1]!.uid).toBe('u1');
    // With the next occurrence below (Tasks' other setting) it is the same.
    const below = '# Chores\n- [x] Water the plants 🔁 every week on Friday 📅 2026-11-20 ✅ 2026-11-23\n- [ ] Water the plants 🔁 every week on Friday 📅 2026-11-27\n';
    expect(brief(diff(before, below).events)).toEqual(['completed Note.md:2   → x (Pending → Completed)', 'created Note.md:3']);
  });

  it('events carry the context: time, device, source, role', () => {
    const old = withUids(snapshots('- [ ] a 🆔 x1\n'), () => 'u1');
    const ctx = { ...context('agent'), role: 'coder' };
    const [event] = diffTasks(old, snapshots('- [/] a 🆔 x1\n'), ctx).events;
    expect(event).toEqual({
      id: 'e1',
      at: '2026-11-23T10:00:00.000Z',
      device: 'test',
      source: 'agent',
      role: 'coder',
      task: { key: 'Note.md:1', id: 'x1', description: 'a', uid: 'u1' },
      kind: 'status',
      from: ' ',
      to: '/',
      fromState: 'Pending',
      toState: 'InProgress',
    });
  });

  it('matching stays fast on a large, fully rewritten file', () => {
    const before = snapshots(Array.from({ length: 1000 }, (_, i) => `- [ ] task number ${i} about things`).join('\n'));
    const after = snapshots(Array.from({ length: 1000 }, (_, i) => `- [ ] task number ${i} about stuff`).join('\n'));
    const match = matchTasks(before, after);
    expect(match.pairs.length).toBeGreaterThan(950);
  });
});
