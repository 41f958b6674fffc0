import type { Workspace, WorkspaceFile } from '../../../core/workspace/workspace.js';
import { isJsWhitespace } from '../../../core/text/whitespace.js';
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
 * of re-deriving every note's names (how often each is linked is the link index's
 * `backlinkCount`). Without change events (`invalidate` never called with paths) it rebuilds per request.
 */
export class NameIndex {
  private readonly byPath = new Map<string, NameEntry[]>();
  private entries: NameEntry[] | null = null;
  /** Where each path's entries start in `entries` (while it is built), to replace them in place. */
  private slots = new Map<string, number>();
  /** `entries` being made in slices (prepareSlice): dropped whenever the names change meanwhile. */
  private flattening: { entries: NameEntry[]; slots: Map<string, number>; rest: Iterator<[string, NameEntry[]]> } | null = null;
  private readonly nameCounts = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private built: Workspace | null = null;
  /** Files still to add while the names are gathered in slices (prepareSlice). */
  private pending: WorkspaceFile[] | null = null;
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
      this.flattening = null;
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


  /**
   * Gathers the names a few files at a time until `shouldYield()` says to stop; true once done.
   * For a server warming up: at 13k notes they take ~35 ms, more than one step may.
   */
  prepareSlice(workspace: Workspace, shouldYield: () => boolean): boolean {
    if (this.built !== workspace || this.everything) this.start(workspace);
    const pending = this.pending;
    if (pending) {
      while (pending.length > 0) {
        this.add(pending.pop()!);
        if (shouldYield()) return false;
      }
      this.pending = null;
    }
    // The flat list too, a few hundred files a slice: at 50k notes it was one 80 ms step.
    if (this.entries === null && this.dirty.size === 0) {
      const flat = (this.flattening ??= { entries: [] as NameEntry[], slots: new Map<string, number>(), rest: this.byPath.entries() });
      for (let next = flat.rest.next(); !next.done; next = flat.rest.next()) {
        flat.slots.set(next.value[0], flat.entries.length);
        for (const entry of next.value[1]) flat.entries.push(entry);
        if (shouldYield()) return false;
      }
      this.flattening = null;
      this.entries = flat.entries;
      this.slots = flat.slots;
    }
    this.all(workspace);
    return true;
  }

  /** Starts over: every file of `workspace` is still to add (by sync at once, or prepareSlice in steps). */
  private start(workspace: Workspace): void {
    this.byPath.clear();
    this.nameCounts.clear();
    this.built = workspace;
    this.everything = false;
    this.dirty.clear();
    this.entries = null;
    this.flattening = null;
    this.pending = [...workspace.files()];
  }

  private sync(workspace: Workspace): void {
    if (this.built !== workspace || this.everything) this.start(workspace);
    if (this.pending) {
      // Files changed since the gathering began are in `dirty` too, and are read again below.
      for (const file of this.pending) this.add(file);
      this.pending = null;
    }
    if (this.dirty.size === 0) return;
    this.flattening = null;
    for (const path of this.dirty) {
      const before = this.byPath.get(path);
      this.remove(path);
      const file = workspace.file(path);
      if (file) this.add(file);
      const after = this.byPath.get(path);
      // A note edited in place keeps its slots: the list is not rebuilt on every keystroke.
      const slot = this.slots.get(path);
      if (this.entries !== null && before && after && slot !== undefined && before.length === after.length) this.entries.splice(slot, after.length, ...after);
      else this.entries = null;
    }
    this.dirty.clear();
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

/** Whitespace, `-`, `_`, `.`, `(`, `)`: what separates the words of a name. */
function isSeparator(c: number): boolean {
  return c === 45 || c === 95 || c === 46 || c === 40 || c === 41 || isJsWhitespace(c);
}

function wordStartsOf(lower: string): number[] {
  const starts: number[] = [];
  let previousSeparates = true;
  for (let i = 0; i < lower.length; i++) {
    const separates = isSeparator(lower.charCodeAt(i));
    if (!separates && previousSeparates) starts.push(i);
    previousSeparates = separates;
  }
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
