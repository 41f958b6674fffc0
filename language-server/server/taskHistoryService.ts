import type { TaskHistoryParams, TaskHistoryResult } from '../../shared-types/protocol.js';
import type { FileStat, ScanResult, VaultFiles, VaultHistory } from '../../core/store/vaultHistory.js';
import type { AppliedTaskEdit } from './host.js';

/** How a host reaches its vault's history: the only part of the task history that does I/O. */
export interface HistoryOpener {
  /**
   * Opens (or creates, or rebuilds) the vault's store and event log, as VaultHistory.open does,
   * reading the vault's files through `files` (the host's own files, wrapped by the caller).
   */
  open(files: (hostFiles: VaultFiles) => VaultFiles): Promise<{ history: VaultHistory; scan: ScanResult }>;
  /** A file's text as the host's storage holds it now (not the editor's buffer); null when it is gone. */
  storedText(path: string): Promise<string | null>;
}

/**
 * The task history as the server keeps it, opened per use as `scriptorium history` and
 * `scriptorium task` open it (hand edits found since the last use become `scan` events), or,
 * with `keepOpen`, kept open through a burst of uses.
 *
 * Task edits the server sent with `workspace/applyEdit` are recorded as source `edit` (core's
 * source for an editor's edit), as `scriptorium task` records its own as `cli`. The server never
 * writes files, so such an edit may for a while be only in the editor's buffer: until the stored
 * file changes, the history reads it with the edit applied (so the edit is not undone by a scan,
 * then found again as a hand edit when saved). Once the stored text is anything else (saved, or
 * changed another way), storage is the truth again; an edit thrown away is then recorded as a
 * `scan` change back.
 */
