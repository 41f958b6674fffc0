import type { Workspace, WorkspaceFile } from '../../../core/workspace/workspace.js';
import { noteTitle } from '../shared/documents.js';

/** One name a note can be linked by: its file name, or one of its aliases. */
export interface NameEntry {
  file: WorkspaceFile;
  title: string;
  /** The alias this entry offers, or null for the note's own name. */
  alias: string | null;
  /** The name, lower-cased. */
  lower: string;
  /** Where each word of the name starts in `lower` (after space, `-`, `_`, `.`, `(`, `)`). */
  wordStarts: readonly number[];
  lowerPath: string;
}

/**
 * The names `[[` completion matches against, kept between requests: built once, then updated
 * for the paths the server says changed, so a request costs a pass over plain strings instead
 * of re-deriving every note's names, and backlink counts are summed once per note until links
 * change. Without change events (`invalidate` never called with paths) it rebuilds per request.
 */
export class NameIndex {
  private readonly byPath = new Map<string, NameEntry[]>();
  private entries: NameEntry[] | null = null;
  /** Where each path's entries start in `entries` (while it is built), to replace them in place. */
  private readonly slots = new Map<string, number>();
  private readonly nameCounts = new Map<string, number>();
  private readonly popularity = new Map<string, number>();
  /** The resolved links of changed notes as last seen: a later change moves only their targets' counts. */
  private readonly linksSeen = new Map<string, ReadonlyMap<string, number>>();
  private readonly dirty = new Set<string>();
  private built: Workspace | null = null;
  private everything = true;

  /** Paths added, changed, removed or renamed; `null` when anything may have changed. */
  invalidate(paths: readonly string[] | null): void {
    if (paths === null) this.everything = true;
    else for (const path of paths) this.dirty.add(path);
  }

  /** Every name entry, current with the workspace. */
  all(workspace: Workspace): readonly NameEntry[] {
    this.sync(workspace);
    if (this.entries === null) {
      const entries: NameEntry[] = [];
      this.slots.clear();
      for (const [path, list] of this.byPath) {
        this.slots.set(path, entries.length);
        for (const entry of list) entries.push(entry);
      }
      this.entries = entries;
    }
    return this.entries;
  }

  /** How many files share this lower-cased file name (a shared name needs a path to link). */
  filesNamed(lowerTitle: string): number {
    return this.nameCounts.get(lowerTitle) ?? 0;
  }

  /** How often the note is linked from elsewhere; cached until links to it change. */
  popularityOf(workspace: Workspace, path: string): number {
    this.sync(workspace);
    let n = this.popularity.get(path);
    if (n === undefined) {
      n = 0;
      for (const count of workspace.linkIndex().backlinks(path).values()) n += count;
      this.popularity.set(path, n);
    }
    return n;
  }

  private sync(workspace: Workspace): void {
    if (this.built !== workspace) this.everything = true;
    if (this.everything) {
      this.byPath.clear();
      this.nameCounts.clear();
      this.popularity.clear();
      this.linksSeen.clear();
      for (const file of workspace.files()) this.add(file);
      this.built = workspace;
      this.everything = false;
      this.dirty.clear();
      this.entries = null;
      return;
    }
    if (this.dirty.size === 0) return;
    for (const path of this.dirty) {
      const before = this.byPath.get(path);
      this.remove(path);
      const file = workspace.file(path);
      if (file) this.add(file);
      const after = this.byPath.get(path);
      this.linksChanged(workspace, path, before !== undefined && after !== undefined);
      // A note edited in place keeps its slots: the list is not rebuilt on every keystroke.
      const slot = this.slots.get(path);
      if (this.entries !== null && before && after && slot !== undefined && before.length === after.length) this.entries.splice(slot, after.length, ...after);
      else this.entries = null;
    }
    this.dirty.clear();
  }

  /**
   * Forgets the counts a change may have moved. A note edited in place moves only the counts of
   * what it linked to before and links to now; a note added or removed can re-resolve links
   * anywhere, and a note's first edit has no "before" to compare: then every count goes.
   */
  private linksChanged(workspace: Workspace, path: string, editedInPlace: boolean): void {
    const seen = this.linksSeen.get(path);
    const now = editedInPlace ? new Map(workspace.linkIndex().resolvedOf(path)) : null;
    if (!editedInPlace || !seen || !now) {
      this.popularity.clear();
      this.linksSeen.clear();
    } else {
      for (const target of seen.keys()) this.popularity.delete(target);
      for (const target of now.keys()) this.popularity.delete(target);
    }
    if (now) this.linksSeen.set(path, now);
  }

  private add(file: WorkspaceFile): void {
    const title = noteTitle(file.path);
    const key = title.toLowerCase();
    this.nameCounts.set(key, (this.nameCounts.get(key) ?? 0) + 1);
    const lowerPath = file.path.toLowerCase();
    const names: Array<string | null> = [null, ...(file.note?.frontmatter?.aliases ?? [])];
    const entries = names.map((alias): NameEntry => {
      const lower = (alias ?? title).toLowerCase();
      return { file, title, alias, lower, wordStarts: wordStartsOf(lower), lowerPath };
    });
    this.byPath.set(file.path, entries);
  }

  private remove(path: string): void {
    const entries = this.byPath.get(path);
    if (!entries) return;
    const key = entries[0]!.title.toLowerCase();
    const n = (this.nameCounts.get(key) ?? 1) - 1;
    if (n > 0) this.nameCounts.set(key, n);
    else this.nameCounts.delete(key);
    this.byPath.delete(path);
  }
}

const separators = /[\s\-_.()]/;

function wordStartsOf(lower: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < lower.length; i++) if (!separators.test(lower[i]!) && (i === 0 || separators.test(lower[i - 1]!))) starts.push(i);
  return starts;
}

/** How a name matches the query: 4 prefix, 3 word prefix, 2 substring, 1 path or all words, 0 none. */
export function matchTier(entry: NameEntry, query: string, queryWords: readonly string[]): number {
  if (query === '') return 1;
  const at = entry.lower.indexOf(query);
  if (at === 0) return 4;
  if (at > 0) {
    for (const start of entry.wordStarts) if (entry.lower.startsWith(query, start)) return 3;
    return 2;
  }
  if (entry.lowerPath.includes(query)) return 1;
  return queryWords.length > 1 && queryWords.every((w) => entry.lowerPath.includes(w)) ? 1 : 0;
}
