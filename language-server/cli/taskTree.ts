import type { Task, TaskIndex } from '../../core/tasks/types.js';

/** One task as a readable line: checkbox, description, then what matters about it. */
export function describeTask(task: Task, index: TaskIndex): string {
  const notes: string[] = [index.state(task)];
  if (task.dates.due) notes.push(`due ${task.dates.due}`);
  if (task.role) notes.push(`role ${task.role}`);
  if (task.id) notes.push(`id ${task.id}`);
  const progress = index.progress(task);
  if (progress) notes.push(`${progress.done}/${progress.total} done`);
  if (index.isBlocked(task)) {
    const blockers = index.blockersOf(task).slice(0, 3).map((b) => b.description || index.keyOf(b));
    notes.push(`waits for: ${blockers.join(', ')}`);
  }
  const marker = task.source === 'code' ? task.marker : `[${task.symbol}]`;
  return `${marker} ${task.description || '(no description)'}  (${notes.join('; ')})`;
}

/** Tasks grouped by file, subtasks nested under their parents, in file order. */
export function renderTaskTree(tasks: readonly Task[], index: TaskIndex): string {
  const shown = new Set(tasks);
  const out: string[] = [];
  let currentPath: string | null = null;
  const printSubtree = (task: Task, depth: number) => {
    out.push(`${'  '.repeat(depth + 1)}${describeTask(task, index)}`);
    for (const child of index.childrenOf(task)) if (shown.has(child) && child.path === task.path) printSubtree(child, depth + 1);
  };
  for (const task of tasks) {
    const parent = index.parentOf(task);
    if (parent && shown.has(parent) && parent.path === task.path) continue;
    if (task.path !== currentPath) {
      currentPath = task.path;
      out.push(task.path);
    }
    printSubtree(task, 0);
  }
  return out.join('\n');
}
