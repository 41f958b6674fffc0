import type { TaskJson } from '../../shared-types/index.js';
import { roleKey, findRole } from '../../core/roles/resolveRoles.js';
import { addChildItem, addSubtask, applyEdits, setField, setStatus } from '../../core/tasks/edits.js';
import { taskFromLine } from '../../core/tasks/extractTasks.js';
import { idPattern } from '../../core/tasks/fields.js';
import { doneSymbol } from '../../core/tasks/statuses.js';
import { freshId } from '../../core/tasks/freshId.js';
import { checkTaskTransition } from '../../core/tasks/lifecycle.js';
import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import { noteLines } from '../../core/tasks/noteText.js';
import { toTaskJson } from '../../core/tasks/taskJson.js';
import { contentHash } from '../../core/text/hash.js';
import type { EditContext, EditResult, Task } from '../../core/tasks/types.js';
import type { VersionedFileEdit } from '../../shared-types/index.js';
import { today } from '../cli/args.js';
import type { AgentVault } from './agentVault.js';
import { checkRelativePath } from './safePaths.js';
import { refuse } from './toolRefusal.js';

/** Most tasks a query answer lists; an agent narrows the query for more. */
const maxListed = 200;

/** A task named by its 🆔 id or by `path:line` (one-based), the way the CLI names tasks. */
export function findTask(vault: AgentVault, ref: string): Task {
  const text = typeof ref === 'string' ? ref.trim() : '';
  const index = vault.workspace.taskIndex();
  const place = /^(.+):(\d{1,9})$/.exec(text);
  if (place) {
    const relative = checkRelativePath(place[1]!);
    const line = Number(place[2]);
    const file = vault.workspace.file(relative);
    if (!file) refuse(`No note or source file '${relative}' in this workspace.`);
    const task = file.tasks.find((t) => t.line === line - 1);
    if (!task) refuse(`${relative}:${line} is not a task line.`);
    return task;
  }
  if (!idPattern.test(text) || text.length > 100) refuse(`'${String(ref).slice(0, 100)}' is not a task reference: give a task id (letters, digits, '-', '_') or "path/to/note.md:line".`);
  const tasks = index.byId(text);
  if (tasks.length === 0) refuse(`No task has the id '${text}'.`);
  if (tasks.length > 1) refuse(`The id '${text}' is used by ${tasks.length} tasks (${tasks.map((t) => index.keyOf(t)).join(', ')}); name one as path:line.`);
  return tasks[0]!;
}

function editContext(vault: AgentVault): EditContext {
  const index = vault.workspace.taskIndex();
  return { today: today(), settings: vault.workspace.taskSettings, newId: () => freshId((id) => index.byId(id).length > 0) };
}

function noteOf(vault: AgentVault, task: Task) {
  return { path: task.path, text: vault.workspace.file(task.path)!.text };
}

function edited(result: EditResult): VersionedFileEdit[] {
  if (!result.ok) refuse(result.reason);
  return result.edits;
}

export function queryTasks(vault: AgentVault, source: string) {
  vault.authorize('query_tasks');
  const query = parseQuery(source);
  if (query.errors.length > 0) refuse(`The query cannot be read: ${query.errors.map((e) => e.message).join('; ')}`);
  const index = vault.workspace.taskIndex();
  const result = runQuery(query, index, { today: today() });
  let listed = 0;
  const groups = result.groups.map((g) => {
    const tasks: TaskJson[] = [];
    for (const t of g.tasks) if (listed++ < maxListed) tasks.push(toTaskJson(t, index));
    return { headings: g.headings, tasks };
  });
  return { totalMatching: result.totalMatching, listed: Math.min(listed, maxListed), ...(listed > maxListed ? { truncated: `only the first ${maxListed} are listed; add 'limit' or filters` } : {}), groups, ...(result.explanation ? { explanation: result.explanation } : {}) };
}

