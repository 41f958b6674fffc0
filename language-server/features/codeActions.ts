import {
  CodeActionKind,
  CreateFile,
  OptionalVersionedTextDocumentIdentifier,
  TextDocumentEdit,
  type CodeAction,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { VersionedFileEdit } from '../../shared-types/index.js';
import { joinVaultPath } from '../../core/links/paths.js';
import { addDependency, setField, setStatus, type NoteText } from '../../core/tasks/edits.js';
import { freshId } from '../../core/tasks/freshId.js';
import { checkTaskTransition } from '../../core/tasks/lifecycle.js';
import type { EditContext, EditResult, Task, TaskIndex } from '../../core/tasks/types.js';
import type { TaskState } from '../../shared-types/index.js';
import type { Workspace, WorkspaceFile } from '../../core/workspace/workspace.js';
import type { FeatureContext } from '../server/featureContext.js';
import { isInFencedCode, isInInlineCode } from './shared/code.js';
import { fileAt, noteTitle, overlaps } from './shared/documents.js';
import { lastSubpathPart } from './shared/headings.js';
import { shortestLinkTarget, vaultOf } from './shared/linkText.js';
import { localToday } from './shared/options.js';
import { isDone, taskName } from './shared/tasks.js';

const maxDependencyActions = 8;
const maxMentionActions = 5;

/**
 * Create the missing note of an unresolved link; advance a task to its next lifecycle status; add
 * a dependency; link an unlinked mention of a note; track a TODO comment as a task (give it an id).
 */
export class CodeActionProvider {
  constructor(
    private readonly context: FeatureContext,
    private readonly options: { today?: () => string; random?: () => number } = {},
  ) {}

  provideCodeActions(uri: string, range: Range): CodeAction[] {
    const file = fileAt(this.context, uri);
    if (!file) return [];
    const workspace = this.context.workspace();
    const actions: CodeAction[] = [];
    if (file.note) {
      actions.push(...this.createMissingNotes(workspace, file, range));
      actions.push(...this.linkMentions(workspace, file, range));
    }
    const task = file.tasks.find((t) => t.line >= range.start.line && t.line <= range.end.line);
    if (task) actions.push(...this.taskActions(workspace, file, task));
    return actions;
  }

  private createMissingNotes(workspace: Workspace, file: WorkspaceFile, range: Range): CodeAction[] {
    const actions: CodeAction[] = [];
    const seen = new Set<string>();
    for (const { link, target } of workspace.linkIndex().outgoing(file.path)) {
      if (target !== null || !overlaps(link.range, range)) continue;
      // New notes go where the link says, from the workspace root (Obsidian's, Foam's and markdown-oxide's default).
      const written = link.target.replace(/^\/+/, '');
      const hasExtension = /\.[A-Za-z0-9]+$/.test(written);
      if (hasExtension && !/\.md$/i.test(written)) continue; // an attachment cannot be created from text
      const path = joinVaultPath('', hasExtension ? written : `${written}.md`);
      if (path === null || seen.has(path.toLowerCase())) continue;
      seen.add(path.toLowerCase());
      const newUri = this.context.uriOf(path);
      const heading = link.subpath === null ? null : lastSubpathPart(link.subpath);
      const documentChanges: WorkspaceEdit['documentChanges'] = [CreateFile.create(newUri, { ignoreIfExists: true })];
      if (heading !== null && !heading.startsWith('^')) {
        const start = { line: 0, character: 0 };
        documentChanges.push(TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(newUri, null), [{ range: { start, end: start }, newText: `# ${heading}\n` }]));
      }
      actions.push({ title: `Create note '${path}'`, kind: CodeActionKind.QuickFix, isPreferred: true, edit: { documentChanges } });
    }
    return actions;
  }

  /** Plain text equal to another note's name or alias (whole words, outside links and code) → a wikilink. */
  private linkMentions(workspace: Workspace, file: WorkspaceFile, range: Range): CodeAction[] {
    const note = file.note!;
    const line = range.start.line;
    const text = note.lines[line]?.text;
    if (text === undefined || isInFencedCode(note, line)) return [];
    const lower = text.toLowerCase();
    const linked = note.links.filter((l) => l.range.start.line <= line && l.range.end.line >= line);
    const found: Array<{ start: number; end: number; path: string; name: string; alias: boolean }> = [];
    for (const other of workspace.files()) {
      if (other.kind !== 'markdown' || other.path === file.path) continue;
      const names = [noteTitle(other.path), ...(other.note?.frontmatter?.aliases ?? [])];
      names.forEach((name, i) => {
        if (name.trim().length < 2) return;
        for (let at = lower.indexOf(name.toLowerCase()); at >= 0; at = lower.indexOf(name.toLowerCase(), at + 1)) {
          const end = at + name.length;
          const span = { start: { line, character: at }, end: { line, character: end } };
          if (!overlaps(span, range) || !wordBoundary(text, at, end)) continue;
          if (linked.some((l) => overlaps(l.range, span)) || isInInlineCode(text, at)) continue;
          found.push({ start: at, end, path: other.path, name, alias: i > 0 });
        }
      });
    }
    // Longer mentions first: "Project Alpha" beats "Alpha" on the same words.
    found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const vault = found.length > 0 ? vaultOf(workspace) : null;
    return found.slice(0, maxMentionActions).map((m) => {
      const phrase = text.slice(m.start, m.end);
      const target = shortestLinkTarget(m.path, file.path, vault!);
      const link = phrase === target ? `[[${target}]]` : `[[${target}|${phrase}]]`;
      return {
        title: `Link '${phrase}' to ${noteTitle(m.path)}`,
        kind: CodeActionKind.RefactorRewrite,
        edit: this.workspaceEdit([{ path: file.path, version: file.version, edits: [{ range: { start: { line, character: m.start }, end: { line, character: m.end } }, newText: link }] }]),
      };
    });
  }

  private taskActions(workspace: Workspace, file: WorkspaceFile, task: Task): CodeAction[] {
    const index = workspace.taskIndex();
    const ctx = this.editContext(workspace);
    const note: NoteText = { path: file.path, text: file.text };
    const actions: CodeAction[] = [];

    if (task.source === 'code' && task.id === null) {
      const result = setField(note, task, 'id', ctx.newId(), ctx);
      const action = this.fromResult('Track this TODO as a task (add 🆔 id)', CodeActionKind.RefactorRewrite, result);
      if (action) actions.push(action);
    }

    const next = task.source === 'markdown' ? nextStatus(index, task, ctx) : null;
    if (next) {
      const check = checkTaskTransition(index, task, next.state);
      const title = `Advance task to ${next.name}`;
      if (!check.ok) actions.push({ title, kind: CodeActionKind.RefactorRewrite, disabled: { reason: check.reason } });
      else {
        const action = this.fromResult(title, CodeActionKind.RefactorRewrite, setStatus(note, task, next.symbol, ctx));
        if (action) actions.push(action);
      }
    }

    for (const target of dependencyCandidates(index, task)) {
      const notes = new Map<string, NoteText>([[note.path, note]]);
      const targetFile = workspace.file(target.path);
      if (targetFile) notes.set(target.path, { path: target.path, text: targetFile.text });
      const action = this.fromResult(`Depend on ${taskName(target)}`, CodeActionKind.RefactorRewrite, addDependency(notes, task, target, ctx));
      if (action) actions.push(action);
    }
    return actions;
  }

  private editContext(workspace: Workspace): EditContext {
    const index = workspace.taskIndex();
    return {
      today: (this.options.today ?? localToday)(),
      settings: workspace.taskSettings,
      newId: () => freshId((id) => index.byId(id).length > 0, this.options.random),
    };
  }

  private fromResult(title: string, kind: string, result: EditResult): CodeAction | null {
    if (!result.ok) return { title, kind, disabled: { reason: result.reason } };
    return { title, kind, edit: this.workspaceEdit(result.edits) };
  }

  /** Core's edits are computed on the workspace text, which is the open document's text: they carry its client version. */
  private workspaceEdit(edits: readonly VersionedFileEdit[]): WorkspaceEdit {
    return {
      documentChanges: edits.map((e) => {
        const uri = this.context.uriOf(e.path);
        return TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, this.context.documentVersion(uri)), e.edits);
      }),
    };
  }
}

