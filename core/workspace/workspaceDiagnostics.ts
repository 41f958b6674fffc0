import type { Diagnostic } from '../../shared-types/index.js';
import { relationDiagnostics } from '../graph/relationDiagnostics.js';
import { unresolvedLinkDiagnosticsOf } from '../links/linkDiagnostics.js';
import type { LinkIndex } from '../links/linkIndex.js';
import type { WorkspaceFile } from './workspace.js';

interface LinkPart {
  file: WorkspaceFile;
  /** Which of the file's links resolve to nothing: it can change without the file changing (a file added elsewhere). */
  unresolved: string;
  diagnostics: readonly Diagnostic[];
}

interface Merged {
  own: readonly Diagnostic[];
  tasks: readonly Diagnostic[];
  links: readonly Diagnostic[];
  list: readonly Diagnostic[];
}

const none: readonly Diagnostic[] = Object.freeze([]);

/**
 * The workspace's diagnostics kept per file, so that a change costs the files it touches: a
 * file's own diagnostics and its link part (unresolved links and relations, which read only the
 * file and where its links resolve) are recomputed when the file object changed, or, after files
 * were added or removed, when one of its links changed between resolved and not; the task
 * index's cross-file diagnostics are regrouped by file and compared. A file's merged list keeps
 * its identity while nothing in it changed, so callers can reuse what they made of it.
 */
export class WorkspaceDiagnostics {
  private readonly linkParts = new Map<string, LinkPart>();
  private readonly merged = new Map<string, Merged>();
  private taskSource: readonly Diagnostic[] | null = null;
  private taskGroups = new Map<string, Diagnostic[]>();
  private checkResolution = true;
  private answer: ReadonlyMap<string, readonly Diagnostic[]> | null = null;

  /** Files were added or removed: links elsewhere may resolve differently now. */
  fileSetChanged(): void {
    this.checkResolution = true;
    this.answer = null;
  }

  changed(): void {
    this.answer = null;
  }

  /** Diagnostics by path, paths in code-unit order, each list by line and column. */
  byPath(files: Iterable<WorkspaceFile>, links: LinkIndex, taskDiagnostics: readonly Diagnostic[]): ReadonlyMap<string, readonly Diagnostic[]> {
    if (this.answer && this.taskSource === taskDiagnostics) return this.answer;
    if (this.taskSource !== taskDiagnostics) {
      this.taskGroups = new Map();
      for (const d of taskDiagnostics) {
        const list = this.taskGroups.get(d.path);
        if (list) list.push(d);
        else this.taskGroups.set(d.path, [d]);
      }
      this.taskSource = taskDiagnostics;
    }
    const seen = new Set<string>();
    const answer = new Map<string, readonly Diagnostic[]>();
    for (const file of files) {
      seen.add(file.path);
      const list = this.mergedOf(file.path, file.diagnostics, this.taskGroups.get(file.path) ?? none, this.linkPart(file, links));
      if (list.length > 0) answer.set(file.path, list);
    }
    // Task diagnostics always name a file of the workspace; kept anyway should one not.
    for (const [path, tasks] of this.taskGroups) if (!seen.has(path)) answer.set(path, this.mergedOf(path, none, tasks, none));
    for (const path of [...this.linkParts.keys()]) if (!seen.has(path)) this.linkParts.delete(path);
    for (const path of [...this.merged.keys()]) if (!answer.has(path)) this.merged.delete(path);
    this.checkResolution = false;
    const sorted = new Map<string, readonly Diagnostic[]>();
    for (const path of [...answer.keys()].sort(compare)) sorted.set(path, answer.get(path)!);
    return (this.answer = sorted);
  }

  /** Computes one file's link part ahead of a read (for a server warming up in slices). */
  warmFile(file: WorkspaceFile, links: LinkIndex): void {
    this.linkPart(file, links);
  }

  private linkPart(file: WorkspaceFile, links: LinkIndex): readonly Diagnostic[] {
    const cached = this.linkParts.get(file.path);
    if (cached && cached.file === file && !this.checkResolution) return cached.diagnostics;
    const unresolved = unresolvedSignature(links, file.path);
    if (cached && cached.file === file && cached.unresolved === unresolved) return cached.diagnostics;
    let diagnostics = none;
    if (unresolved !== '' || file.note) {
      const relations = relationDiagnostics([file], links);
      // An unresolved relation is reported once, as such, not also as an unresolved link.
      const relationAt = new Set(relations.filter((d) => d.code === 'unresolved-relation').map(at));
      const found = [...unresolvedLinkDiagnosticsOf(links, file.path).filter((d) => !relationAt.has(at(d))), ...relations];
      if (found.length > 0) diagnostics = found;
    }
    this.linkParts.set(file.path, { file, unresolved, diagnostics });
    return diagnostics;
  }

  private mergedOf(path: string, own: readonly Diagnostic[], tasks: readonly Diagnostic[], links: readonly Diagnostic[]): readonly Diagnostic[] {
    const cached = this.merged.get(path);
    if (cached && cached.own === own && cached.links === links && sameItems(cached.tasks, tasks)) return cached.list;
    const list = own.length + tasks.length + links.length === 0 ? none : [...own, ...tasks, ...links].sort(byPlace);
    this.merged.set(path, { own, tasks, links, list });
    return list;
  }
}

function unresolvedSignature(links: LinkIndex, path: string): string {
  if (links.unresolvedOf(path).size === 0) return '';
  let out = '';
  links.outgoing(path).forEach((o, i) => {
    if (o.target === null) out += `${i},`;
  });
  return out;
}

function sameItems(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function byPlace(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function at(d: Diagnostic): string {
  return `${d.path}:${d.range.start.line}:${d.range.start.character}`;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
