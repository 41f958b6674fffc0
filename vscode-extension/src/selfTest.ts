// A self-test the end-to-end test starts by naming an output file in SCRIPTORIUM_SELF_TEST_OUTPUT
// (code-server passes its environment to the extension host). It reads what the views and the
// server show through the real VS Code API and writes it as JSON; it changes no file.
import * as vscode from 'vscode';
import type { Scriptorium } from './activate.js';
import type { TasksElement } from './views/tasksView.js';

export const selfTestVariable = 'SCRIPTORIUM_SELF_TEST_OUTPUT';

export function selfTestOutput(): string | undefined {
  // `process` exists only in the node extension host.
  const env = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env;
  return env?.[selfTestVariable] || undefined;
}

interface TreeRow {
  label: string;
  description: string;
  context: string;
  children: TreeRow[];
}

export async function runSelfTest(scriptorium: Scriptorium, outputPath: string): Promise<void> {
  const report: Record<string, unknown> = { startedAt: new Date().toISOString() };
  const steps: string[] = [];
  try {
    if (!(await withTimeout(scriptorium.started, 60_000, 'the server did not answer initialize within 60 s'))) throw new Error('the server did not start');
    steps.push('started');
    await withTimeout(scriptorium.indexed, 60_000, 'the server never reported indexing finished');
    steps.push('indexed');
    await scriptorium.tasks.refresh();
    report.tasksView = rows(scriptorium, undefined);
    report.readyCount = scriptorium.tasks.readyCount();
    report.taskCount = scriptorium.tasks.tasks().length;

    report.completion = await completionAfterBrackets();
    steps.push('completion');
    report.codeLenses = await codeLensTitles('src/deploy.ts');
    steps.push('codeLenses');
    await scriptorium.roles.refresh();
    report.roles = scriptorium.roles.roleNames();
    report.commands = (await vscode.commands.getCommands(true)).filter((c) => c.startsWith('scriptorium.')).sort();
    report.ok = true;
  } catch (e) {
    report.ok = false;
    report.error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  }
  report.steps = steps;
  await vscode.workspace.fs.writeFile(vscode.Uri.file(outputPath), new TextEncoder().encode(JSON.stringify(report, null, 2)));
}

function rows(scriptorium: Scriptorium, element: TasksElement | undefined): TreeRow[] {
  return scriptorium.tasks.getChildren(element).map((child) => {
    const item = scriptorium.tasks.getTreeItem(child);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { label, description: String(item.description ?? ''), context: item.contextValue ?? '', children: rows(scriptorium, child) };
  });
}

/** Completion at the end of the first line of `Scratch.md` that ends with `[[`. Retried: the first request may come before the document is synced. */
async function completionAfterBrackets(): Promise<{ file: string; labels: string[] } | null> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return null;
  const uri = vscode.Uri.joinPath(root, 'Scratch.md');
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  const line = Array.from({ length: document.lineCount }, (_, i) => document.lineAt(i).text).findIndex((t) => t.endsWith('[['));
  if (line < 0) return null;
  const position = new vscode.Position(line, document.lineAt(line).text.length);
  for (let attempt = 0; attempt < 20; attempt++) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, '[');
    const labels = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    if (labels.length > 0) return { file: 'Scratch.md', labels };
    await new Promise((r) => setTimeout(r, 500));
  }
  return { file: 'Scratch.md', labels: [] };
}

async function codeLensTitles(path: string): Promise<string[]> {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!root) return [];
  const uri = vscode.Uri.joinPath(root, path);
  await vscode.workspace.openTextDocument(uri);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map((l) => l.command?.title ?? '').filter(Boolean);
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}
