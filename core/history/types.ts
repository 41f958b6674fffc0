import type { StatusType, TaskState } from '../../shared-types/index.js';
import type { FieldKey } from '../tasks/types.js';

/** Where a change was seen: a CLI command, an editor edit, a scan of files changed by hand, an agent. */
export type EventSource = 'cli' | 'edit' | 'scan' | 'agent';

export type EventKind = 'created' | 'status' | 'field' | 'completed' | 'deleted';

/** The fields whose changes become `field` events (the status has its own kinds). */
export type TrackedField = 'description' | FieldKey;

export const trackedFields: readonly TrackedField[] = [
  'description',
  'due',
  'scheduled',
  'start',
  'created',
  'done',
  'cancelled',
  'priority',
  'recurrence',
  'onCompletion',
  'id',
  'dependsOn',
  'role',
  'parent',
];

/** The task an event is about, as it was when the event happened. */
export interface EventTask {
  /** `path:line`, one-based line, at the time of the event. */
  key: string;
  id?: string;
  description: string;
  /**
   * A stable identity the history gives a task when it first sees it and carries across moves
   * and rewording, so the events of one task can be found after its line moved.
   */
  uid?: string;
}

/** One line of the event log. */
export interface HistoryEvent {
  id: string;
  /** ISO 8601 timestamp. */
  at: string;
  device: string;
  source: EventSource;
  /** The role under which the change was made, when one was. */
  role?: string;
  task: EventTask;
  kind: EventKind;
  /** `status`/`completed`: status symbols; `field`: values as written ('' when absent); `created`/`deleted`: the line. */
  from?: string;
  to?: string;
  field?: TrackedField;
  /** `status`/`completed`: the lifecycle state the line's status (and role) gives, before and after. */
  fromState?: TaskState;
  toState?: TaskState;
}

/**
 * What the history remembers of a task between two versions of its file: enough to match it
 * and to say what changed. Serialisable (the store keeps it as JSON).
 */
export interface TaskSnapshot {
  path: string;
  /** Zero-based. */
  line: number;
  lineText: string;
  uid?: string;
  symbol: string;
  statusType: StatusType;
  /** The state the line itself says (status and role); Blocked-by-dependencies is not a line's state. */
  state: TaskState;
  blockId: string | null;
  /** Every tracked field as text ('' when absent; dependsOn joined by ','). */
  fields: Record<TrackedField, string>;
}

/** What every event of one diff shares. */
export interface EventContext {
  at: string;
  device: string;
  source: EventSource;
  role?: string;
  /** A fresh, unique id (events and task uids). */
  newId(): string;
}
