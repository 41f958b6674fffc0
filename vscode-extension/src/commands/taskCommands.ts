import * as vscode from 'vscode';
import type { TaskItem } from '../../../shared-types/protocol.js';
import type { ServerConnection } from '../client/connection.js';
import { saveAfterEdit, startSymbol, taskViewOptions } from '../settings.js';
import { isOpen, taskGroupings, taskLabel, type TaskGrouping } from '../views/taskModel.js';
import { taskOf, type TasksTreeProvider } from '../views/tasksView.js';
import type { RolesTreeProvider } from '../views/rolesView.js';
import { updateTask } from './updateTask.js';

/** The Tasks view's commands: grouping, filter, ready-only, and the per-task actions. */
/**
 * The view's grouping and ready-only switch are remembered per workspace (not written to its
 * settings file); the `scriptorium.tasks.*` settings are the defaults.
 */
export function registerTaskCommands(
  connection: ServerConnection,
  tasks: TasksTreeProvider,
  roles: RolesTreeProvider,
  view: vscode.TreeView<unknown>,
  memory: vscode.Memento,
): vscode.Disposable[] {
  const setContext = (key: string, value: unknown) => void vscode.commands.executeCommand('setContext', key, value);
  const showOptions = () => {
    const { filter, readyOnly, groupBy } = tasks.viewOptions;
    setContext('scriptorium.tasks.filtered', filter !== '');
    setContext('scriptorium.tasks.readyOnly', readyOnly);
    const parts = [`grouped by ${groupBy}`];
    if (readyOnly) parts.push('ready only');
    if (filter) parts.push(`filter “${filter}”`);
    view.description = parts.join(' · ');
    view.message = tasks.error ? `The language server did not answer: ${tasks.error}` : undefined;
  };
  showOptions();

  /** The task a command is about: the view element it was run on, else the task on the cursor's line. */
  const target = (argument: unknown): TaskItem | undefined => {
    const task = taskOf(argument);
    if (task) return task;
    const editor = vscode.window.activeTextEditor;
    if (!editor) return undefined;
    return tasks.taskAt(editor.document.uri.toString(), editor.selection.active.line);
  };
  const withTask = (run: (task: TaskItem) => Promise<unknown>) => async (argument: unknown) => {
    const task = target(argument);
    if (!task) return void vscode.window.showInformationMessage('Scriptorium: put the cursor on a task line, or use the Tasks view.');
    await run(task);
  };
  const change = (task: TaskItem, what: Parameters<typeof updateTask>[2]) => updateTask(connection, task, what, { save: saveAfterEdit() });

  return [
    tasks.onDidLoad(showOptions),
    vscode.commands.registerCommand('scriptorium.tasks.refresh', () => tasks.refresh()),
    vscode.commands.registerCommand('scriptorium.tasks.groupBy', async (choice?: TaskGrouping) => {
      const picked =
        choice ??
        (await vscode.window.showQuickPick(
          taskGroupings.map((g) => ({ label: g, description: g === tasks.viewOptions.groupBy ? 'current' : '' })),
          { title: 'Group tasks by', placeHolder: 'status, role, file or tag' },
        ))?.label;
      if (!picked || !(taskGroupings as readonly string[]).includes(picked)) return;
      tasks.setOptions({ groupBy: picked as TaskGrouping });
      showOptions();
      await memory.update(rememberedGrouping, picked);
    }),
    vscode.commands.registerCommand('scriptorium.tasks.filter', async (text?: string) => {
      const filter =
        text ??
        (await vscode.window.showInputBox({
          title: 'Filter tasks',
          prompt: 'Words a task must contain (in its text, file, id, role, tags or status). Empty: no filter.',
          value: tasks.viewOptions.filter,
        }));
      if (filter === undefined) return;
      tasks.setOptions({ filter: filter.trim() });
      showOptions();
    }),
    vscode.commands.registerCommand('scriptorium.tasks.clearFilter', () => {
      tasks.setOptions({ filter: '' });
      showOptions();
    }),
    vscode.commands.registerCommand('scriptorium.tasks.showReadyOnly', async () => {
      tasks.setOptions({ readyOnly: true });
      showOptions();
      await memory.update(rememberedReadyOnly, true);
    }),
    vscode.commands.registerCommand('scriptorium.tasks.showAll', async () => {
      tasks.setOptions({ readyOnly: false });
      showOptions();
      await memory.update(rememberedReadyOnly, false);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('scriptorium.tasks') && !e.affectsConfiguration('scriptorium.statuses')) return;
      // A changed setting wins over what was remembered.
      void memory.update(rememberedGrouping, undefined);
      void memory.update(rememberedReadyOnly, undefined);
      const { groupBy, readyOnly, hiddenStates } = taskViewOptions();
      tasks.setOptions({ groupBy, readyOnly, hiddenStates });
      showOptions();
    }),

    vscode.commands.registerCommand('scriptorium.task.reveal', withTask(revealTask)),
    vscode.commands.registerCommand('scriptorium.task.start', withTask((task) => change(task, { kind: 'setStatus', symbol: startSymbol() }))),
    vscode.commands.registerCommand('scriptorium.task.complete', withTask((task) => change(task, { kind: 'toggleDone' }))),
    vscode.commands.registerCommand(
      'scriptorium.task.block',
      withTask(async (task) => {
        const candidates = tasks.tasks().filter((t) => t.key !== task.key && isOpen(t));
        const picked = await vscode.window.showQuickPick(
          candidates.map((t) => ({ label: taskLabel(t), description: `${t.path}:${t.line}${t.id ? ` · 🆔 ${t.id}` : ''}`, task: t })),
          { title: `“${taskLabel(task)}” waits for…`, placeHolder: 'The task that must be done first', matchOnDescription: true },
        );
        if (picked) await change(task, { kind: 'addDependency', target: picked.task.id ?? `${picked.task.path}:${picked.task.line}` });
      }),
    ),
    vscode.commands.registerCommand(
      'scriptorium.task.assignRole',
      withTask(async (task) => {
        if (roles.roleNames().length === 0) await roles.refresh();
        const none = '$(circle-slash) No role';
        const items = [...roles.roleNames().map((name) => ({ label: name, description: name === task.role ? 'current' : '' })), { label: none, description: '' }];
        const picked = await vscode.window.showQuickPick(items, { title: `Role for “${taskLabel(task)}”`, placeHolder: 'Who works on this task' });
        if (picked) await change(task, { kind: 'setField', field: 'role', value: picked.label === none ? null : picked.label });
      }),
    ),
  ];
}

const rememberedGrouping = 'scriptorium.tasks.groupBy';
const rememberedReadyOnly = 'scriptorium.tasks.readyOnly';

/** The view's options at start: the settings, then what this workspace last chose. */
export function initialTaskViewOptions(memory: vscode.Memento): ReturnType<typeof taskViewOptions> {
  const options = taskViewOptions();
  const grouping = memory.get<string>(rememberedGrouping);
  const readyOnly = memory.get<boolean>(rememberedReadyOnly);
  return {
    ...options,
    ...(grouping && (taskGroupings as readonly string[]).includes(grouping) ? { groupBy: grouping as TaskGrouping } : {}),
    ...(typeof readyOnly === 'boolean' ? { readyOnly } : {}),
  };
}

export async function revealTask(task: TaskItem): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(task.uri));
  const line = Math.min(task.line - 1, document.lineCount - 1);
  const range = document.lineAt(line).range;
  await vscode.window.showTextDocument(document, { selection: new vscode.Selection(range.start, range.start), preview: true });
}
