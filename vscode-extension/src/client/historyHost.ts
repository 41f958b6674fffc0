import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  isHistoryLogName,
  ScriptoriumHostRequest,
  type HostAppendLogParams,
  type HostDeviceNameResult,
  type HostFileStat,
  type HostListLogsResult,
  type HostLoadStoreResult,
  type HostPersistStoreParams,
  type HostReadLogParams,
  type HostReadLogResult,
  type HostStatFilesParams,
  type HostStatFilesResult,
} from '../../../shared-types/protocol.js';
import { base64ToBytes, bytesToBase64 } from '../../../shared-types/base64.js';

/** The task history's event log, in the workspace so that it travels with the notes (one file per device). */
const historyFolder = 'scriptorium/history';
/** globalState key of this device's name; never passed to setKeysForSync, so Settings Sync leaves it on this machine. */
const deviceKey = 'scriptorium.device';
/** Stats in flight at once: a virtual file system (GitHub, a remote) answers each over the network. */
const statConcurrency = 32;

export type HistoryHostContext = Pick<vscode.ExtensionContext, 'storageUri' | 'globalStorageUri' | 'globalState'>;

/**
 * The web extension's answers to the task history's host requests: the log and the files' stats
 * through vscode.workspace.fs in the workspace folder, the store's bytes in the extension's own
 * storage (per workspace where VS Code gives one), the device name in globalState.
 */
export function registerHistoryHost(client: Pick<BaseLanguageClient, 'onRequest'>, context: HistoryHostContext, root: () => vscode.Uri | undefined): vscode.Disposable[] {
  const fs = vscode.workspace.fs;
  const storage = context.storageUri ?? context.globalStorageUri;
  const store = vscode.Uri.joinPath(storage, 'store.sqlite');
  const storeTemp = vscode.Uri.joinPath(storage, 'store.sqlite.tmp');
  const stat = (uri: vscode.Uri) => fs.stat(uri).then((s) => ((s.type & vscode.FileType.File) !== 0 ? s : null), () => null);
  const inWorkspace = (path: string): vscode.Uri => {
    const base = root();
    if (!base) throw new Error('no workspace folder is open');
    return vscode.Uri.joinPath(base, path);
  };
  const logUri = (name: unknown): vscode.Uri => {
    if (!isHistoryLogName(name)) throw new Error(`not a history log file name: ${JSON.stringify(name)}`);
    return inWorkspace(`${historyFolder}/${name}`);
  };
  // workspace.fs makes missing parents; a provider may still throw FileExists for a folder that is there, and a real failure shows in the write after.
  const makeFolder = (uri: vscode.Uri) => fs.createDirectory(uri).then(undefined, () => undefined);
  let device: string | null = null;
  // Appending is a read and a write of the whole file: one at a time, or two would lose a line.
  let appends: Promise<unknown> = Promise.resolve();

  /** Written to a temporary file, then renamed over the store: a cut save leaves the old store or a whole new one. */
  async function persistStore(params: HostPersistStoreParams): Promise<null> {
    const bytes = base64ToBytes(params.base64);
    await makeFolder(storage);
    await fs.writeFile(storeTemp, bytes);
    await fs.rename(storeTemp, store, { overwrite: true });
    return null;
  }

  /** With no store but a temporary one, a save stopped before its rename; bytes that are not whole the server rebuilds. */
  async function loadStore(): Promise<HostLoadStoreResult> {
    for (const file of [store, storeTemp]) {
      if (await stat(file)) return { base64: bytesToBase64(await fs.readFile(file)) };
    }
    return { base64: null };
  }

  async function statFiles(params: HostStatFilesParams): Promise<HostStatFilesResult> {
    const paths = (Array.isArray(params?.paths) ? params.paths : []).filter((p): p is string => typeof p === 'string' && !p.split('/').includes('..'));
    const files: HostFileStat[] = [];
    for (let i = 0; i < paths.length; i += statConcurrency) {
      const batch = paths.slice(i, i + statConcurrency);
      const stats = await Promise.all(batch.map((path) => stat(inWorkspace(path))));
      stats.forEach((s, j) => s && files.push({ path: batch[j]!, size: s.size, mtime: s.mtime }));
    }
    return { files };
  }

  /** `vscode-web-` and four hex digits, made once and kept in this browser's globalState. */
  function deviceName(): HostDeviceNameResult {
    if (device === null) {
      const kept = context.globalState.get<unknown>(deviceKey);
      if (typeof kept === 'string' && /^[A-Za-z0-9._-]+$/.test(kept)) device = kept;
      else {
        const random = globalThis.crypto.getRandomValues(new Uint8Array(2));
        device = `vscode-web-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
        void Promise.resolve(context.globalState.update(deviceKey, device)).catch(() => undefined);
      }
    }
    return { device };
  }

  async function listLogs(): Promise<HostListLogsResult> {
    const entries = await fs.readDirectory(inWorkspace(historyFolder)).then(
      (all) => all,
      () => [] as [string, vscode.FileType][],
    );
    const logs: HostListLogsResult['logs'] = [];
    for (const [name, type] of entries) {
      if (!isHistoryLogName(name) || (type & vscode.FileType.File) === 0) continue;
      const s = await stat(logUri(name));
      if (s) logs.push({ name, size: s.size });
    }
    return { logs };
  }

  async function readLog(params: HostReadLogParams): Promise<HostReadLogResult> {
    const uri = logUri(params?.name);
    const offset = typeof params?.offset === 'number' && params.offset > 0 ? Math.floor(params.offset) : 0;
    if (!(await stat(uri))) return { base64: '' };
    const bytes = await fs.readFile(uri);
    return { base64: bytesToBase64(bytes.subarray(Math.min(offset, bytes.length))) };
  }

  /** A last line without its newline (a sync tool cut it) gets one before the new lines. */
  async function appendLog(params: HostAppendLogParams): Promise<null> {
    const uri = logUri(params?.name);
    if (typeof params.text !== 'string') throw new Error('appendLog: text must be a string');
    const append = async () => {
      await makeFolder(inWorkspace(historyFolder));
      const current = (await stat(uri)) ? await fs.readFile(uri) : new Uint8Array(0);
      const needsNewline = current.length > 0 && current[current.length - 1] !== 0x0a;
      const added = new TextEncoder().encode(needsNewline ? `\n${params.text}` : params.text);
      const next = new Uint8Array(current.length + added.length);
      next.set(current);
      next.set(added, current.length);
      await fs.writeFile(uri, next);
    };
    const done = appends.then(append);
    appends = done.catch(() => undefined);
    await done;
    return null;
  }

  return [
    client.onRequest(ScriptoriumHostRequest.persistStore, persistStore),
    client.onRequest(ScriptoriumHostRequest.loadStore, loadStore),
    client.onRequest(ScriptoriumHostRequest.statFiles, statFiles),
    client.onRequest(ScriptoriumHostRequest.deviceName, deviceName),
    client.onRequest(ScriptoriumHostRequest.listLogs, listLogs),
    client.onRequest(ScriptoriumHostRequest.readLog, readLog),
    client.onRequest(ScriptoriumHostRequest.appendLog, appendLog),
  ];
}

