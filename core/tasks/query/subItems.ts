// Tasks' `exclude sub-items`, as one test on a task.

import type { Task, TaskIndex } from '../types.js';

/**
 * Tasks: a markdown task is a sub-item when indented (after any blockquote `>` and one space).
 * We also drop tasks the index gives a parent task (code tasks, `[parent:: id]`).
 */
export function isSubItem(task: Task, index: TaskIndex): boolean {
  if (task.source === 'markdown') {
    const indentation = task.prefix;
    if (indentation !== '') {
      const lastQuote = indentation.lastIndexOf('>');
      if (lastQuote === -1 || !/^ ?$/.test(indentation.slice(lastQuote + 1))) return true;
    }
  }
  return index.parentOf(task) !== null;
}
