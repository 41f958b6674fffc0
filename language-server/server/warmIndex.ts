import { decodeNoteIndexSteps, noteIndexChunks, noteIndexFingerprint, summaryOfRow, type NoteIndexRow } from '../../core/store/noteIndexFile.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import type { NoteSummary } from '../../core/workspace/fileSummary.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { WarmStartHost } from './host.js';

/** Runs work given as slices (work until `shouldYield()`; true once done), yielding between them. */
export type SliceRunner = (slice: (shouldYield: () => boolean) => boolean) => Promise<void>;

/** What one save wrote, for the log. */
export interface WarmIndexSaved {
  notes: number;
  bytes: number;
}

/**
 * The server's warm start (hosts with `warmStart`). The first indexing reads every file as a
 * cold start does — the search build needs every text anyway, and a plain read is a tenth of a
 * parse — and a note whose text still has the content hash of its row is restored from the row's
 * summary instead of parsed. Matching by hash rather than by size and mtime leaves no window in
 * which a change goes unseen, and needs nothing from the host but its reads. After the warm-up
 * the index is saved again when it would now say something else: rows of restored notes as they
 * were, new rows for notes parsed this time, none for notes changed since.
 *
 * The server keeps its own index, apart from the CLI's `notes.json`: the CLI's index promises
 * that the history store has scanned what it describes, which the server's does not. Its rows'
 * size and mtime are 0: only the hash is compared.
 */
export class ServerWarmIndex {
  /** Notes restored from their row, and notes parsed instead, with the version each had then. */
  private readonly restored = new Map<string, string>();
  private readonly parsed = new Map<string, string>();
  /** Notes restored by this start (still counted once the rows are let go). */
  restoredCount = 0;

  private constructor(
    private readonly host: WarmStartHost,
    private readonly fingerprint: string,
    private rows: Map<string, NoteIndexRow>,
  ) {}

  /**
   * The saved index under these task settings, decoded in slices; empty, with one log line, when
   * there is one that cannot be used.
   */
  static async open(host: WarmStartHost, settings: TaskSettings, log: (line: string) => void, run: SliceRunner): Promise<ServerWarmIndex> {
    const fingerprint = noteIndexFingerprint(settings);
    let bytes: Uint8Array | null = null;
    try {
      bytes = await host.loadNoteIndex();
    } catch (error) {
      log(`the warm-start index in ${host.location} could not be read (${error instanceof Error ? error.message : String(error)}); every note is parsed this time.`);
    }
    const steps = decodeNoteIndexSteps(bytes, fingerprint);
    let rows: Map<string, NoteIndexRow> | null = null;
    await run((shouldYield) => {
      while (!shouldYield()) {
        const step = steps.next();
        if (step.done) {
          rows = step.value;
          return true;
        }
      }
      return false;
    });
    if (bytes !== null && rows === null) log(`the warm-start index in ${host.location} is damaged or was written by another version or other task settings; every note is parsed this time, and it is rewritten.`);
    return new ServerWarmIndex(host, fingerprint, rows ?? new Map());
  }

  /** Whether the last session left a row for `path` (only then is its text hashed to look for its summary). */
  has(path: string): boolean {
    return this.rows.has(path);
  }

  /** The summary of the note at `path` whose text has this version (content hash), when its row has the same. */
  summaryFor(path: string, version: string): NoteSummary | null {
    const row = this.rows.get(path);
    return row && row.hash === version ? summaryOfRow(row) : null;
  }

  restoredAs(path: string, version: string): void {
    this.restored.set(path, version);
    this.restoredCount++;
  }

  parsedAs(path: string, version: string): void {
    this.parsed.set(path, version);
  }

  /** After indexing: with every row used and no note parsed there is nothing to save, and the rows go at once. */
  releaseIfUpToDate(): void {
    if (this.upToDate) this.release();
  }

  private get upToDate(): boolean {
    return this.parsed.size === 0 && this.restored.size === this.rows.size;
  }

  /**
   * Saves the index for the workspace as it is, in slices: a note keeps its row while it has the
   * version it was restored or parsed with; notes changed since (an edit, an open document) are
   * left out, and the next start parses them. Null when there was nothing new to save.
   */
  async save(workspace: Workspace, run: SliceRunner): Promise<WarmIndexSaved | null> {
    if (this.upToDate) return this.release();
    const next = new Map<string, NoteIndexRow>();
    const pending = [...this.restored, ...this.parsed];
    let at = 0;
    await run((shouldYield) => {
      for (; at < pending.length; at++) {
        if (shouldYield()) return false;
        const [path, version] = pending[at]!;
        const row = this.rowOf(workspace, path, version);
        if (row) next.set(path, row);
      }
      return true;
    });
    // Notes whose summary cannot be stored (frontmatter JSON cannot carry) leave it as it was.
    const unchanged = next.size === this.rows.size && [...next.keys()].every((path) => this.restored.has(path));
    this.release();
    if (unchanged) return null;
    // Encoded a line at a time too: at 50k notes the index is ~70 MB of JSON.
    const lines = noteIndexChunks(this.fingerprint, next);
    const chunks: Uint8Array[] = [];
    await run((shouldYield) => {
      while (!shouldYield()) {
        const line = lines.next();
        if (line.done) return true;
        chunks.push(line.value);
      }
      return false;
    });
    await this.host.saveNoteIndex(chunks);
    return { notes: next.size, bytes: chunks.reduce((sum, c) => sum + c.length, 0) };
  }

  private rowOf(workspace: Workspace, path: string, version: string): NoteIndexRow | null {
    if (workspace.file(path)?.version !== version) return null;
    if (this.restored.has(path)) return this.rows.get(path) ?? null;
    const summary = workspace.summary(path);
    return summary ? { size: 0, mtime: 0, hash: version, summaryJson: JSON.stringify(summary) } : null;
  }

  /** Lets go of the rows (their summaries are most of the index's memory). */
  private release(): null {
    this.rows = new Map();
    this.restored.clear();
    this.parsed.clear();
    return null;
  }
}
