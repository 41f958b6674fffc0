import { stateOf } from '../tasks/lifecycle.js';
import type { Task } from '../tasks/types.js';
import type { TaskSnapshot, TrackedField } from './types.js';

/** The part of a task the history compares, taken from a parsed task. */
export function taskSnapshot(task: Task, uid?: string): TaskSnapshot {
  const fields: Record<TrackedField, string> = {
    description: task.description,
    due: task.dates.due ?? '',
    scheduled: task.dates.scheduled ?? '',
    start: task.dates.start ?? '',
    created: task.dates.created ?? '',
    done: task.dates.done ?? '',
    cancelled: task.dates.cancelled ?? '',
    priority: task.priority === 'normal' ? '' : task.priority,
    recurrence: task.recurrence ?? '',
    onCompletion: task.onCompletion ?? '',
    id: task.id ?? '',
    dependsOn: task.dependsOn.join(','),
    role: task.role ?? '',
    parent: task.parentId ?? '',
  };
  const snapshot: TaskSnapshot = {
    path: task.path,
    line: task.line,
    lineText: task.lineText,
    symbol: task.symbol,
    statusType: task.status.type,
    state: stateOf(task.status, { hasRole: task.role !== null, blocked: false }),
    blockId: task.blockId,
    fields,
  };
  if (uid !== undefined) snapshot.uid = uid;
  return snapshot;
}

/** `path:line` with a one-based line, the way the CLI names tasks. */
export function snapshotKey(snapshot: Pick<TaskSnapshot, 'path' | 'line'>): string {
  return `${snapshot.path}:${snapshot.line + 1}`;
}
