import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { decodeNoteIndex, encodeNoteIndex, noteIndexFingerprint, storedNoteOfRow, type NoteIndexRow, type StoredNoteJson } from '../../core/store/noteIndexFile.js';
import { headerProblemOf } from '../../core/store/taskStore.js';
import type { FileStat } from '../../core/store/vaultHistory.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { Workspace } from '../../core/workspace/workspace.js';
import { fileByteStore } from './fileByteStore.js';
import { addFromDisk } from './loadWorkspace.js';
import { defaultStoreFolder, openVaultHistory, storeFileName } from './openHistory.js';
import { listWorkspaceFiles, maxFileBytes, type FoundFile } from './readWorkspaceFiles.js';

/** The warm-start index beside the store (see core/store/noteIndexFile.ts). */
export const noteIndexFileName = 'notes.json';

/** The store folder a load uses: `--store`, `<root>/.scriptorium` when `'auto'` and a store is there, or none. */
export function storeDirFor(root: string, store: string | 'auto' | false | undefined): string | null {
  if (store === undefined || store === false) return null;
  if (store !== 'auto') return path.resolve(store);
  const dir = path.join(root, defaultStoreFolder);
  return existsSync(path.join(dir, storeFileName)) ? dir : null;
}

/**
 * A warm start. The note index beside the store says, per note and source file, the size, mtime
 * and hash the last start saw, and per note its summary. When every file still has its size and
 * mtime (and none came or went), nothing changed since that start: every note is restored from
 * its summary (nothing read, nothing parsed; text and list items come when asked), source files
 * and canvases are read, and the store is not even opened — it already holds what a scan would
 * find. Otherwise the store's history is opened and scans (recording hand edits as `scan`
 * events, as `history` does; the files it reads are parsed once, into the Workspace), unchanged
 * notes are restored, the rest read and parsed, and the store and then the note index are saved.
 * Null when the store cannot be opened at all: the caller reads the folder plainly. A missing,
 * old or corrupt store is rebuilt by openVaultHistory with one log line; a missing or unreadable
 * note index only costs a full parse, and is rewritten.
 */
export async function loadWithStore(root: string, settings: TaskSettings, storeDir: string, log: (line: string) => void): Promise<Workspace | null> {
  const workspace = new Workspace(settings);
  const fingerprint = noteIndexFingerprint(settings);
  const indexPath = path.join(storeDir, noteIndexFileName);
  const indexFile = fileByteStore(indexPath);
  // Read synchronously: nothing else runs yet, and the promise API took twice as long for its 18 MB at 13k notes.
  const bytes = readBytes(indexPath);
  const rows = decodeNoteIndex(bytes, fingerprint) ?? new Map<string, NoteIndexRow>();
  const found = await listWorkspaceFiles(root, () => true);
  const stats = new Map<string, FileStat>();
  for (const file of found) {
    if (fileKindOf(file.path) === 'other') continue;
    const info = statSync(file.absolute, { throwIfNoEntry: false });
    if (info?.isFile()) stats.set(file.path, { path: file.path, size: info.size, mtime: Math.floor(info.mtimeMs) });
  }
  const unchanged = (p: string) => {
    const stat = stats.get(p);
    const row = rows.get(p);
    return stat !== undefined && row !== undefined && row.size === stat.size && row.mtime === stat.mtime;
  };

  if (rows.size === stats.size && [...stats.keys()].every(unchanged) && storeLooksSound(path.join(storeDir, storeFileName))) {
    for (const file of found) {
      const row = rows.get(file.path);
      if (!row || !restore(workspace, file, row)) addFromDisk(workspace, file);
    }
    return workspace;
  }

  const byPath = new Map(found.map((f) => [f.path, f]));
  let opened: Awaited<ReturnType<typeof openVaultHistory>>;
  try {
    opened = await openVaultHistory(root, {
      storeDir,
      settings,
      log,
      listed: [...stats.values()],
      saveNow: false,
      // Files the history scan must read (changed since it last saw them) are read once, into the Workspace.
      parsed: (relative) => {
        const file = byPath.get(relative);
        if (!file) return undefined;
        addFromDisk(workspace, file);
        const added = workspace.file(relative);
        return added ? { hash: added.version, tasks: added.tasks } : undefined;
      },
    });
  } catch (error) {
    log(`the store in ${storeDir} could not be opened (${error instanceof Error ? error.message : String(error)}); reading every file instead.`);
    return null;
  }
  const { history } = opened;
  const next = new Map<string, NoteIndexRow>();
  try {
    for (const file of found) {
      const stat = stats.get(file.path);
      const row = rows.get(file.path);
      const known = workspace.file(file.path) !== undefined;
      if (!known && row !== undefined && unchanged(file.path) && restore(workspace, file, row)) {
        next.set(file.path, row);
        continue;
      }
      if (!known) addFromDisk(workspace, file);
      const added = workspace.file(file.path);
      if (!stat || !added) continue;
      // A file too large to read is remembered by its stat alone (its summary would be of nothing).
      next.set(file.path, { size: stat.size, mtime: stat.mtime, hash: added.version, stored: stat.size > maxFileBytes ? null : storedJson(workspace, file.path) });
    }
    // The store first: the note index may only ever say what the saved store has seen.
    await history.save();
    await indexFile.save(encodeNoteIndex(fingerprint, next));
  } catch (error) {
    // The store is a cache: failing to use or save it costs time, never the command.
    log(`the store in ${storeDir} could not be updated (${error instanceof Error ? error.message : String(error)}).`);
  } finally {
    history.close();
  }
  return workspace;
}

/** Restores one note from its row; false when the row has no usable summary (then it is parsed). */
function restore(workspace: Workspace, file: FoundFile, row: NoteIndexRow): boolean {
  const stored = storedNoteOfRow(row);
  if (!stored) return false;
  try {
    workspace.restore(file.path, stored.summary, stored.outline, () => readBytes(file.absolute));
    return true;
  } catch {
    workspace.remove(file.path);
    return false;
  }
}

function storedJson(workspace: Workspace, path: string): StoredNoteJson | null {
  const stored = workspace.storedNote(path);
  return stored ? { summary: JSON.stringify(stored.summary), outline: JSON.stringify(stored.outline) } : null;
}

/** The store's header checks out (what a torn write leaves fails here); deeper damage shows when the store is next opened. */
function storeLooksSound(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = openSync(file, 'r');
    const header = new Uint8Array(100);
    const read = readSync(fd, header, 0, 100, 0);
    return headerProblemOf(header.subarray(0, read), fstatSync(fd).size) === null;
  } catch {
    return false;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

function readBytes(absolute: string): Uint8Array | null {
  try {
    return readFileSync(absolute);
  } catch {
    return null;
  }
}
