import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TaskHistoryParams, TaskHistoryResult } from '../../shared-types/protocol.js';
import { VaultHistory, type FileStat, type VaultFiles } from '../../core/store/vaultHistory.js';
import type { AppliedTaskEdit } from '../server/host.js';
import { fileByteStore } from './fileByteStore.js';
import { folderFiles, folderLogs } from './historyFiles.js';
import { loadTaskSettings } from './loadWorkspace.js';
import { defaultStoreFolder, openVaultHistory, storeFileName } from './openHistory.js';
import { loadSqlJs } from './sqlJs.js';

/**
 * The task history as the node server keeps it, opened per use as `scriptorium history` and
 * `scriptorium task` open it (hand edits found since the last run become `scan` events).
 *
 * Task edits the server sent with `workspace/applyEdit` are recorded as source `edit` (core's
 * source for an editor's edit), as `scriptorium task` records its own as `cli`. The server never
 * writes files, so such an edit may for a while be only in the editor's buffer: until the file
 * on disk changes, the history reads it with the edit applied (so the edit is not undone by a
 * scan, then found again as a hand edit when saved). Once the disk text is anything else (saved,
 * or changed another way), the disk is the truth again; an edit thrown away is then recorded as
 * a `scan` change back.
 */
export class ServerHistory {
  /** Files edited by the server whose new text may not be on disk yet: the disk text then, and the text after. */
  private readonly pending = new Map<string, { disk: string; after: string }>();
  /** One history operation at a time: a read right after an edit sees the edit. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly root: string,
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

  /** The server's text of each pending file whose disk text has not changed since the edit; the others are dropped. */
  private async pendingTexts(): Promise<Map<string, string>> {
    const texts = new Map<string, string>();
    for (const [file, { disk, after }] of this.pending) {
      const now = await readFile(path.join(this.root, file), 'utf8').catch(() => null);
      if (now !== null && now.replace(/^\uFEFF/, '') === disk) texts.set(file, after);
      else this.pending.delete(file);
    }
    return texts;
  }

  /** Opens the store as openVaultHistory does, with `texts` read in place of those files on disk. */
  private async openWithScan(texts: ReadonlyMap<string, string>): Promise<{ history: VaultHistory; changed: boolean }> {
    const storeDir = path.join(this.root, defaultStoreFolder);
    let device = await deviceName(storeDir);
    if (device === '') {
      // First use in this folder: the CLI's opening prepares the store folder and names the device.
      (await openVaultHistory(this.root, { log: this.log })).history.close();
      device = (await deviceName(storeDir)) || 'device';
    }
    const { history, scan } = await VaultHistory.open({
      sql: await loadSqlJs(),
      bytes: fileByteStore(path.join(storeDir, storeFileName)),
      files: overlaid(folderFiles(this.root), texts),
      logs: folderLogs(this.root),
      settings: await loadTaskSettings(this.root),
      device,
      now: () => new Date().toISOString(),
      newId: () => randomBytes(8).toString('hex'),
      log: this.log,
      storeName: `The store ${defaultStoreFolder}/${storeFileName}`,
    });
    for (const w of history.warnings) this.log(`warning: ${w.where}: ${w.message}`);
    history.warnings.length = 0;
    return { history, changed: scan.read.length > 0 || history.status !== 'loaded' || history.projected > 0 };
  }
}

/**
 * The folder's files, except those in `texts`, read as that text. Their size and mtime read as
 * unknown (-1), so the store never mistakes them for the file on disk: the next scan reads the disk.
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

/** As openHistory.ts names this device: SCRIPTORIUM_DEVICE, else the name kept in the store folder ('' when none yet). */
async function deviceName(storeDir: string): Promise<string> {
  const pinned = process.env.SCRIPTORIUM_DEVICE;
  if (pinned) return pinned;
  return (await readFile(path.join(storeDir, 'device'), 'utf8').catch(() => '')).trim();
}
