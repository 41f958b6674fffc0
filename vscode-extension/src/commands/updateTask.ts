import * as vscode from 'vscode';
import { contentModifiedCode, ScriptoriumErrorCode, ScriptoriumRequest, type TaskChange, type TaskItem, type UpdateTaskParams, type UpdateTaskResult } from '../../../shared-types/protocol.js';
import type { ServerConnection } from '../client/connection.js';

/**
 * Sends one task change to the server, which answers with a `workspace/applyEdit` the language
 * client applies. Files that had no unsaved changes before are saved after, so an action from the
 * view changes the file on disk like a click in a task list would. Returns whether it was applied.
 */
export async function updateTask(connection: ServerConnection, task: TaskItem, change: TaskChange, options: { save: boolean }): Promise<boolean> {
  const uri = vscode.Uri.parse(task.uri);
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  const params: UpdateTaskParams = { uri: task.uri, line: task.line - 1, change, version: open ? open.version : null, fileVersion: task.fileVersion };
  let result: UpdateTaskResult;
  try {
    result = await connection.sendRequest<UpdateTaskResult>(ScriptoriumRequest.updateTask, params);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const message = e instanceof Error ? e.message : String(e);
    if (code === contentModifiedCode) void vscode.window.showWarningMessage(`Scriptorium: ${message}`);
    else if (code === ScriptoriumErrorCode.refused) void vscode.window.showWarningMessage(`Scriptorium: ${message}`);
    else void vscode.window.showErrorMessage(`Scriptorium could not change the task: ${message}`);
    return false;
  }
  if (!result.applied) {
    void vscode.window.showWarningMessage(`Scriptorium: the task was not changed${result.failureReason ? `: ${result.failureReason}` : '.'}`);
    return false;
  }
  if (options.save) {
    for (const changed of result.uris) {
      const key = vscode.Uri.parse(changed).toString();
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
      // A file with the user's unsaved work stays theirs to save.
      if (document?.isDirty && !dirtyBefore.has(key)) await document.save();
    }
  }
  return true;
}
