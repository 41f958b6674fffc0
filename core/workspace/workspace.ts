import type { Diagnostic } from '../../shared-types/index.js';
import { GraphIndex } from '../graph/graphIndex.js';
import type { ScriptoriumGraph } from '../graph/types.js';
import { LinkIndex } from '../links/linkIndex.js';
import { decodeNote } from '../markdown/decode.js';
import { releaseLines } from '../markdown/lazyLines.js';
import { releaseListItems } from '../markdown/lazyListItems.js';
import { parseNote } from '../markdown/parseNote.js';
import type { ParsedNote } from '../markdown/types.js';
import { tasksFromNote } from '../tasks/extractTasks.js';
import { TaskIndexer } from '../tasks/taskIndexIncremental.js';
import { taskFieldDiagnostics } from '../tasks/taskDiagnostics.js';
import type { Task, TaskIndex, TaskSettings } from '../tasks/types.js';
import { contentHash } from '../text/hash.js';
import { codeTasksFromText } from './codeTasks.js';
import { storedNoteOf, tasksOfSummary, type NoteOutline, type NoteSummary, type StoredNote } from './fileSummary.js';
import { lazyVersion } from './lazyVersion.js';
import { restoredFile } from './restoredFile.js';
import { fileKindOf, type FileKind } from './fileKind.js';
import { WorkspaceDiagnostics } from './workspaceDiagnostics.js';

export interface WorkspaceFile {
  path: string;
  kind: FileKind;
  text: string;
  /** Content hash of `text`: the version edits are computed against. */
  version: string;
  /** Parsed structure for markdown notes; null for code and other files. */
  note: ParsedNote | null;
  tasks: Task[];
  /** Problems found in this file alone (decoding, frontmatter, task fields). */
  diagnostics: Diagnostic[];
}

/**
 * The only owner of state in the core: files come in, parsed notes, tasks and the task index
 * come out. Each file is parsed on its own, so a change costs that file; the cross-file task
 * index is kept file by file (TaskIndexer), its whole-graph facts rebuilt lazily on first use.
 */
export class Workspace {
  private readonly byPath = new Map<string, WorkspaceFile>();
  /** Kept file by file; see TaskIndexer for what a change costs. */
  private readonly tasks = new TaskIndexer();
  /** Built on first use, then kept up to date file by file (see LinkIndex's incremental rule). */
  private links: LinkIndex | null = null;
  /** A build of the link index under way in slices (buildLinkIndexSlice), and the files changed since it began. */
  private linkBuild: { steps: Generator<void, LinkIndex, void>; changed: Set<string> } | null = null;
  /** Built on first use, then updated from the files changed since the last read (see updateGraph). */
  private readonly graphIndex = new GraphIndex();
  /** Kept per file; see WorkspaceDiagnostics for what a change recomputes. */
  private readonly diagnosticsCache = new WorkspaceDiagnostics();
  /** Paths warmDiagnosticsSlice has still to do. */
  private diagnosticsToWarm: string[] | null = null;

  constructor(private settings: TaskSettings) {}

  get taskSettings(): TaskSettings {
    return this.settings;
  }

  /** New settings change what counts as a task and its status: every file is read again. */
  setSettings(settings: TaskSettings): void {
    this.settings = settings;
    for (const file of [...this.byPath.values()]) this.setText(file.path, file.text, file.diagnostics.filter(isDecodingProblem));
  }

  /** Adds or replaces a file from its bytes (decoding problems become diagnostics). */
  setBytes(path: string, bytes: Uint8Array): WorkspaceFile {
    return this.register(this.fileOfBytes(path, bytes));
  }

  /** Adds or replaces a file from its text. */
  setText(path: string, text: string, extraDiagnostics: Diagnostic[] = [], hadBom = false): WorkspaceFile {
    return this.register(this.fileOfText(path, text, extraDiagnostics, hadBom));
  }

  /** A file read from its bytes, in no index yet. */
  private fileOfBytes(path: string, bytes: Uint8Array): WorkspaceFile {
    const kind = fileKindOf(path);
    if (kind === 'other') return this.fileOfText(path, '', []);
    const decoded = decodeNote(bytes);
    const problems: Diagnostic[] = decoded.problem
      ? [
          {
            path,
            range: lineRange(decoded.problem.line ?? 0),
            severity: 'warning',
            code: decoded.problem.code,
            message: decoded.problem.message,
          },
        ]
      : [];
    return this.fileOfText(path, decoded.text, problems, decoded.hadBom);
  }

