import type { TaskState } from '../../shared-types/index.js';
import type { StatusDefinition, Task, TaskIndex } from './types.js';

/**
 * The task lifecycle: Pending → Active (a role is assigned) → InProgress ⇄ Blocked →
 * Completed | Failed; Failed → Pending (retry). Cancelled is kept, as Tasks users expect.
 *
 * A task's state is derived from its status row, never stored:
 *
 * | status (type / explicit `state`)   | state                                        |
 * |------------------------------------|----------------------------------------------|
 * | explicit `state` on the row        | that state, always (e.g. `[F]` → Failed)     |
 * | DONE                               | Completed                                    |
 * | CANCELLED, NON_TASK                | Cancelled                                    |
 * | not done, open dependencies        | Blocked ("derived from open dependencies")   |
 * | ON_HOLD                            | Blocked (set explicitly)                     |
 * | IN_PROGRESS                        | InProgress                                   |
 * | TODO with a role (`[role:: …]`)    | Active                                       |
 * | TODO                               | Pending                                      |
 */
export function stateOf(status: StatusDefinition, context: { hasRole: boolean; blocked: boolean }): TaskState {
  if (status.state !== undefined) return status.state;
  switch (status.type) {
    case 'DONE':
      return 'Completed';
    case 'CANCELLED':
    case 'NON_TASK':
      return 'Cancelled';
    default:
      break;
  }
  if (context.blocked || status.type === 'ON_HOLD') return 'Blocked';
  if (status.type === 'IN_PROGRESS') return 'InProgress';
  return context.hasRole ? 'Active' : 'Pending';
}

export type TransitionCheck = { ok: true } | { ok: false; reason: string };

export const taskStates: readonly TaskState[] = ['Pending', 'Active', 'InProgress', 'Blocked', 'Completed', 'Failed', 'Cancelled'];

/**
 * Legal transitions (row = from, column = to; `=` staying put is always legal, a no-op):
 *
 * | from \ to  | Pending | Active | InProgress | Blocked | Completed | Failed | Cancelled |
 * |------------|---------|--------|------------|---------|-----------|--------|-----------|
 * | Pending    |    =    |   ✓    |     ✓      |    ✓    |    ✓ *    |   ✗    |     ✓     |
 * | Active     |    ✓    |   =    |     ✓      |    ✓    |    ✓ *    |   ✗    |     ✓     |
 * | InProgress |    ✓    |   ✓    |     =      |    ✓    |    ✓ *    |   ✓    |     ✓     |
 * | Blocked    |    ✓    |   ✓    |     ✓      |    =    |    ✓ *    |   ✓    |     ✓     |
 * | Completed  |    ✓    |   ✓    |     ✗      |    ✗    |     =     |   ✗    |     ✗     |
 * | Failed     |    ✓    |   ✓    |     ✗      |    ✗    |     ✗     |   =    |     ✓     |
 * | Cancelled  |    ✓    |   ✓    |     ✗      |    ✗    |     ✗     |   ✗    |     =     |
 *
 * `*` Completing is refused, whatever the state, while dependencies are open: pass their names
 * as `blockers` (see `checkTaskTransition`, which does it from the index).
 *
 * Why these, beyond the spec's arrows:
 * - ticking a Pending or Active task straight to Completed is what every Tasks user does;
 * - Pending and Active differ only by a role, so the two move freely; a task that is being
 *   worked on (or is blocked) can be put back to Pending/Active ("stop work", `/` → ` `);
 * - anything open may be cancelled; a Failed task too (giving up instead of retrying);
 * - Completed, Cancelled and Failed are closed: the only way out is reopening (Pending, or
 *   Active when the task has a role), which is Tasks' toggle back to ` `;
 * - only work that started (InProgress or Blocked) can fail.
 */
export function checkTransition(from: TaskState, to: TaskState, options: { blockers?: readonly string[] } = {}): TransitionCheck {
  if (from === to) return { ok: true };
  const blockers = options.blockers ?? [];
  if (to === 'Completed' && blockers.length > 0) {
    return { ok: false, reason: `This task cannot be completed while it waits for ${listNames(blockers)}. Complete ${blockers.length === 1 ? 'that task' : 'those tasks'} first, or remove the dependency.` };
  }
  const reason = refusals[from][to];
  return reason === undefined ? { ok: true } : { ok: false, reason };
}

const reopen = (what: string, to: string) => `${what} must be reopened (set to Pending) before it can ${to}.`;

/** Why each illegal pair is refused; a missing entry means legal. */
const refusals: Record<TaskState, Partial<Record<TaskState, string>>> = {
  Pending: {
    Failed: 'A task that has not started cannot fail: start it (In Progress) first, or cancel it if it will not be done.',
  },
  Active: {
    Failed: 'An assigned task that has not started cannot fail: start it (In Progress) first, or cancel it if it will not be done.',
  },
  InProgress: {},
  Blocked: {},
  Completed: {
    InProgress: reopen('A completed task', 'be worked on again'),
    Blocked: reopen('A completed task', 'be blocked'),
    Failed: reopen('A completed task', 'be marked as failed'),
    Cancelled: reopen('A completed task', 'be cancelled'),
  },
  Failed: {
    InProgress: reopen('A failed task', 'be worked on again'),
    Blocked: reopen('A failed task', 'be blocked'),
    Completed: reopen('A failed task', 'be completed'),
  },
  Cancelled: {
    InProgress: reopen('A cancelled task', 'be worked on'),
    Blocked: reopen('A cancelled task', 'be blocked'),
    Completed: reopen('A cancelled task', 'be completed'),
    Failed: reopen('A cancelled task', 'be marked as failed'),
  },
};

const maxNamesShown = 5;

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, maxNamesShown);
  const more = names.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

/** How a task is named in a message: its description in quotes, then its id or place. */
export function taskLabel(task: Task, key: string): string {
  const description = task.description.length > 60 ? `${task.description.slice(0, 57)}…` : task.description;
  const where = task.id ? `🆔 ${task.id}` : key;
  return description === '' ? where : `'${description}' (${where})`;
}

/**
 * Whether `task` may move to `to`, judged from the index: its current state, and (when
 * completing) the open dependencies it still waits for, named in the refusal.
 */
export function checkTaskTransition(index: TaskIndex, task: Task, to: TaskState): TransitionCheck {
  const from = index.state(task);
  const blockers = to === 'Completed' && from !== 'Completed' ? index.blockersOf(task).filter((b) => b !== task) : [];
  return checkTransition(from, to, { blockers: blockers.map((b) => taskLabel(b, index.keyOf(b))) });
}
