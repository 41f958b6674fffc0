import type { Position } from 'vscode-languageserver';
import { isDoneType } from '../../../core/tasks/statuses.js';
import type { Task, TaskIndex } from '../../../core/tasks/types.js';
import type { WorkspaceFile } from '../../../core/workspace/workspace.js';

export function taskOnLine(file: WorkspaceFile, line: number): Task | undefined {
  return file.tasks.find((t) => t.line === line);
}

/** A task as one short line: its description (cut at 60) and its id. */
export function taskName(task: Task): string {
  const description = task.description.length > 60 ? `${task.description.slice(0, 57)}…` : task.description;
  if (task.id === null) return description === '' ? `${task.path}:${task.line + 1}` : description;
  return description === '' ? task.id : `${description} (${task.id})`;
}

export function isDone(task: Task): boolean {
  return isDoneType(task.status.type);
}

/** The id under the cursor in a task's `🆔`/`⛔`/`[id::]`/`[dependsOn::]` field, or null. */
export function taskIdAt(task: Task, position: Position): { id: string; field: 'id' | 'dependsOn' } | null {
  if (position.line !== task.line) return null;
  const c = position.character;
  for (const field of task.fields) {
    if ((field.key !== 'id' && field.key !== 'dependsOn') || c < field.valueStart || c > field.valueEnd) continue;
    const value = task.lineText.slice(field.valueStart, field.valueEnd);
    let start = 0;
    for (const part of value.split(',')) {
      const end = start + part.length;
      if (c - field.valueStart >= start && c - field.valueStart <= end && part.trim() !== '') return { id: part.trim(), field: field.key };
      start = end + 1;
    }
  }
  return null;
}

/** The open tasks directly blocking this one (its undone dependencies), else the transitive blockers. */
export function directBlockers(index: TaskIndex, task: Task): readonly Task[] {
  const direct = index.dependenciesOf(task).filter((d) => !isDone(d));
  return direct.length > 0 ? direct : index.blockersOf(task).filter((b) => b !== task);
}
