import { matchTasks } from './matchTasks.js';
import { snapshotKey } from './snapshot.js';
import { trackedFields, type EventContext, type EventKind, type HistoryEvent, type TaskSnapshot } from './types.js';

export interface TaskDiff {
  events: HistoryEvent[];
  /** The tasks after the change, each with its uid (carried from its match, or new). */
  after: TaskSnapshot[];
}

/**
 * The events that turn one version of a file's tasks into the next (see matchTasks for how
 * tasks are paired). Per pair: a status change is `completed` when the new status is DONE,
 * `status` otherwise, with the states the lines say; then one `field` event per changed field —
 * except the done (cancelled) date that comes with completing (cancelling) it. Unpaired tasks
 * are `created` / `deleted`. Events come in the order of the lines they concern.
 */
export function diffTasks(before: readonly TaskSnapshot[], after: readonly TaskSnapshot[], context: EventContext): TaskDiff {
  const { pairs, deleted, created } = matchTasks(before, after);
  const events: { line: number; event: HistoryEvent }[] = [];
  const withUid = new Map<TaskSnapshot, TaskSnapshot>();
  const emit = (task: TaskSnapshot, kind: EventKind, extra: Partial<HistoryEvent>) => {
    events.push({ line: task.line, event: makeEvent(task, kind, extra, context) });
  };

  for (const [old, now] of pairs) {
    const current = { ...now, uid: old.uid ?? now.uid ?? context.newId() };
    withUid.set(now, current);
    let skipDate: 'done' | 'cancelled' | null = null;
    if (old.symbol !== now.symbol) {
      const completed = now.statusType === 'DONE' && old.statusType !== 'DONE';
      if (completed) skipDate = 'done';
      else if (now.statusType === 'CANCELLED' && old.statusType !== 'CANCELLED') skipDate = 'cancelled';
      emit(current, completed ? 'completed' : 'status', { from: old.symbol, to: now.symbol, fromState: old.state, toState: now.state });
    }
    for (const field of trackedFields) {
      if (field === skipDate && old.fields[field] === '') continue;
      if (old.fields[field] !== now.fields[field]) emit(current, 'field', { field, from: old.fields[field], to: now.fields[field] });
    }
  }
  for (const now of created) {
    const current = { ...now, uid: now.uid ?? context.newId() };
    withUid.set(now, current);
    emit(current, 'created', { to: now.lineText.trim(), toState: now.state });
  }
  for (const old of deleted) emit(old, 'deleted', { from: old.lineText.trim(), fromState: old.state });

  events.sort((a, b) => a.line - b.line);
  return { events: events.map((e) => e.event), after: after.map((t) => withUid.get(t) ?? t) };
}

function makeEvent(task: TaskSnapshot, kind: EventKind, extra: Partial<HistoryEvent>, context: EventContext): HistoryEvent {
  const event: HistoryEvent = {
    id: context.newId(),
    at: context.at,
    device: context.device,
    source: context.source,
    task: { key: snapshotKey(task), description: task.fields.description },
    kind,
  };
  if (context.role !== undefined) event.role = context.role;
  if (task.fields.id !== '') event.task.id = task.fields.id;
  if (task.uid !== undefined) event.task.uid = task.uid;
  return { ...event, ...extra };
}

/** Gives every task without a uid a fresh one (a file seen for the first time: no events). */
export function withUids(tasks: readonly TaskSnapshot[], newId: () => string): TaskSnapshot[] {
  return tasks.map((t) => (t.uid !== undefined ? t : { ...t, uid: newId() }));
}
