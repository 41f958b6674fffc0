import type { Diagnostic } from '../../shared-types/index.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { Workspace, type WorkspaceFile } from '../../core/workspace/workspace.js';
import type { HostFileContent } from './host.js';

/** Bigger files are not read (the node host's limit, kept for every host). */
const tooLargeMessage = (size: number) => `Skipped: ${(size / 1048576).toFixed(0)} MB is more than a note or source file may have.`;

export interface WorkspaceChange {
  /** Every path added, changed, removed or renamed (both names). */
  paths: string[];
  /** Those whose task lines changed. */
  taskPaths: string[];
}

/**
 * The core Workspace as the server keeps it: files from the host, with every open document's
 * unsaved text laid over its file. While a document is open, changes on disk do not replace
 * what the user is typing; closing it brings the disk text back (the host reads it again).
 */
export class ServerWorkspace {
  readonly workspace: Workspace;
  /** Open documents: path → client version. */
  private readonly open = new Map<string, number>();
  /** Bumped on every change: caches (diagnostics) compare it. */
  private generationCount = 0;
  private readonly listeners: ((change: WorkspaceChange) => void)[] = [];

  constructor(settings: TaskSettings) {
    this.workspace = new Workspace(settings);
  }

  get generation(): number {
    return this.generationCount;
  }

  onDidChange(listener: (change: WorkspaceChange) => void): void {
    this.listeners.push(listener);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  versionOf(path: string): number | null {
    return this.open.get(path) ?? null;
  }

  // --- from the host -------------------------------------------------------------------------

  /** A file read from the host; ignored while the document is open (its typed text wins). */
  setFromHost(path: string, content: HostFileContent): void {
    if (this.open.has(path)) return;
    if (content.kind === 'missing') return this.removeFromHost(path);
    this.change([path], () => applyContent(this.workspace, path, content));
  }

  removeFromHost(path: string): void {
    if (this.open.has(path) || !this.workspace.file(path)) return;
    this.change([path], () => this.workspace.remove(path));
  }

  renameOnHost(from: string, to: string): void {
    if (!this.workspace.file(from)) return;
    const version = this.open.get(from);
    this.change([from, to], () => this.workspace.rename(from, to));
    if (version !== undefined) {
      this.open.delete(from);
      this.open.set(to, version);
    }
  }

  // --- from the client's open documents -------------------------------------------------------

  openDocument(path: string, text: string, version: number): void {
    this.open.set(path, version);
    const current = this.workspace.file(path);
    if (current && current.text === text) return;
    this.change([path], () => this.workspace.setText(path, text));
  }

  changeDocument(path: string, text: string, version: number): void {
    this.open.set(path, version);
    this.change([path], () => this.workspace.setText(path, text));
  }

  /** The document closed: what the host has (or nothing, for a document never saved) takes over. */
  closeDocument(path: string, onHost: HostFileContent): void {
    this.open.delete(path);
    this.setFromHost(path, onHost);
  }

  // -------------------------------------------------------------------------------------------

  private change(paths: string[], apply: () => void): void {
    const before = paths.map((p) => taskSignature(this.workspace.file(p)));
    apply();
    this.generationCount++;
    const taskPaths = paths.filter((p, i) => taskSignature(this.workspace.file(p)) !== before[i]);
    for (const listener of this.listeners) listener({ paths, taskPaths });
  }
}

function applyContent(workspace: Workspace, path: string, content: Exclude<HostFileContent, { kind: 'missing' }>): void {
  if (fileKindOf(path) === 'other') {
    workspace.setText(path, '');
    return;
  }
  if (content.kind === 'bytes') workspace.setBytes(path, content.bytes);
  else if (content.kind === 'text') workspace.setText(path, content.text);
  else workspace.setText(path, '', [tooLarge(path, content.size)]);
}

function tooLarge(path: string, size: number): Diagnostic {
  return {
    path,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'warning',
    code: 'file-too-large',
    message: tooLargeMessage(size),
  };
}

/** What a task pane shows of a file: each task's line and text (state changes elsewhere come with their own file). */
function taskSignature(file: WorkspaceFile | undefined): string {
  if (!file || file.tasks.length === 0) return '';
  let out = '';
  for (const task of file.tasks) out += `${task.line}\u0000${task.lineText}\n`;
  return out;
}
