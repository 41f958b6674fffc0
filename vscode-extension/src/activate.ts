import * as vscode from 'vscode';
import { CloseAction, ErrorAction, State, type BaseLanguageClient, type ErrorHandler, type LanguageClientOptions } from 'vscode-languageclient';
import { ScriptoriumServerNotification, type StatusParams, type TasksChangedParams } from '../../shared-types/protocol.js';
import { connectionOf } from './client/connection.js';
import { registerCodeWorkflowCommands } from './commands/codeWorkflow.js';
import { initialTaskViewOptions, registerTaskCommands } from './commands/taskCommands.js';
import { relatedLimits, serverSettings } from './settings.js';
import { ScriptoriumStatusBar } from './statusBar.js';
import { paragraphAround, RelatedNotesProvider, wikilinkFor, type RelatedNote } from './views/relatedNotesView.js';
import { RolesTreeProvider } from './views/rolesView.js';
import { TasksTreeProvider } from './views/tasksView.js';

/** What the node and browser entries hand over: how to make the client, once the options are known. */
export type ClientFactory = (options: LanguageClientOptions) => BaseLanguageClient;

export interface Scriptorium {
  client: BaseLanguageClient;
  tasks: TasksTreeProvider;
  related: RelatedNotesProvider;
  roles: RolesTreeProvider;
  /** Whether the server started (answered initialize). */
  started: Promise<boolean>;
  /** Resolves once the server finished its first indexing. */
  indexed: Promise<void>;
}

/** Restarts within this window count together; past the limit the server stays down and says so. */
const restartWindowMs = 3 * 60_000;
const maxRestarts = 5;

/** Everything both entries share: the client, the three views, the commands and the status bar. */
export async function activateScriptorium(context: vscode.ExtensionContext, createClient: ClientFactory, extraOptions: Partial<LanguageClientOptions> = {}): Promise<Scriptorium> {
  const output = vscode.window.createOutputChannel('Scriptorium', { log: true });
  const statusBar = new ScriptoriumStatusBar();
  context.subscriptions.push(output, statusBar);

  const restarts: number[] = [];
  const errorHandler: ErrorHandler = {
    // A server that dies fails every write queued to it: shutting down after a few such errors
    // (the library's default) stopped the client before `closed` could restart the server, so a
    // crash while the views were busy left no server and no notice. `closed` decides instead.
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      while (restarts.length > 0 && now - restarts[0]! > restartWindowMs) restarts.shift();
      if (restarts.length >= maxRestarts) {
        statusBar.showProblem('language server stopped');
        return {
          action: CloseAction.DoNotRestart,
          message: `Scriptorium's language server stopped ${maxRestarts} times in 3 minutes and was not restarted. Run “Scriptorium: Restart Language Server” once the cause is fixed (see the Scriptorium output).`,
        };
      }
      restarts.push(now);
      statusBar.showProblem('restarting the language server');
      void vscode.window.showWarningMessage("Scriptorium's language server stopped unexpectedly; it is being restarted.", 'Show Output').then((choice) => {
        if (choice) output.show();
      });
      output.warn('The language server stopped unexpectedly; restarting it.');
      return { action: CloseAction.Restart, handled: true };
    },
  };

  const client = createClient({
    documentSelector: [{ scheme: 'file' }, { scheme: 'vscode-vfs' }, { scheme: 'vscode-test-web' }],
    outputChannel: output,
    initializationOptions: serverSettings(),
    synchronize: { configurationSection: 'scriptorium' },
    errorHandler,
    ...extraOptions,
  });

  const connection = connectionOf(client);
  const tasks = new TasksTreeProvider(connection, initialTaskViewOptions(context.workspaceState));
  const related = new RelatedNotesProvider(connection, relatedLimits);
  const roles = new RolesTreeProvider(connection);
  const tasksView = vscode.window.createTreeView('scriptorium.tasks', { treeDataProvider: tasks, showCollapseAll: true });
  const relatedView = vscode.window.createTreeView('scriptorium.related', { treeDataProvider: related });
  const rolesView = vscode.window.createTreeView('scriptorium.roles', { treeDataProvider: roles, showCollapseAll: true });
  context.subscriptions.push(tasks, related, roles, tasksView, relatedView, rolesView);

  let markIndexed: () => void = () => undefined;
  const indexed = new Promise<void>((resolve) => (markIndexed = resolve));
  context.subscriptions.push(
    client.onNotification(ScriptoriumServerNotification.status, (params: StatusParams) => {
      statusBar.status(params);
      if (params.state === 'ready') markIndexed();
    }),
    client.onNotification(ScriptoriumServerNotification.tasksChanged, (_params: TasksChangedParams) => {
      void tasks.refresh();
      void roles.refresh();
    }),
    tasks.onDidLoad(() => statusBar.readyTasks(tasks.readyCount())),
    client.onDidChangeState((event) => {
      if (event.newState === State.Running) statusBar.showProblem(null);
    }),
  );

  // Related notes follow the active editor and the cursor's paragraph, a moment after it settles.
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  const follow = () => {
    clearTimeout(followTimer);
    followTimer = setTimeout(() => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'markdown') return void related.follow(null);
      const { document } = editor;
      const paragraph = paragraphAround(document.lineCount, (i) => document.lineAt(i).text, editor.selection.active.line);
      void related.follow({ uri: document.uri.toString(), paragraph });
    }, 400);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.window.onDidChangeTextEditorSelection(follow),
    { dispose: () => clearTimeout(followTimer) },
  );

  context.subscriptions.push(
    ...registerTaskCommands(connection, tasks, roles, tasksView, context.workspaceState),
    ...registerCodeWorkflowCommands(connection),
    vscode.commands.registerCommand('scriptorium.related.refresh', () => related.refresh()),
    vscode.commands.registerCommand('scriptorium.related.insertLink', (note: RelatedNote) => insertLink(note)),
    vscode.commands.registerCommand('scriptorium.roles.refresh', () => roles.refresh()),
    vscode.commands.registerCommand('scriptorium.showOutput', () => output.show()),
    vscode.commands.registerCommand('scriptorium.restartServer', async () => {
      restarts.length = 0;
      statusBar.showProblem('restarting the language server');
      if (client.state !== State.Stopped) await client.stop();
      await client.start();
    }),
  );

  output.info('Starting the Scriptorium language server.');
  // Activation does not wait for the server: the views fill in when it answers.
  const started = client.start().then(
    () => true,
    (e: unknown) => {
      statusBar.showProblem('language server did not start');
      output.error(`The language server did not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      void vscode.window.showErrorMessage(`Scriptorium's language server did not start: ${e instanceof Error ? e.message : String(e)}`, 'Show Output').then((c) => c && output.show());
      return false;
    },
  );
  context.subscriptions.push({ dispose: () => void client.stop() });
  void started.then((ok) => {
    if (!ok) return;
    void tasks.refresh();
    void roles.refresh();
    follow();
  });
  return { client, tasks, related, roles, started, indexed };
}

/** Puts a wikilink to `note` where it belongs: over the phrase that names it, else at the cursor. */
async function insertLink(note: RelatedNote): Promise<void> {
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === note.forUri) ?? vscode.window.activeTextEditor;
  if (!editor) return;
  const link = wikilinkFor(note);
  await editor.edit((edit) => {
    const phrase = note.phrase;
    if (phrase && editor.document.uri.toString() === note.forUri && editor.document.getText(toRange(phrase.range)) === phrase.text) edit.replace(toRange(phrase.range), link);
    else edit.insert(editor.selection.active, link);
  });
}

function toRange(range: { start: { line: number; character: number }; end: { line: number; character: number } }): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}