/** The lines of the task's section (from its heading to the next heading), for context. */
function sectionAround(text: string, line: number): { from: number; text: string } {
  const lines = noteLines(text).map((l) => l.text);
  const isHeading = (t: string) => /^#{1,6}\s/.test(t);
  let from = line;
  while (from > 0 && !isHeading(lines[from]!)) from--;
  let to = line + 1;
  while (to < lines.length && !isHeading(lines[to]!)) to++;
  const start = Math.max(from, line - 40);
  const end = Math.min(to, line + 41);
  return { from: start + 1, text: lines.slice(start, end).join('\n') };
}

export function getTask(vault: AgentVault, ref: string) {
  vault.authorize('get_task');
  const task = findTask(vault, ref);
  const index = vault.workspace.taskIndex();
  const json = (t: Task) => toTaskJson(t, index);
  const file = vault.workspace.file(task.path)!;
  const parent = index.parentOf(task);
  return {
    task: json(task),
    line: task.lineText,
    dependencies: index.dependenciesOf(task).map(json),
    waitsFor: index.blockersOf(task).filter((b) => b !== task).map((b) => index.keyOf(b)),
    dependents: index.dependentsOf(task).map(json),
    parent: parent ? json(parent) : null,
    subtasks: index.childrenOf(task).map(json),
    context: { note: task.path, heading: task.heading, section: sectionAround(file.text, task.line) },
  };
}

/** The task as it reads on `text` after an earlier edit of the same change. */
function reread(vault: AgentVault, task: Task, text: string): Task {
  const line = noteLines(text)[task.line]?.text ?? '';
  const again = taskFromLine(task.path, task.line, line, vault.workspace.taskSettings);
  if (!again) refuse(`Line ${task.line + 1} of ${task.path} is no longer a task.`);
  return again;
}

export function claimTask(vault: AgentVault, ref: string) {
  return vault.change('claim_task', async () => {
    vault.authorize('claim_task');
    const task = findTask(vault, ref);
    const index = vault.workspace.taskIndex();
    const key = index.keyOf(task);
    const state = index.state(task);
    const me = vault.role.name;
    if (state === 'InProgress') refuse(`${key} is already in progress${task.role ? ` (claimed by ${task.role})` : ''}; it cannot be claimed again.`);
    if (state === 'Blocked') refuse(`${key} is blocked${index.blockersOf(task).length > 0 ? ` by ${index.blockersOf(task).map((b) => index.keyOf(b)).join(', ')}` : ''}; claim it when it is ready.`);
    if (task.role && roleKey(task.role) !== roleKey(me)) refuse(`${key} is assigned to the role '${task.role}', not to '${me}'.`);
    const verdict = checkTaskTransition(index, task, 'InProgress');
    if (!verdict.ok) refuse(`${key} cannot be claimed: ${verdict.reason}`);
    const ctx = editContext(vault);
    const note = noteOf(vault, task);
    let current = task;
    let text = note.text;
    const edits: VersionedFileEdit[] = [];
    if (!task.role) {
      const assign = edited(setField(note, task, 'role', me, ctx));
      text = applyEdits(text, assign[0]!.edits);
      current = reread(vault, task, text);
    }
    const start = edited(setStatus({ path: task.path, text }, current, inProgressSymbol(vault), ctx));
    text = applyEdits(text, start[0]!.edits);
    edits.push(wholeChange(task.path, note.text, text));
    return { edits, effects: { writes: [task.path] }, result: { claimed: key, role: me, line: noteLines(text)[task.line]!.text } };
  });
}

/** One edit from `before` to `after` that touches only the lines that differ. */
export function wholeChange(path: string, before: string, after: string): VersionedFileEdit {
  const a = noteLines(before);
  const b = noteLines(after);
  let head = 0;
  while (head < a.length && head < b.length && a[head]!.text === b[head]!.text && a[head]!.eol === b[head]!.eol) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail]!.text === b[b.length - 1 - tail]!.text && a[a.length - 1 - tail]!.eol === b[b.length - 1 - tail]!.eol) tail++;
  const removed = a.slice(head, a.length - tail);
  const added = b.slice(head, b.length - tail);
  const endLine = head + removed.length;
  const edits = removed.length === 0 && added.length === 0 ? [] : [{ range: { start: { line: head, character: 0 }, end: endLine < a.length ? { line: endLine, character: 0 } : { line: a.length - 1, character: a[a.length - 1]!.text.length } }, newText: added.map((l) => l.text + l.eol).join('') }];
  return { path, version: contentHash(before), edits };
}

