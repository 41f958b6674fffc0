import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VaultHistory, type FileStat, type ScanResult, type VaultFiles } from '../../core/store/vaultHistory.js';
import type { Task } from '../../core/tasks/types.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { fileByteStore } from './fileByteStore.js';
import { folderFiles, folderLogs } from './historyFiles.js';
import { loadTaskSettings, UserError } from './loadWorkspace.js';
import { loadSqlJs } from './sqlJs.js';

/** The folder that holds the store unless `--store` names another: machine-local, never synced. */
export const defaultStoreFolder = '.scriptorium';
export const storeFileName = 'index.sqlite';

export interface OpenHistoryOptions {
  /** Folder for the store and this device's name; default `<root>/.scriptorium`. */
  storeDir?: string;
  settings?: TaskSettings;
  /** One line for the user; default stderr. */
  log?: (line: string) => void;
  /** A Workspace the caller already loaded from `root`: the opening scan takes files from it instead of reading them again. */
  workspace?: Workspace;
  /** Like `workspace`, for a caller that reads files as the scan asks for them (a warm start). */
  parsed?: (path: string) => { hash: string; tasks: readonly Task[] } | undefined;
  /** The vault's files as the caller just listed them: the scan starts from these instead of listing again. */
  listed?: FileStat[];
  /** False: the caller saves the store itself (after adding its own changes, so it is written once). */
  saveNow?: boolean;
}

/**
 * Opens (or creates, or rebuilds) the store of a folder, projects the event log and brings the
 * store up to the files on disk: a warm start reads only files whose size or mtime changed, and
 * hand edits found that way become `scan` events.
 */
export async function openVaultHistory(root: string, options: OpenHistoryOptions = {}): Promise<{ history: VaultHistory; scan: ScanResult; changed: boolean }> {
  const info = await stat(root).catch(() => null);
  if (!info?.isDirectory()) throw new UserError(info ? `Not a directory: ${root}` : `No such directory: ${root}`);
  const storeDir = options.storeDir ?? path.join(root, defaultStoreFolder);
  await prepareStoreFolder(storeDir);
  const storeFile = path.join(storeDir, storeFileName);
  const log = options.log ?? ((line: string) => process.stderr.write(`scriptorium: ${line}\n`));
  const { history, scan } = await VaultHistory.open({
    sql: await loadSqlJs(),
    bytes: fileByteStore(storeFile),
    files: options.listed ? listedOnce(folderFiles(root), options.listed) : folderFiles(root),
    logs: folderLogs(root),
    settings: options.settings ?? options.workspace?.taskSettings ?? (await loadTaskSettings(root)),
    device: await deviceName(storeDir),
    now: () => new Date().toISOString(),
    newId,
    log,
    storeName: `The store ${shortPath(storeFile)}`,
    ...(options.parsed ? { parsed: options.parsed } : options.workspace ? { parsed: parsedFrom(options.workspace) } : {}),
  });
  for (const w of history.warnings) log(`warning: ${w.where}: ${w.message}`);
  history.warnings.length = 0;
  // Save what the start changed at once: a command that fails later must not leave the log ahead of the store.
  const changed = scan.read.length > 0 || history.status !== 'loaded' || history.projected > 0;
  if (changed && options.saveNow !== false) await history.save();
  return { history, scan, changed };
}

/** A folder's files whose first listing is one the caller already made. */
function listedOnce(files: VaultFiles, listed: FileStat[]): VaultFiles {
  let first: FileStat[] | null = listed;
  return {
    ...files,
    async list() {
      const out = first ?? (await files.list());
      first = null;
      return out;
    },
  };
}

// A first scan mints an id per task: one randomBytes call per id cost ~150 ms at 40,000 tasks.
let pool = Buffer.alloc(0);
let poolAt = 0;
function newId(): string {
  if (poolAt + 8 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  poolAt += 8;
  return pool.toString('hex', poolAt - 8, poolAt);
}

/** The store is a cache of this machine: a `.gitignore` keeps it out of commits. */
async function prepareStoreFolder(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, '.gitignore'), '# Scriptorium: this machine\'s store, rebuilt from the notes and scriptorium/history.\n*\n', { flag: 'wx' }).catch(() => undefined);
}

/**
 * This device's name, which names its log file: SCRIPTORIUM_DEVICE when set, else kept in the
 * store folder (machine-local, so two machines syncing one vault never share a name), made
 * once from the host name and a random suffix.
 */
async function deviceName(storeDir: string): Promise<string> {
  const pinned = process.env.SCRIPTORIUM_DEVICE;
  if (pinned) return pinned;
  const file = path.join(storeDir, 'device');
  const kept = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (kept) return kept;
  const host = os.hostname().toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'device';
  const name = `${host}-${randomBytes(2).toString('hex')}`;
  await writeFile(file, `${name}\n`);
  return name;
}

function shortPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

function parsedFrom(workspace: Workspace) {
  return (relative: string) => {
    const file = workspace.file(relative);
    return file ? { hash: file.version, tasks: file.tasks } : undefined;
  };
}
