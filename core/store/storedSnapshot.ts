import type { StatusType, TaskState } from '../../shared-types/index.js';
import { trackedFields, type TaskSnapshot, type TrackedField } from '../history/types.js';
import type { SqlValue } from './sqlTypes.js';

// A task row holds its snapshot as JSON beside the columns it is looked up by. Only what the
// columns do not hold is in the JSON, and only the fields the task has: the whole snapshot (every
// tracked field, '' when absent) was ~500 bytes a task, three quarters of a 26 MB store at 13k
// notes, and the store is loaded, exported and written whole. Rows written before hold the whole
// snapshot; they read the same (the columns and the JSON agree where both have a value).

/** The tasks table's columns in the order `taskRowValues` gives and `snapshotOfRow` reads. */
export const taskRowColumns = 'path, line, uid, id, symbol, state, description, snapshot';

/** The row of a task of `path` (the snapshot must carry a uid). */
export function taskRowValues(path: string, t: TaskSnapshot): SqlValue[] {
  const fields: Partial<Record<TrackedField, string>> = {};
  for (const key of trackedFields) if (key !== 'description' && t.fields[key] !== '') fields[key] = t.fields[key];
  const rest = { lineText: t.lineText, statusType: t.statusType, blockId: t.blockId, fields };
  return [path, t.line, t.uid ?? '', t.fields.id || null, t.symbol, t.state, t.fields.description, JSON.stringify(rest)];
}

interface StoredRest {
  lineText: string;
  statusType: StatusType;
  blockId?: string | null;
  fields?: Partial<Record<TrackedField, string>>;
}

/** The snapshot of a row selected as `taskRowColumns`. */
export function snapshotOfRow(row: readonly SqlValue[]): TaskSnapshot {
  const rest = JSON.parse(String(row[7])) as StoredRest;
  const fields = {} as Record<TrackedField, string>;
  for (const key of trackedFields) fields[key] = rest.fields?.[key] ?? '';
  fields.description = String(row[6]);
  const snapshot: TaskSnapshot = {
    path: String(row[0]),
    line: Number(row[1]),
    lineText: rest.lineText,
    symbol: String(row[4]),
    statusType: rest.statusType,
    state: String(row[5]) as TaskState,
    blockId: rest.blockId ?? null,
    fields,
  };
  const uid = String(row[2]);
  if (uid !== '') snapshot.uid = uid;
  return snapshot;
}