  /** A file parsed from its text, in no index yet. */
  private fileOfText(path: string, text: string, extraDiagnostics: Diagnostic[], hadBom = false): WorkspaceFile {
    const kind = fileKindOf(path);
    let note: ParsedNote | null = null;
    let tasks: Task[] = [];
    if (kind === 'markdown') {
      note = parseNote(path, text);
      if (hadBom) note.hadBom = true;
      tasks = tasksFromNote(note, this.settings);
      // Split and parsed again only for the notes something reads them of: most never are (see lazyLines.ts, lazyListItems.ts).
      releaseLines(note);
      releaseListItems(note);
    } else if (kind === 'code') {
      tasks = codeTasksFromText(path, text, this.settings);
    }
    const diagnostics = [...extraDiagnostics, ...(note?.diagnostics ?? [])];
    for (const task of tasks) if (mayHaveFieldDiagnostics(task)) diagnostics.push(...taskFieldDiagnostics(task));
    return lazyVersion({ path, kind, text, note, tasks, diagnostics });
  }

  /**
   * Adds a markdown note from what a warm start kept of it (see fileSummary.ts) instead of
   * parsing it: its tasks and its links' targets are there at once; the rest of the note is made
   * from `loadOutline` when first read, and the text is read with `read` (and the list items
   * parsed) only when something asks for them. The caller vouches that the file is unchanged
   * (size and mtime, or hash); if the bytes read later turn out to differ after all, the file is
   * replaced by a parse of what was read. An outline that turns out unusable is replaced by a
   * parse of the bytes too.
   */
  restore(path: string, summary: NoteSummary, loadOutline: () => NoteOutline | null, read: () => Uint8Array | null): WorkspaceFile {
    const tasks = tasksOfSummary(path, summary, this.settings);
    // The closures below keep the version, not the summary (whose task tuples would then outlive the restore).
    const version = summary.version;
    const currentBytes = () => read() ?? new Uint8Array(0);
    const file: WorkspaceFile = restoredFile({
      path,
      summary,
      tasks,
      loadOutline,
      loadText: () => {
        const current = currentBytes();
        const decoded = decodeNote(current);
        if (contentHash(decoded.text) !== version && this.byPath.get(path) === file) this.setBytes(path, current);
        return decoded.text;
      },
      parse: () => {
        const parsed = this.fileOfBytes(path, currentBytes());
        if (parsed.version !== version && this.byPath.get(path) === file) this.register(parsed);
        return parsed;
      },
    });
    return this.register(file);
  }

  /** Puts a new or replaced file in every index kept file by file. */
  private register(file: WorkspaceFile): WorkspaceFile {
    this.noteChange(file.path);
    this.byPath.set(file.path, file);
    this.tasks.setFile(file.path, file.tasks);
    this.links?.setFile(file);
    this.linkBuild?.changed.add(file.path);
    this.graphIndex.changed(file.path);
    return file;
  }

  /** What a warm start needs to restore a markdown note without parsing it, or null (not a note, or not storable). */
  storedNote(path: string): StoredNote | null {
    const file = this.byPath.get(path);
    if (!file || file.kind !== 'markdown' || !file.note) return null;
    // A restored note keeps no summary (it would double its memory): it reads its text, and is
    // replaced by a parse if those bytes are not the ones it was restored from.
    const text = file.text;
    const current = this.byPath.get(path)!;
    return storedNoteOf(path, text, current.version, current.note!, current.tasks, current.diagnostics);
  }

  remove(path: string): void {
    if (this.byPath.delete(path)) {
      this.tasks.removeFile(path);
      this.diagnosticsCache.fileSetChanged();
    }
    this.links?.removeFile(path);
    this.linkBuild?.changed.add(path);
    this.graphIndex.changed(path);
  }

  rename(from: string, to: string): void {
    const file = this.byPath.get(from);
    if (!file) return;
    this.byPath.delete(from);
    this.diagnosticsCache.fileSetChanged();
    this.tasks.removeFile(from);
    this.links?.removeFile(from);
    this.linkBuild?.changed.add(from);
    this.graphIndex.changed(from);
    this.setText(to, file.text, file.diagnostics.filter(isDecodingProblem).map((d) => ({ ...d, path: to })), file.note?.hadBom ?? false);
  }

  file(path: string): WorkspaceFile | undefined {
    return this.byPath.get(path);
  }

