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
 * `scriptorium task` open it (hand edits found since the last use become `scan` events).
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

  constructor(
    private readonly opener: HistoryOpener,
    private readonly log: (line: string) => void,
  ) {}

  record(edits: readonly AppliedTaskEdit[]): Promise<void> {
    return this.serially(async () => {
      const texts = await this.pendingTexts();
      for (const e of edits) texts.set(e.path, e.before);
      const { history } = await this.openWithScan(texts);
      try {
        for (const e of edits) {
          texts.set(e.path, e.after);
          this.pending.set(e.path, { disk: this.pending.get(e.path)?.disk ?? e.before, after: e.after });
        }
        await history.recordChanges(edits.map((e) => e.path), 'edit');
        await history.save();
      } finally {
        history.close();
      }
    });
  }

  read(params: TaskHistoryParams): Promise<TaskHistoryResult> {
    return this.serially(async () => {
      const { history, changed } = await this.openWithScan(await this.pendingTexts());
      try {
        if (changed) await history.save();
        const { events, task } = history.taskHistory(params.task);
        const limit = params.limit ?? 500;
        return { events: events.slice(-limit).map((e) => ({ ...e, task: { ...e.task } })), lineText: task?.lineText ?? null };
      } finally {
        history.close();
      }
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** The server's text of each pending file whose stored text has not changed since the edit; the others are dropped. */
  private async pendingTexts(): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const [file, { disk, after }] of this.pending) {
      const now = await this.opener.storedText(file).catch(() => null);
      if (now !== null && now.replace(/^\uFEFF/, '') === disk) texts.set(file, after);
      else this.pending.delete(file);
    }
    return texts;
  }

  /** Opens the history with `texts` read in place of those stored files. */
  private async openWithScan(texts: ReadonlyMap<string, string>): Promise<{ history: VaultHistory; changed: boolean }> {
    const { history, scan } = await this.opener.open((files) => overlaid(files, texts));
    for (const w of history.warnings) this.log(`warning: ${w.where}: ${w.message}`);
    history.warnings.length = 0;
    return { history, changed: scan.read.length > 0 || history.status !== 'loaded' || history.projected > 0 };
  }
}

/**
 * The host's files, except those in `texts`, read as that text. Their size and mtime read as
 * unknown (-1), so the store never mistakes them for the stored file: the next scan reads it.
 * `texts` is read at each call, so it can change between opening and recording.
 */
function overlaid(base: VaultFiles, texts: ReadonlyMap<string, string>): VaultFiles {
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
