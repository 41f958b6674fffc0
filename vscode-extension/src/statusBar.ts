import * as vscode from 'vscode';
import type { EmbeddingsStatus, StatusParams } from '../../shared-types/protocol.js';

/** One status bar item: indexing progress, then the number of ready tasks; a restart shows here too. */
export class ScriptoriumStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('scriptorium.status', vscode.StatusBarAlignment.Left, 10);
  private indexing: StatusParams | null = null;
  private ready: number | null = null;
  private problem: string | null = null;
  /** The embedder search uses, when it is not the one the settings ask for. */
  private embeddings: EmbeddingsStatus | null = null;

  constructor() {
    this.item.name = 'Scriptorium';
    this.item.command = 'scriptorium.tasks.focus';
    this.render();
    this.item.show();
  }

  status(params: StatusParams): void {
    this.indexing = params.state === 'indexing' ? params : null;
    if (params.embeddings) this.embeddings = params.embeddings.state === 'fallback' || params.embeddings.state === 'unavailable' ? params.embeddings : null;
    this.render();
  }

  readyTasks(count: number): void {
    this.ready = count;
    this.render();
  }

  /** A message that replaces the counts until `clearProblem` (the server restarting or stopped). */
  showProblem(text: string | null): void {
    this.problem = text;
    this.render();
  }

  private render(): void {
    if (this.problem) {
      this.item.text = `$(warning) Scriptorium: ${this.problem}`;
      this.item.tooltip = `${this.problem}. Run “Scriptorium: Show Language Server Output” for details.`;
      this.item.command = 'scriptorium.showOutput';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      return;
    }
    this.item.backgroundColor = undefined;
    this.item.command = 'scriptorium.tasks.focus';
    if (this.indexing) {
      this.item.text = `$(sync~spin) Scriptorium: indexing ${this.indexing.files} files`;
      this.item.tooltip = 'Scriptorium is reading the workspace';
      return;
    }
    if (this.ready === null) {
      this.item.text = '$(checklist) Scriptorium';
      this.item.tooltip = 'Scriptorium is starting';
      return;
    }
    this.item.text = `$(checklist) ${this.ready} ready${this.embeddings ? ' $(warning)' : ''}`;
    this.item.tooltip = `${this.ready} task${this.ready === 1 ? '' : 's'} can be worked on now (open and not blocked). Click for the Tasks view.${this.embeddings ? `\n\n${this.embeddings.message}` : ''}`;
  }

  dispose(): void {
    this.item.dispose();
  }
}