  files(): IterableIterator<WorkspaceFile> {
    return this.byPath.values();
  }

  taskIndex(): TaskIndex {
    return this.tasks.index();
  }

  /**
   * Makes the task index's whole-graph facts (hierarchy, cycles, ready set, diagnostics) a step
   * at a time until `shouldYield()` says to stop; true once made. For a server warming up.
   */
  warmTaskFactsSlice(shouldYield: () => boolean): boolean {
    return this.tasks.prepareFacts(shouldYield);
  }

  linkIndex(): LinkIndex {
    if (this.links) return this.links;
    if (this.linkBuild) this.buildLinkIndexSlice(() => false);
    else this.links = LinkIndex.build(this.byPath.values());
    return this.links!;
  }

  /**
   * Builds the link index a file at a time until `shouldYield()` (asked after each) says to stop;
   * true once built. For a server after reading every file: one build with every target known
   * resolves each target once per folder, where keeping it file by file while files arrive
   * re-resolves links whenever a file they could name appears (≈4x the work at 13k notes).
   */
  buildLinkIndexSlice(shouldYield: () => boolean): boolean {
    if (this.links) return true;
    const build = (this.linkBuild ??= { steps: LinkIndex.buildSteps([...this.byPath.values()]), changed: new Set() });
    for (;;) {
      const step = build.steps.next();
      if (step.done) {
        this.linkBuild = null;
        const links = (this.links = step.value);
        for (const path of build.changed) {
          const file = this.byPath.get(path);
          if (file) links.setFile(file);
          else links.removeFile(path);
        }
        return true;
      }
      if (shouldYield()) return false;
    }
  }

  /** The relationship graph (core/graph): notes, files, tasks, roles and their typed edges. */
  graph(): ScriptoriumGraph {
    return this.graphIndex.get(this);
  }

  /**
   * Builds the graph a few files at a time until `shouldYield()` (asked after each file) says to
   * stop; true once built. For a server: the first `graph()` then costs nothing more.
   */
  buildGraphSlice(shouldYield: () => boolean): boolean {
    return this.graphIndex.buildSlice(this, shouldYield);
  }

  /** Every diagnostic: per file, then the cross-file ones (cycles, duplicate ids, unresolved links, …). */
  diagnostics(): Diagnostic[] {
    const out: Diagnostic[] = [];
    for (const list of this.diagnosticsByPath().values()) for (const d of list) out.push(d);
    return out;
  }

  /**
   * The same diagnostics grouped by path (paths in code-unit order). A path's list is the same
   * array until something in it changes, so a caller can keep what it derived from each list;
   * a change costs the files it touched (see WorkspaceDiagnostics).
   */
  diagnosticsByPath(): ReadonlyMap<string, readonly Diagnostic[]> {
    return this.diagnosticsCache.byPath(this.byPath.values(), this.linkIndex(), this.taskIndex().diagnostics);
  }

  /**
   * Computes the per-file parts of `diagnostics()` a few files at a time, until `shouldYield()`
   * (asked after each file) says to stop; true once every file's part is there. For a server:
   * the first read then only merges what is kept.
   */
  warmDiagnosticsSlice(shouldYield: () => boolean): boolean {
    const queue = (this.diagnosticsToWarm ??= [...this.byPath.keys()]);
    const links = this.linkIndex();
    while (queue.length > 0) {
      const file = this.byPath.get(queue.pop()!);
      if (file) this.diagnosticsCache.warmFile(file, links);
      if (shouldYield()) break;
    }
    if (queue.length > 0) return false;
    this.diagnosticsToWarm = null;
    return true;
  }

  private noteChange(path: string): void {
    if (this.byPath.has(path)) this.diagnosticsCache.changed();
    else this.diagnosticsCache.fileSetChanged();
  }
}


/**
 * Field diagnostics come only from invalid values or a key given twice; most tasks have
 * neither, and skipping them saves an array and a map per task on every load.
 */
function mayHaveFieldDiagnostics(task: Task): boolean {
  if (task.invalid.length > 0) return true;
  const fields = task.fields;
  for (let i = 1; i < fields.length; i++) for (let j = 0; j < i; j++) if (fields[i]!.key === fields[j]!.key) return true;
  return false;
}

function isDecodingProblem(d: Diagnostic): boolean {
  return d.code === 'binary-file' || d.code === 'invalid-utf8' || d.code === 'file-too-large';
}

function lineRange(line: number) {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}
