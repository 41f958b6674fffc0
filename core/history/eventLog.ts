import type { EventKind, EventSource, HistoryEvent, TrackedField } from './types.js';
import { trackedFields } from './types.js';

/**
 * The event log: JSON lines, one file per device (`<device>.jsonl`), appended to and never
 * rewritten, so a sync tool never sees two devices change the same file. Where the folder
 * lives is decided in ARCHITECTURE.md ("Task history").
 */
export const historyFolder = 'scriptorium/history';

/** The log file of one device, relative to the vault: a safe file name whatever the device is called. */
export function logFileName(device: string): string {
  const safe = device.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'device';
  return `${safe}.jsonl`;
}

/** One event as one line, newline included. */
export function serializeEvent(event: HistoryEvent): string {
  return `${JSON.stringify(event)}\n`;
}

export interface LogWarning {
  /** `file:line`, one-based. */
  where: string;
  message: string;
}

export interface ParsedLog {
  events: HistoryEvent[];
  warnings: LogWarning[];
}

/**
 * Reads a log's text. Never throws: a line that is not a valid event is skipped with a located
 * warning; a last line without its newline (a write cut short, or one still syncing) is used if
 * it is a whole event and otherwise skipped with a warning that says so. Blank lines are ignored.
 */
export function parseEventLog(text: string, file: string, firstLine = 1): ParsedLog {
  const events: HistoryEvent[] = [];
  const warnings: LogWarning[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw.trim() === '') continue;
    const truncated = i === lines.length - 1; // text.split leaves '' after a final newline
    const where = `${file}:${firstLine + i}`;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      warnings.push({ where, message: truncated ? 'incomplete last line skipped (a write cut short or still syncing)' : 'not JSON; line skipped' });
      continue;
    }
    const problem = eventProblem(value);
    if (problem) {
      warnings.push({ where, message: `not a history event (${problem}); line skipped` });
      continue;
    }
    events.push(value as HistoryEvent);
  }
  return { events, warnings };
}

const kinds: readonly EventKind[] = ['created', 'status', 'field', 'completed', 'deleted'];
const sources: readonly EventSource[] = ['cli', 'edit', 'scan', 'agent'];

/** Why a parsed JSON value is not an event, or null when it is one. */
export function eventProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const e = value as Record<string, unknown>;
  if (typeof e.id !== 'string' || e.id === '') return 'no id';
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) return 'no valid "at" timestamp';
  if (typeof e.device !== 'string') return 'no device';
  if (!sources.includes(e.source as EventSource)) return `unknown source ${JSON.stringify(e.source)}`;
  if (!kinds.includes(e.kind as EventKind)) return `unknown kind ${JSON.stringify(e.kind)}`;
  const task = e.task as Record<string, unknown> | undefined;
  if (typeof task !== 'object' || task === null || typeof task.key !== 'string' || typeof task.description !== 'string') return 'no task';
  if (e.kind === 'field' && !trackedFields.includes(e.field as TrackedField)) return `unknown field ${JSON.stringify(e.field)}`;
  for (const k of ['from', 'to', 'role'] as const) if (e[k] !== undefined && typeof e[k] !== 'string') return `"${k}" is not text`;
  return null;
}

/** Offset just past the last newline byte: the part of a log chunk made of whole lines. */
export function completeLinesEnd(bytes: Uint8Array): number {
  const last = bytes.lastIndexOf(0x0a);
  return last + 1;
}