function wordBoundary(text: string, start: number, end: number): boolean {
  const word = /[\p{L}\p{N}_]/u;
  return !(start > 0 && word.test(text[start - 1]!)) && !(end < text.length && word.test(text[end]!));
}

/**
 * The next step of the lifecycle: Pending/Active → In Progress → Done; an on-hold task resumes;
 * a failed one is reopened. Closed tasks have none.
 */
function nextStatus(index: TaskIndex, task: Task, ctx: EditContext): { symbol: string; name: string; state: TaskState } | null {
  const state = index.state(task);
  const find = (type: string) => ctx.settings.statuses.find((s) => s.type === type && s.state === undefined);
  const open = task.role ? 'Active' : 'Pending';
  const inProgress = find('IN_PROGRESS');
  const done = find('DONE');
  if (state === 'Completed' || state === 'Cancelled') return null;
  if (state === 'Failed') {
    const todo = find('TODO');
    return todo ? { symbol: todo.symbol, name: `${todo.name} (reopen)`, state: open } : null;
  }
  if (task.status.type === 'IN_PROGRESS') return done ? { symbol: done.symbol, name: done.name, state: 'Completed' } : null;
  return inProgress ? { symbol: inProgress.symbol, name: inProgress.name, state: 'InProgress' } : done ? { symbol: done.symbol, name: done.name, state: 'Completed' } : null;
}

/** Open tasks this one could wait for without a cycle: the note's own first (nearest line), then ones with ids elsewhere. */
function dependencyCandidates(index: TaskIndex, task: Task): Task[] {
  // Anything that (transitively) depends on this task would close a cycle.
  const downstream = new Set<Task>();
  const queue: Task[] = [task];
  while (queue.length > 0) {
    const t = queue.pop()!;
    for (const d of index.dependentsOf(t)) if (!downstream.has(d)) downstream.add(d), queue.push(d);
  }
  const already = new Set(task.dependsOn.map((id) => id.toLowerCase()));
  const candidates = index.tasks.filter(
    (t) =>
      t !== task &&
      !isDone(t) &&
      !downstream.has(t) &&
      !(t.id !== null && already.has(t.id.toLowerCase())) &&
      (t.id !== null || t.path === task.path) &&
      !(t.path === task.path && t.line === task.line),
  );
  candidates.sort((a, b) => Number(a.path !== task.path) - Number(b.path !== task.path) || (a.path === task.path ? Math.abs(a.line - task.line) - Math.abs(b.line - task.line) : 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return candidates.slice(0, maxDependencyActions);
}