export class TaskHistoryService {
  /** Files edited by the server whose new text may not be stored yet: the stored text then, and the text after. */
  private readonly pending = new Map<string, { disk: string; after: string }>();
  /** One history operation at a time: a read right after an edit sees the edit. */
  private queue: Promise<unknown> = Promise.resolve();
  /**
   * Edits waiting for their turn, per file the text before each, oldest first. An operation ahead
   * of them reads the file as it was before them: the editor has already written it, and a scan
   * would otherwise take the edit for a hand edit (two quick task edits recorded a `scan` change
   * and its reversal before the second edit).
   */
  private readonly queued = new Map<string, string[]>();
  /** The texts the history reads in place of stored files (the pending ones), refilled by each operation. */
  private readonly overlay = new Map<string, string>();
  /**
   * What the history reads in place of stored files, looked up at each read: the overlay, and the
   * edits queued since the operation began (announced while it runs).
   */
  private readonly readAs: TextLookup = {
    get: (path) => this.overlay.get(path) ?? this.queued.get(path)?.[0],
    has: (path) => this.overlay.has(path) || this.queued.has(path),
    keys: () => new Set([...this.overlay.keys(), ...this.queued.keys()]),
  };
  /** The history kept open between operations (with `keepOpen`), and whether it holds what its saved bytes do not. */
  private kept: VaultHistory | null = null;
  private unsaved = false;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * `keepOpen`: a host that is its store's only writer (the browser build: the store lives with the
   * editor) keeps it open through a burst of uses and saves and closes it once idle for `idleMs`.
   * Opening and saving moved the whole store through the editor (~0.5 s of the worker's time per
   * task edit at 10k notes); the event log is appended at once, so a store not yet saved loses
   * nothing (the next open projects the log).
   */
  constructor(
    private readonly opener: HistoryOpener,
    private readonly log: (line: string) => void,
    private readonly keepOpen: { idleMs: number } | null = null,
  ) {}

  /** Records `edits` as source `edit` once `applied` says the client applied them (announced at once: see `queued`). */
  record(edits: readonly AppliedTaskEdit[], applied: Promise<boolean> = Promise.resolve(true)): Promise<void> {
    for (const e of edits) this.queued.set(e.path, [...(this.queued.get(e.path) ?? []), e.before]);
    return this.serially(async () => {
      const wasApplied = await applied.catch(() => false);
      // Its own turn: this operation reads its files as they were before its edits itself.
      for (const e of edits) {
        const rest = this.queued.get(e.path)?.slice(1) ?? [];
        if (rest.length > 0) this.queued.set(e.path, rest);
        else this.queued.delete(e.path);
      }
      if (!wasApplied) return;
      await this.fillOverlay();
      for (const e of edits) this.overlay.set(e.path, e.before);
      await this.use(async (history) => {
        for (const e of edits) {
          this.overlay.set(e.path, e.after);
          this.pending.set(e.path, { disk: this.pending.get(e.path)?.disk ?? e.before, after: e.after });
        }
        await history.recordChanges(edits.map((e) => e.path), 'edit');
        return true;
      });
    });
  }

  read(params: TaskHistoryParams): Promise<TaskHistoryResult> {
    return this.serially(async () => {
      await this.fillOverlay();
      let result: TaskHistoryResult = { events: [], lineText: null };
      await this.use(async (history, changed) => {
        const { events, task } = history.taskHistory(params.task);
        const limit = params.limit ?? 500;
        result = { events: events.slice(-limit).map((e) => ({ ...e, task: { ...e.task } })), lineText: task?.lineText ?? null };
        return changed;
      });
      return result;
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /**
   * Runs `work` on the history, opened (or, kept open, brought up to the log and the files) with
   * the overlay; `work` says whether the store now differs from its saved bytes. Then saves and
   * closes it, or keeps it and saves once idle. A failure drops a kept history: the next use opens it again.
   */
  private async use(work: (history: VaultHistory, changed: boolean) => Promise<boolean>): Promise<void> {
    const { history, changed } = await this.openWithScan();
    try {
      const dirty = (await work(history, changed)) || changed;
      if (!this.keepOpen) {
        if (dirty) await history.save();
        return;
      }
      this.unsaved ||= dirty;
      this.scheduleIdleSave();
    } catch (error) {
      if (this.kept === history) this.kept = null;
      throw error;
    } finally {
      if (this.kept !== history) history.close();
    }
  }

  private scheduleIdleSave(): void {
    if (this.idleTimer !== null) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      void this.serially(() => this.saveAndClose()).catch((error: unknown) =>
        this.log(`warning: the task history's store could not be saved (${error instanceof Error ? error.message : String(error)}); the next use rebuilds it from the log.`),
      );
    }, this.keepOpen!.idleMs);
  }

  private async saveAndClose(): Promise<void> {
    const history = this.kept;
    if (history === null) return;
    this.kept = null;
    try {
      if (this.unsaved) await history.save();
      this.unsaved = false;
    } finally {
      history.close();
    }
  }

  /** The overlay: the server's text of each pending file whose stored text has not changed since the edit; the others are dropped. */
  private async fillOverlay(): Promise<void> {
    this.overlay.clear();
    for (const [file, { disk, after }] of this.pending) {
      const now = await this.opener.storedText(file).catch(() => null);
      if (now !== null && now.replace(/^\uFEFF/, '') === disk) this.overlay.set(file, after);
      else this.pending.delete(file);
    }
  }

  /** The history with the overlay read in place of those stored files: the kept one brought up to date, or opened. */
  private async openWithScan(): Promise<{ history: VaultHistory; changed: boolean }> {
    let history: VaultHistory;
    let changed: boolean;
    if (this.kept) {
      history = this.kept;
      const projected = await history.projectLogs();
      const scan = await history.scan('scan');
      changed = scan.read.length > 0 || projected > 0;
    } else {
      const opened = await this.opener.open((files) => overlaid(files, this.readAs));
      history = opened.history;
      changed = opened.scan.read.length > 0 || history.status !== 'loaded' || history.projected > 0;
      if (this.keepOpen) {
        this.kept = history;
        this.unsaved = false;
      }
    }
    for (const w of history.warnings) this.log(`warning: ${w.where}: ${w.message}`);
    history.warnings.length = 0;
    return { history, changed };
  }
}

/** Texts read in place of stored files, by path. */
interface TextLookup {
  get(path: string): string | undefined;
  has(path: string): boolean;
  keys(): Iterable<string>;
}

/**
 * The host's files, except those in `texts`, read as that text. Their size and mtime read as
 * unknown (-1), so the store never mistakes them for the stored file: the next scan reads it.
 * `texts` is read at each call, so it can change between opening and recording.
 */
function overlaid(base: VaultFiles, texts: TextLookup): VaultFiles {
  const unknown = (p: string): FileStat => ({ path: p, size: -1, mtime: -1 });
  return {
    async list() {
      const listed = await base.list();
      const out = listed.map((s) => (texts.has(s.path) ? unknown(s.path) : s));
      const seen = new Set(listed.map((s) => s.path));
      for (const p of texts.keys()) if (!seen.has(p)) out.push(unknown(p));
      return out;
    },
    async stat(p) {
      return texts.has(p) ? unknown(p) : base.stat(p);
    },
    async read(p) {
      const text = texts.get(p);
      return text === undefined ? base.read(p) : new TextEncoder().encode(text);
    },
  };
}
