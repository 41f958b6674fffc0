import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { VersionedFileEdit } from '../../../shared-types/index.js';
import { decodeNote } from '../../../core/markdown/decode.js';
import { addDependency, applyEdits, setField, setStatus } from '../../../core/tasks/edits.js';
import { freshId } from '../../../core/tasks/freshId.js';
import { checkTaskTransition, stateOf } from '../../../core/tasks/lifecycle.js';
import { doneSymbol, statusFor } from '../../../core/tasks/statuses.js';
import type { EditContext, EditResult, FieldKey, Task } from '../../../core/tasks/types.js';
import { contentHash } from '../../../core/text/hash.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { writeFileAtomically } from '../../node/atomicWrite.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs, today } from '../args.js';
import { historyForEdits } from './history.js';
import { changedLines } from '../lineDiff.js';

const settableFields: readonly FieldKey[] = ['due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'priority', 'recurrence', 'onCompletion', 'id', 'dependsOn', 'role', 'parent'];

export async function taskCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('task', args, {
    done: { type: 'boolean' },
    status: { type: 'string' },
    set: { type: 'string' },
    'depends-on': { type: 'string' },
    store: { type: 'string' },
  });
  const [dir, ref, ...extra] = positionals;
  if (!dir || !ref || extra.length > 0) throw new UserError('task: expected a directory and a task, e.g. scriptorium task ./vault "Projects/Plan.md:12" --done');
  const changes = [values.done, values.status, values.set, values['depends-on']].filter((v) => v !== undefined);
  if (changes.length !== 1) throw new UserError('task: give exactly one of --done, --status <symbol>, --set <field>=<value>, --depends-on <id>');

  const workspace = await loadWorkspace(dir);
  const task = findTask(workspace, ref);
  const index = workspace.taskIndex();
  const ctx: EditContext = {
    today: today(),
    settings: workspace.taskSettings,
    newId: () => freshId((id) => index.byId(id).length > 0),
  };
  const file = workspace.file(task.path)!;
  const note = { path: task.path, text: file.text };

  let result: EditResult;
  if (values.done || values.status !== undefined) {
    const symbol = values.done ? doneSymbol(workspace.taskSettings) : values.status!;
    if (symbol.length !== 1) throw new UserError(`task: a status is one character, e.g. --status x; got '${symbol}'`);
    if (symbol === task.symbol) {
      process.stdout.write(`${ref} already has status [${symbol}] (${task.status.name}); nothing to change.\n`);
      return 0;
    }
    const target = stateOf(statusFor(symbol, workspace.taskSettings), { hasRole: task.role !== null, blocked: false });
    const verdict = checkTaskTransition(index, task, target);
    if (!verdict.ok) throw new UserError(`task: cannot change ${ref}: ${verdict.reason}`);
    result = setStatus(note, task, symbol, ctx);
  } else if (values.set !== undefined) {
    const eq = values.set.indexOf('=');
    if (eq < 1) throw new UserError(`task: --set expects <field>=<value>, e.g. --set due=2026-12-01 (an empty value removes the field)`);
    const key = values.set.slice(0, eq) as FieldKey;
    if (!settableFields.includes(key)) throw new UserError(`task: unknown field '${key}'. Fields: ${settableFields.join(', ')}`);
    const value = values.set.slice(eq + 1);
    result = setField(note, task, key, value === '' ? null : value, ctx);
  } else {
    const target = dependencyTarget(workspace, values['depends-on']!);
    const notes = [...workspace.files()].map((f) => ({ path: f.path, text: f.text }));
    result = addDependency(notes, task, target, ctx);
  }
  if (!result.ok) throw new UserError(`task: ${result.reason}`);
  // Opened only for an edit that will be made: hand edits since the last run are recorded first.
  const history = await historyForEdits(dir, values.store, workspace);
  await applyToDisk(dir, result.edits);
  await history.record(result.edits.map((e) => e.path));
  return 0;
}

function findTask(workspace: Workspace, ref: string): Task {
  const colon = ref.lastIndexOf(':');
  const line = Number(ref.slice(colon + 1));
  if (colon < 1 || !Number.isInteger(line) || line < 1) throw new UserError(`task: '${ref}' is not <path>:<line>, e.g. "Projects/Plan.md:12"`);
  const relative = ref.slice(0, colon).split(path.sep).join('/').replace(/^\.\//, '');
  const file = workspace.file(relative);
  if (!file) throw new UserError(`task: no note or source file '${relative}' in this folder`);
  const task = file.tasks.find((t) => t.line === line - 1);
  if (!task) {
    const text = file.text.split(/\r\n|\r|\n/)[line - 1];
    const shown = text === undefined ? `the file has only ${file.text.split(/\r\n|\r|\n/).length} lines` : `it reads: ${text.trim() || '(empty line)'}`;
    throw new UserError(`task: ${relative}:${line} is not a task (${shown})`);
  }
  return task;
}

/** `--depends-on` names a task by its id, or by `path:line` when it has none yet (it then gets one). */
function dependencyTarget(workspace: Workspace, name: string): Task {
  const index = workspace.taskIndex();
  if (/:\d+$/.test(name)) return findTask(workspace, name);
  const targets = index.byId(name);
  if (targets.length === 0) throw new UserError(`task: no task has the id '${name}' (name a task without an id as <path>:<line>)`);
  if (targets.length > 1) throw new UserError(`task: the id '${name}' is used by ${targets.length} tasks (${targets.map((t) => index.keyOf(t)).join(', ')}); make it unique first`);
  return targets[0]!;
}

/** Applies each file's edits only if the file is still the version they were computed against. */
async function applyToDisk(dir: string, fileEdits: VersionedFileEdit[]): Promise<void> {
  const planned: { absolute: string; before: string; after: string; bom: boolean; path: string }[] = [];
  for (const fileEdit of fileEdits) {
    const absolute = path.join(dir, fileEdit.path);
    const decoded = decodeNote(new Uint8Array(await readFile(absolute)));
    if (contentHash(decoded.text) !== fileEdit.version) {
      throw new UserError(`task: ${fileEdit.path} changed while the edit was computed; nothing was written. Run the command again.`);
    }
    planned.push({ absolute, path: fileEdit.path, before: decoded.text, after: applyEdits(decoded.text, fileEdit.edits), bom: decoded.hadBom });
  }
  for (const p of planned) {
    await writeFileAtomically(p.absolute, p.bom ? `\uFEFF${p.after}` : p.after);
    process.stdout.write(`${p.path}\n${changedLines(p.before, p.after).join('\n')}\n`);
  }
}
