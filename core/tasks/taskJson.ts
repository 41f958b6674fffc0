import type { TaskJson } from '../../shared-types/index.js';
import type { Task, TaskIndex } from './types.js';

/** The wire shape of a task: what the CLI prints and the protocol carries. */
export function toTaskJson(task: Task, index: TaskIndex): TaskJson {
  const parent = index.parentOf(task);
  return {
    path: task.path,
    line: task.line + 1,
    status: { symbol: task.symbol, type: task.status.type, name: task.status.name },
    state: index.state(task),
    description: task.description,
    due: task.dates.due,
    scheduled: task.dates.scheduled,
    start: task.dates.start,
    created: task.dates.created,
    done: task.dates.done,
    cancelled: task.dates.cancelled,
    invalid: [...task.invalid],
    priority: task.priority,
    recurrence: task.recurrence,
    onCompletion: task.onCompletion,
    id: task.id,
    dependsOn: [...task.dependsOn],
    tags: [...task.tags],
    role: task.role,
    parent: parent ? index.keyOf(parent) : null,
    blocked: index.isBlocked(task),
    blocking: index.isBlocking(task),
    ready: isReady(index, task),
    source: task.source,
    keyword: task.source === 'code' ? task.marker : null,
    owner: task.owner ?? null,
    progress: index.progress(task),
  };
}

/** The per-task form of TaskIndex.ready(): open and waiting on nothing. */
function isReady(index: TaskIndex, task: Task): boolean {
  const state = index.state(task);
  return (state === 'Pending' || state === 'Active' || state === 'InProgress') && !index.isBlocked(task);
}