function inProgressSymbol(vault: AgentVault): string {
  return vault.workspace.taskSettings.statuses.find((s) => s.type === 'IN_PROGRESS' && s.state === undefined)?.symbol ?? '/';
}

function failedSymbol(vault: AgentVault): string {
  const failed = vault.workspace.taskSettings.statuses.find((s) => s.state === 'Failed');
  if (!failed) refuse("This vault's status table has no Failed status (the default is [F]); add one to the Tasks plugin settings.");
  return failed.symbol;
}

/** Complete or fail a task this role claimed; a note becomes one plain list item under it. */
export function finishTask(vault: AgentVault, ref: string, outcome: 'Completed' | 'Failed', noteText: string | undefined) {
  const operation = outcome === 'Completed' ? 'complete_task' : 'fail_task';
  return vault.change(operation, async () => {
    vault.authorize(operation);
    const task = findTask(vault, ref);
    const index = vault.workspace.taskIndex();
    const key = index.keyOf(task);
    const me = vault.role.name;
    if (!task.role) refuse(`${key} is not claimed by any role; claim it first (claim_task).`);
    if (roleKey(task.role) !== roleKey(me)) refuse(`${key} is assigned to the role '${task.role}', not to '${me}'.`);
    const verdict = checkTaskTransition(index, task, outcome);
    if (!verdict.ok) refuse(`${key} cannot be ${outcome === 'Completed' ? 'completed' : 'marked as failed'}: ${verdict.reason}`);
    if (noteText !== undefined && /[\r\n]/.test(noteText)) refuse('A note is one line of text.');
    const ctx = editContext(vault);
    const note = noteOf(vault, task);
    let text = applyEdits(note.text, edited(setStatus(note, task, outcome === 'Completed' ? doneSymbol(vault.workspace.taskSettings) : failedSymbol(vault), ctx))[0]?.edits ?? []);
    if (noteText !== undefined && noteText.trim() !== '') {
      const current = reread(vault, task, text);
      const child = edited(addChildItem({ path: task.path, text }, current, `${outcome === 'Completed' ? 'Done' : 'Failed'} (${me}, ${ctx.today}): ${noteText.trim()}`));
      text = applyEdits(text, child[0]!.edits);
    }
    return { edits: [wholeChange(task.path, note.text, text)], effects: { writes: [task.path] }, result: { task: key, state: outcome, line: noteLines(text)[task.line]!.text } };
  });
}

export function createSubtask(vault: AgentVault, ref: string, description: string, role: string | undefined) {
  return vault.change('create_subtask', async () => {
    vault.authorize('create_subtask');
    const parent = findTask(vault, ref);
    if (role !== undefined && !findRole(vault.roles, role)) refuse(`No role '${role}'. Roles: ${[...vault.roles.roles.values()].map((r) => r.name).join(', ')}.`);
    if (/[\r\n]/.test(description) || description.trim() === '') refuse('A task description is one non-empty line.');
    const ctx = editContext(vault);
    const note = noteOf(vault, parent);
    const body = role === undefined ? description.trim() : `${description.trim()} [role:: ${findRole(vault.roles, role)!.name}]`;
    const edits = edited(addSubtask(note, parent, body, ctx));
    const text = applyEdits(note.text, edits[0]!.edits);
    const change = wholeChange(parent.path, note.text, text);
    const at = change.edits[0]?.range.start.line ?? 0;
    return { edits, effects: { writes: [parent.path], newTasks: 1 }, result: { created: `${parent.path}:${at + 1}`, line: noteLines(text)[at]?.text ?? '' } };
  });
}
