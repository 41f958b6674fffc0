import { describe, expect, it } from 'vitest';
import { completeLinesEnd, logFileName, parseEventLog, serializeEvent } from '../../../core/history/eventLog.js';
import type { HistoryEvent } from '../../../core/history/types.js';

const event = (id: string): HistoryEvent => ({
  id,
  at: '2026-11-23T10:00:00.000Z',
  device: 'laptop',
  source: 'cli',
  task: { key: 'Plan.md:3', description: 'Ship it', uid: 'u1' },
  kind: 'completed',
  from: ' ',
  to: 'x',
  fromState: 'Pending',
  toState: 'Completed',
});

describe('the event log', () => {
  it('round-trips events as JSON lines', () => {
    const text = serializeEvent(event('a')) + serializeEvent(event('b'));
    expect(text.split('\n')).toHaveLength(3);
    expect(parseEventLog(text, 'laptop.jsonl')).toEqual({ events: [event('a'), event('b')], warnings: [] });
  });

  it('skips garbage lines with a located warning and keeps the rest', () => {
    const text = [serializeEvent(event('a')), 'not json at all\n', '{"id":"x"}\n', '\n', serializeEvent(event('b'))].join('');
    const parsed = parseEventLog(text, 'scriptorium/history/laptop.jsonl');
    expect(parsed.events.map((e) => e.id)).toEqual(['a', 'b']);
    expect(parsed.warnings).toEqual([
      { where: 'scriptorium/history/laptop.jsonl:2', message: 'not JSON; line skipped' },
      { where: 'scriptorium/history/laptop.jsonl:3', message: 'not a history event (no valid "at" timestamp); line skipped' },
    ]);
  });

  it('tolerates a truncated last line', () => {
    const whole = serializeEvent(event('a'));
    const cut = serializeEvent(event('b')).slice(0, 40);
    const parsed = parseEventLog(whole + cut, 'l.jsonl');
    expect(parsed.events.map((e) => e.id)).toEqual(['a']);
    expect(parsed.warnings).toEqual([{ where: 'l.jsonl:2', message: 'incomplete last line skipped (a write cut short or still syncing)' }]);
    // A whole event that only lacks its newline is used.
    expect(parseEventLog(whole + serializeEvent(event('b')).trimEnd(), 'l.jsonl').events).toHaveLength(2);
  });

  it('never throws, whatever it reads', () => {
    for (const text of ['', '\n\n', '{', 'null\n', '[]\n', '{"id":1}\n', '\u0000\u0001\n', '{"id":"a","at":"x"}']) {
      expect(() => parseEventLog(text, 'l.jsonl')).not.toThrow();
      expect(parseEventLog(text, 'l.jsonl').events).toEqual([]);
    }
  });

  it('numbers lines from where a partial read starts', () => {
    expect(parseEventLog('oops\n', 'l.jsonl', 41).warnings[0]!.where).toBe('l.jsonl:41');
  });

  it('finds the end of the whole lines of a chunk of bytes', () => {
    const bytes = new TextEncoder().encode('{"a":1}\n{"b"');
    expect(completeLinesEnd(bytes)).toBe(8);
    expect(completeLinesEnd(new Uint8Array(0))).toBe(0);
  });

  it('gives every device a safe file name', () => {
    expect(logFileName('laptop-3f2a')).toBe('laptop-3f2a.jsonl');
    expect(logFileName('../My Phone')).toBe('My-Phone.jsonl');
    expect(logFileName('')).toBe('device.jsonl');
  });
});
