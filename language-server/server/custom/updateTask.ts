import { LSPErrorCodes, ResponseError, type CancellationToken, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { VersionedFileEdit } from '../../../shared-types/index.js';
import { ScriptoriumErrorCode, ScriptoriumRequest, type TaskChange, type UpdateTaskResult } from '../../../shared-types/protocol.js';
import { addDependency, applyEdits, setField, setStatus, toggleDone } from '../../../core/tasks/edits.js';
import { freshId } from '../../../core/tasks/freshId.js';
import { checkTaskTransition, stateOf } from '../../../core/tasks/lifecycle.js';
import { statusFor } from '../../../core/tasks/statuses.js';
import type { EditContext, EditResult, FieldKey, Task } from '../../../core/tasks/types.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import type { AppliedTaskEdit } from '../host.js';
import { guard, invalidParams, objectParams, optionalInteger, optionalString, stringParam } from '../guard.js';
import { todayOf, type ServerContext } from '../serverContext.js';
import { checkpoint } from '../yieldNow.js';

const method = ScriptoriumRequest.updateTask;
const settableFields: readonly FieldKey[] = ['due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'priority', 'recurrence', 'onCompletion', 'id', 'dependsOn', 'role', 'parent'];

export function registerUpdateTask(context: ServerContext): void {
  context.connection.onRequest(method, guard(method, context.log, (params: unknown, token: CancellationToken) => updateTask(context, params, token)));
}

/**
 * Changes one task with a minimal edit, sent to the client as `workspace/applyEdit` (the server
 * never writes a file itself). The edit is computed against the text the server holds; if the
 * client's version or the file's content hash says it saw another text, nothing is sent.
 */
async function updateTask(context: ServerContext, raw: unknown, token: CancellationToken): Promise<UpdateTaskResult> {
  const params = objectParams(method, raw);
  const uri = stringParam(method, params, 'uri');
  const line = optionalInteger(method, params, 'line', 0, Number.MAX_SAFE_INTEGER);
  if (line === undefined) throw invalidParams(method, "'line' (zero-based) is required.");
  const change = parseChange(params.change);
  const clientVersion = optionalInteger(method, params, 'version', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
  const fileVersion = optionalString(method, params, 'fileVersion');
  await checkpoint(token);

  const { state } = context;
  const path = context.uris().pathOf(uri);
  if (path === null) throw invalidParams(method, `'${uri}' is not inside the workspace.`);
  const file = state.workspace.file(path);
  if (!file) throw refused(`${path} is not in the workspace.`);
  const openVersion = state.versionOf(path);
  if (clientVersion !== undefined && openVersion !== null && clientVersion !== openVersion)
    throw stale(`${path} is at version ${openVersion}, the change was chosen at version ${clientVersion}; nothing was changed. Ask again.`);
  if (fileVersion !== undefined && fileVersion !== file.version)
    throw stale(`${path} changed since its tasks were read; nothing was changed. Ask again.`);
  const task = file.tasks.find((t) => t.line === line);
  if (!task) throw refused(`${path}:${line + 1} is not a task.`);

  const result = computeEdit(context, state.workspace, task, change);
  if (!result.ok) throw refused(result.reason);
  if (result.edits.length === 0) return { applied: true, uris: [] };
  const edit = workspaceEdit(context, result.edits);
  const applied: AppliedTaskEdit[] = result.edits.map((e) => {
    const before = state.workspace.file(e.path)!.text;
    return { path: e.path, before, after: applyEdits(before, e.edits) };
  });
  const answering = context.connection.workspace.applyEdit({ label: label(change), edit });
  // Announced before the answer (the editor writes the file first) and recorded behind it, without
  // the user waiting: history operations run one at a time, so a history read after this answer
  // still sees the edit, and the store is opened, scanned and saved meanwhile.
  if (context.host.recordTaskEdits) {
    const recorded = answering.then((a) => a.applied, () => false);
    context.host.recordTaskEdits(applied, recorded).catch((e: unknown) => context.log(`task history: the edit to ${path} was applied but not recorded (${e instanceof Error ? e.message : String(e)}).`));
  }
  const answer = await answering;
  return {
    applied: answer.applied,
    ...(answer.failureReason !== undefined ? { failureReason: answer.failureReason } : {}),
    uris: result.edits.map((e) => context.uris().uriOf(e.path)),
  };
}

function computeEdit(context: ServerContext, workspace: Workspace, task: Task, change: TaskChange): EditResult {
  const index = workspace.taskIndex();
  const ctx: EditContext = {
    today: todayOf(context.settings()),
    settings: workspace.taskSettings,
    newId: () => freshId((id) => index.byId(id).length > 0),
  };
  const note = { path: task.path, text: workspace.file(task.path)!.text };
  switch (change.kind) {
    case 'toggleDone':
    case 'setStatus': {
      const symbol = change.kind === 'setStatus' ? change.symbol : statusFor(task.symbol, workspace.taskSettings).next;
      if (symbol === task.symbol) return { ok: true, edits: [] };
      const target = stateOf(statusFor(symbol, workspace.taskSettings), { hasRole: task.role !== null, blocked: false });
      const verdict = checkTaskTransition(index, task, target);
      if (!verdict.ok) return verdict;
      return change.kind === 'setStatus' ? setStatus(note, task, symbol, ctx) : toggleDone(note, task, ctx);
    }
    case 'setField': {
      const value = change.value === '' ? null : change.value;
      return setField(note, task, change.field as FieldKey, value, ctx);
    }
    case 'addDependency': {
      const target = dependencyTarget(workspace, change.target);
      if (typeof target === 'string') return { ok: false, reason: target };
      const notes = [...workspace.files()].map((f) => ({ path: f.path, text: f.text }));
      return addDependency(notes, task, target, ctx);
    }
  }
}

/** The edit as the client applies it: one TextDocumentEdit per file, carrying the version it was computed against. */
function workspaceEdit(context: ServerContext, edits: readonly VersionedFileEdit[]): WorkspaceEdit {
  const documentChanges: TextDocumentEdit[] = edits.map((fileEdit) => {
    const current = context.state.workspace.file(fileEdit.path);
    // Computed from this very text a moment ago; checked anyway, because a stale edit must never reach a file.
    if (!current || current.version !== fileEdit.version) throw stale(`${fileEdit.path} changed while the edit was computed; nothing was changed.`);
    return { textDocument: { uri: context.uris().uriOf(fileEdit.path), version: context.state.versionOf(fileEdit.path) }, edits: fileEdit.edits };
  });
  return { documentChanges };
}

function dependencyTarget(workspace: Workspace, name: string): Task | string {
  const index = workspace.taskIndex();
  const at = /^(.*):(\d+)$/.exec(name);
  if (at) {
    const task = workspace.file(at[1]!)?.tasks.find((t) => t.line === Number(at[2]) - 1);
    return task ?? `${name} is not a task.`;
  }
  const targets = index.byId(name);
  if (targets.length === 0) return `No task has the id '${name}' (name a task without an id as <path>:<line>).`;
  if (targets.length > 1) return `The id '${name}' is used by ${targets.length} tasks (${targets.map((t) => index.keyOf(t)).join(', ')}); make it unique first.`;
  return targets[0]!;
}

function parseChange(raw: unknown): TaskChange {
  const change = objectParams(method, raw);
  switch (change.kind) {
    case 'toggleDone':
      return { kind: 'toggleDone' };
    case 'setStatus': {
      const symbol = stringParam(method, change, 'symbol');
      if ([...symbol].length !== 1) throw invalidParams(method, `a status is one character, got '${symbol}'.`);
      return { kind: 'setStatus', symbol };
    }
    case 'setField': {
      const field = stringParam(method, change, 'field');
      if (!settableFields.includes(field as FieldKey)) throw invalidParams(method, `unknown field '${field}'. Fields: ${settableFields.join(', ')}.`);
      const value = change.value;
      const ok = value === null || value === undefined || typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
      if (!ok) throw invalidParams(method, "'value' must be a string, a list of ids, or null.");
      return { kind: 'setField', field, value: (value ?? null) as string | string[] | null };
    }
    case 'addDependency':
      return { kind: 'addDependency', target: stringParam(method, change, 'target') };
    default:
      throw invalidParams(method, "'change.kind' must be one of setStatus, toggleDone, setField, addDependency.");
  }
}

function label(change: TaskChange): string {
  switch (change.kind) {
    case 'toggleDone':
      return 'Toggle task done';
    case 'setStatus':
      return `Set task status [${change.symbol}]`;
    case 'setField':
      return `Set task ${change.field}`;
    case 'addDependency':
      return `Make the task wait for ${change.target}`;
  }
}

function refused(reason: string): ResponseError<void> {
  return new ResponseError(ScriptoriumErrorCode.refused, reason);
}

function stale(reason: string): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, reason);
}
