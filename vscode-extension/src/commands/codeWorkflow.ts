import * as vscode from 'vscode';
import { ScriptoriumRequest, type TaskItem, type TaskQueryResult } from '../../../shared-types/protocol.js';
import type { ServerConnection } from '../client/connection.js';
import { saveAfterEdit } from '../settings.js';
import { stateLabel, taskLabel } from '../views/taskModel.js';
import { revealTask } from './taskCommands.js';

/** Title prefix of the server's code action that gives a TODO comment an id (language-server/features/codeActions.ts). */
const trackTodoTitle = 'Track this TODO';

/** Go to task, track a TODO comment, and the command the server's code lenses carry. */
export function registerCodeWorkflowCommands(connection: ServerConnection): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('scriptorium.goToTask', () => goToTask(connection)),
    vscode.commands.registerCommand('scriptorium.trackTodo', () => trackTodo()),
    // Code lenses carry `[uri, position]` in protocol form; show that place's references in the peek view.
    vscode.commands.registerCommand('scriptorium.showReferences', async (uri: string, position: { line: number; character: number }) => {
      const target = vscode.Uri.parse(uri);
      const at = new vscode.Position(position.line, position.character);
      const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', target, at)) ?? [];
      await vscode.commands.executeCommand('editor.action.showReferences', target, at, locations);
    }),
  ];
}

/** A quick pick over every open task (`scriptorium/taskQuery` with `not done`), then the task in its file. */
export async function goToTask(connection: ServerConnection): Promise<void> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { task: TaskItem }>();
  pick.title = 'Go to task';
  pick.placeholder = 'Type to find an open task by its text, file, id or role';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.busy = true;
  pick.show();
  try {
    const result = await connection.sendRequest<TaskQueryResult>(ScriptoriumRequest.taskQuery, { query: 'not done' });
    pick.items = result.groups.flatMap((g) => g.tasks).map((task) => ({
      label: taskLabel(task),
      description: `${task.path}:${task.line}`,
      detail: [stateLabel(task.state), task.id ? `🆔 ${task.id}` : '', task.role ? `@${task.role}` : '', task.due ? `📅 ${task.due}` : ''].filter(Boolean).join(' · '),
      task,
    }));
  } catch (e) {
    pick.hide();
    void vscode.window.showErrorMessage(`Scriptorium: ${e instanceof Error ? e.message : String(e)}`);
    return;
  } finally {
    pick.busy = false;
  }
  const chosen = await new Promise<TaskItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.task));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (chosen) await revealTask(chosen);
}

/** Runs the server's "track this TODO" code action on the cursor's line: the comment gets a `🆔` id. */
export async function trackTodo(): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return false;
  const line = editor.document.lineAt(editor.selection.active.line).range;
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', editor.document.uri, line, vscode.CodeActionKind.RefactorRewrite.value)) ?? [];
  const action = actions.find((a): a is vscode.CodeAction => 'title' in a && typeof (a as vscode.Command).command !== 'string' && a.title.startsWith(trackTodoTitle));
  if (!action) {
    void vscode.window.showInformationMessage('Scriptorium: no untracked TODO/FIXME comment on this line.');
    return false;
  }
  if (action.disabled) {
    void vscode.window.showWarningMessage(`Scriptorium: ${action.disabled.reason}`);
    return false;
  }
  const wasDirty = editor.document.isDirty;
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) return false;
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
  // Like the Tasks view's actions: a file that had no unsaved changes is saved with its new id.
  if (saveAfterEdit() && !wasDirty && editor.document.isDirty) await editor.document.save();
  return true;
}
