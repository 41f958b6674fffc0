import { applyEdits, type NoteText } from '../../../core/tasks/edits.js';
import { taskFromLine } from '../../../core/tasks/extractTasks.js';
import { noteLines } from '../../../core/tasks/noteText.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import type { EditContext, EditResult, Task, TaskSettings } from '../../../core/tasks/types.js';

export const settings = defaultTaskSettings();

export function ctx(today = '2024-05-10', overrides: Partial<TaskSettings> = {}, ids: string[] = ['abc123']): EditContext {
  const queue = [...ids];
  return { today, settings: { ...settings, ...overrides }, newId: () => queue.shift() ?? 'zzz999' };
}

/** The task on a single line (line 0 of note `n.md`). */
export function task(line: string, s: TaskSettings = settings): Task {
  const t = taskFromLine('n.md', 0, line, s);
  if (!t) throw new Error(`not a task: ${line}`);
  return t;
}

export function note(text: string, path = 'n.md'): NoteText {
  return { path, text };
}

/** The task on `line` of `text`. */
export function taskAt(text: string, line: number, path = 'n.md', s: TaskSettings = settings): Task {
  const t = taskFromLine(path, line, noteLines(text)[line]!.text, s);
  if (!t) throw new Error(`line ${line} is not a task`);
  return t;
}

/** Applies an edit result to `text` (the edits for `path`); throws on a refusal. */
export function applied(text: string, result: EditResult, path = 'n.md'): string {
  if (!result.ok) throw new Error(result.reason);
  const edits = result.edits.filter((e) => e.path === path).flatMap((e) => e.edits);
  return applyEdits(text, edits);
}

/** Applies an edit to a one-line note. */
export function editLine(line: string, edit: (n: NoteText, t: Task) => EditResult): string {
  return applied(line, edit(note(line), task(line)));
}
