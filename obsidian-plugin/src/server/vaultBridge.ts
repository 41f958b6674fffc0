import { TFile, type App, type EventRef } from 'obsidian';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { base64ToBytes, bytesToBase64 } from '../../../shared-types/base64.js';
import {
  isHistoryLogName,
  ScriptoriumHostNotification,
  ScriptoriumHostRequest,
  type FileChangedParams,
  type HostAppendLogParams,
  type HostDeviceNameResult,
  type HostFileContent,
  type HostFileStat,
  type HostListFilesResult,
  type HostListLogsResult,
  type HostLoadStoreResult,
  type HostPersistStoreParams,
  type HostReadFilesParams,
  type HostReadFilesResult,
  type HostReadLogParams,
  type HostReadLogResult,
  type HostStatFilesParams,
  type HostStatFilesResult,
  type ScriptoriumSettings,
} from '../../../shared-types/protocol.js';
import { applyWorkspaceEdit, type EditCheck } from './applyEdit.js';
import { contentHash } from './contentHash.js';
import type { ServerClient } from './serverClient.js';

/** The task history's event log, in the vault so that it syncs with the notes (one file per device). */
const historyFolder = 'scriptorium/history';
/** Where this device's name is kept: Obsidian's per-vault local storage, never synced. */
const deviceKey = 'scriptorium-device';

/** Files the server reads as text; others are link targets known by path only (the server never asks for their bytes). */
const textExtensions = new Set(['md', 'markdown', 'txt', 'canvas', 'json', 'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'py', 'rs', 'go', 'java', 'c', 'h', 'cpp', 'cs', 'rb', 'php', 'sh', 'css', 'scss', 'html', 'yaml', 'yml', 'toml', 'sql', 'swift', 'kt', 'lua']);

export interface LoadProgress {
  read: number;
  total: number;
}

/**
 * The server's window on the vault: answers its `scriptorium/host/…` requests from `app.vault`,
 * pushes the vault's create/modify/delete/rename events, and applies the edits the server asks
 * for (`workspace/applyEdit`) only when the file is still the text they were computed for.
 */
export class VaultBridge {
  /** Per path, the text the server was last given: an edit is computed against it. */
  private readonly sentText = new Map<string, string>();
  private total = 0;
  private read = 0;
  /** File changes read but perhaps not yet sent: requests about a file wait for them (see `settled`). */
  private pushes: Promise<void> = Promise.resolve();
  /** Task edits in flight: path → the content hash the change was chosen against. */
  private readonly expectedVersions = new Map<string, string>();
  /** This device's name, once read or made (kept for the session even where no storage keeps it). */
  private device: string | null = null;

  constructor(
    private readonly app: App,
    private readonly client: ServerClient,
    private readonly storeFolder: string,
    private readonly settings: () => ScriptoriumSettings,
    private readonly onProgress: (progress: LoadProgress) => void,
  ) {
    const connection = client.connection;
    connection.onRequest(ScriptoriumHostRequest.listFiles, (): HostListFilesResult => this.listFiles());
    connection.onRequest(ScriptoriumHostRequest.readFiles, (params: HostReadFilesParams) => this.readFiles(params));
    connection.onRequest(ScriptoriumHostRequest.persistStore, (params: HostPersistStoreParams) => this.persistStore(params));
    connection.onRequest(ScriptoriumHostRequest.loadStore, () => this.loadStore());
    connection.onRequest(ScriptoriumHostRequest.statFiles, (params: HostStatFilesParams) => this.statFiles(params));
    connection.onRequest(ScriptoriumHostRequest.deviceName, (): HostDeviceNameResult => ({ device: this.deviceName() }));
    connection.onRequest(ScriptoriumHostRequest.listLogs, () => this.listLogs());
    connection.onRequest(ScriptoriumHostRequest.readLog, (params: HostReadLogParams) => this.readLog(params));
    connection.onRequest(ScriptoriumHostRequest.appendLog, (params: HostAppendLogParams) => this.appendLog(params));
    connection.onRequest('workspace/applyEdit', (params: { label?: string; edit: WorkspaceEdit }) => this.applyEdit(params.edit));
    connection.onRequest('workspace/configuration', (params: { items?: unknown[] }) => (params.items ?? [{}]).map(() => this.settings()));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onNotification('$/progress', () => undefined);
    connection.onNotification('window/logMessage', () => undefined);
  }

  /** Vault events after the initial load; register inside `onLayoutReady` so startup creates are not replayed. */
  vaultEvents(): EventRef[] {
    const vault = this.app.vault;
    return [
      vault.on('create', (file) => {
        if (file instanceof TFile) this.queuePush(file);
      }),
      vault.on('modify', (file) => {
        if (file instanceof TFile) this.queuePush(file);
      }),
      vault.on('delete', (file) => {
        this.forget(file.path);
        void this.client.connection.sendNotification(ScriptoriumHostNotification.fileDeleted, { path: file.path });
      }),
      vault.on('rename', (file, oldPath) => {
        const text = this.sentText.get(oldPath);
        this.forget(oldPath);
        if (text !== undefined) this.sentText.set(file.path, text);
        void this.client.connection.sendNotification(ScriptoriumHostNotification.fileRenamed, { from: oldPath, to: file.path });
      }),
    ];
  }

  /** Before asking the server to change a task: the edit will only apply to this exact text. */
  expectVersion(path: string, fileVersion: string): () => void {
    this.expectedVersions.set(path, fileVersion);
    return () => {
      if (this.expectedVersions.get(path) === fileVersion) this.expectedVersions.delete(path);
    };
  }

  private listFiles(): HostListFilesResult {
    const paths = this.app.vault.getFiles().map((f) => f.path);
    this.total = paths.length;
    this.read = 0;
    this.onProgress({ read: 0, total: this.total });
    return { paths };
  }

  private async readFiles(params: HostReadFilesParams): Promise<HostReadFilesResult> {
    const files: HostFileContent[] = [];
    for (const path of params.paths ?? []) {
      const text = await this.readText(path);
      if (text === null) files.push({ path });
      else {
        files.push({ path, text });
        this.sentText.set(path, text);
      }
    }
    this.read += files.length;
    if (this.total > 0) this.onProgress({ read: Math.min(this.read, this.total), total: this.total });
    return { files };
  }

  /** A vault file, or a config file (`.obsidian/…`, `.gitignore`) the vault does not index. */
  private async readText(path: string): Promise<string | null> {
    const file = this.app.vault.getAbstractFileByPath(path);
    if (file instanceof TFile) return this.app.vault.cachedRead(file);
    if (file) return null;
    try {
      if (await this.app.vault.adapter.exists(path)) return await this.app.vault.adapter.read(path);
    } catch {
      // unreadable: the server treats it as missing
    }
    return null;
  }

  /**
   * Resolves once every vault change seen so far was sent to the server. The server handles
   * messages in order, so a request sent after this sees those files as they are now.
   */
  settled(): Promise<void> {
    return this.pushes;
  }

  private queuePush(file: TFile): void {
    // In order, so two quick saves of one file reach the server oldest first.
    this.pushes = this.pushes.then(() => this.pushFile(file)).catch(() => undefined);
  }

  private async pushFile(file: TFile): Promise<void> {
    const params: FileChangedParams = { path: file.path };
    if (textExtensions.has(file.extension.toLowerCase())) {
      params.text = await this.app.vault.cachedRead(file);
      this.sentText.set(file.path, params.text);
    }
    await this.client.connection.sendNotification(ScriptoriumHostNotification.fileChanged, params);
  }

  private forget(path: string): void {
    this.sentText.delete(path);
  }

  private get storeFile(): string {
    return `${this.storeFolder}/store.sqlite`;
  }

  /** The store's bytes, written beside the plugin: a temporary file first, then renamed over the old one. */
  private async persistStore(params: HostPersistStoreParams): Promise<null> {
    const adapter = this.app.vault.adapter;
    const target = this.storeFile;
    const temporary = `${target}.tmp`;
    const bytes = base64ToBytes(params.base64);
    await adapter.writeBinary(temporary, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    // Obsidian's mobile adapter does not replace on rename: the old store goes only once the new one is whole.
    if (await adapter.exists(target)) await adapter.remove(target);
    await adapter.rename(temporary, target);
    return null;
  }

  /**
   * The bytes persistStore last wrote. With no store but a whole temporary one, the save stopped
   * between removing the old store and renaming the new one; bytes that are not whole are rebuilt
   * by the server from the notes and the log.
   */
  private async loadStore(): Promise<HostLoadStoreResult> {
    const adapter = this.app.vault.adapter;
    for (const file of [this.storeFile, `${this.storeFile}.tmp`]) {
      if (await adapter.exists(file)) return { base64: bytesToBase64(new Uint8Array(await adapter.readBinary(file))) };
    }
    return { base64: null };
  }

  /** Size and mtime from the vault's own records (no disk access); other files (`.gitignore`, config) from the adapter. */
  private async statFiles(params: HostStatFilesParams): Promise<HostStatFilesResult> {
    const files: HostFileStat[] = [];
    for (const path of Array.isArray(params?.paths) ? params.paths : []) {
      if (typeof path !== 'string') continue;
      const file = this.app.vault.getAbstractFileByPath(path);
      if (file instanceof TFile) files.push({ path, size: file.stat.size, mtime: file.stat.mtime });
      else if (!file) {
        const stat = await this.app.vault.adapter.stat(path).catch(() => null);
        if (stat?.type === 'file') files.push({ path, size: stat.size, mtime: stat.mtime });
      }
    }
    return { files };
  }

  /**
   * Named once per device and vault (`obsidian-` and four hex digits, as the CLI names a machine)
   * and kept in Obsidian's local storage, which no sync tool carries: two devices never append
   * to one log file. Without it (Obsidian before 1.8.7) the window's localStorage keeps it.
   */
  private deviceName(): string {
    this.device ??= this.keptDeviceName();
    return this.device;
  }

  private keptDeviceName(): string {
    const app = this.app as App & { loadLocalStorage?: (key: string) => unknown; saveLocalStorage?: (key: string, value: unknown) => void };
    const hasVaultStorage = 'loadLocalStorage' in app && 'saveLocalStorage' in app;
    const storage = (globalThis as { localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void } }).localStorage;
    const load = (): unknown => (hasVaultStorage ? app.loadLocalStorage!(deviceKey) : storage?.getItem(deviceKey));
    const kept = load();
    if (typeof kept === 'string' && /^[A-Za-z0-9._-]+$/.test(kept)) return kept;
    const random = globalThis.crypto.getRandomValues(new Uint8Array(2));
    const name = `obsidian-${Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    if (hasVaultStorage) app.saveLocalStorage!(deviceKey, name);
    else storage?.setItem(deviceKey, name);
    return name;
  }

  private async listLogs(): Promise<HostListLogsResult> {
    const adapter = this.app.vault.adapter;
    if (!(await adapter.exists(historyFolder))) return { logs: [] };
    const listed = await adapter.list(historyFolder);
    const logs: HostListLogsResult['logs'] = [];
    for (const path of listed.files) {
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (!isHistoryLogName(name)) continue;
      const stat = await adapter.stat(path).catch(() => null);
      if (stat?.type === 'file') logs.push({ name, size: stat.size });
    }
    return { logs };
  }

  private async readLog(params: HostReadLogParams): Promise<HostReadLogResult> {
    const path = logPath(params?.name);
    const offset = typeof params?.offset === 'number' && params.offset > 0 ? Math.floor(params.offset) : 0;
    if (!(await this.app.vault.adapter.exists(path))) return { base64: '' };
    const bytes = new Uint8Array(await this.app.vault.adapter.readBinary(path));
    return { base64: bytesToBase64(bytes.subarray(Math.min(offset, bytes.length))) };
  }

  /** Appends to this device's log file; a last line without its newline (a sync tool cut it) gets one first. */
  private async appendLog(params: HostAppendLogParams): Promise<null> {
    const path = logPath(params?.name);
    if (typeof params.text !== 'string') throw new Error('appendLog: text must be a string');
    const adapter = this.app.vault.adapter;
    if (!(await adapter.exists(historyFolder))) await adapter.mkdir(historyFolder);
    if (!(await adapter.exists(path))) {
      await adapter.write(path, params.text);
      return null;
    }
    const current = await adapter.read(path);
    const needsNewline = current !== '' && !current.endsWith('\n');
    await adapter.append(path, needsNewline ? `\n${params.text}` : params.text);
    return null;
  }

  private applyEdit(edit: WorkspaceEdit): Promise<{ applied: boolean; failureReason?: string }> {
    const check: EditCheck = (path, current) => {
      const sent = this.sentText.get(path);
      const expected = this.expectedVersions.get(path);
      const stale = sent === undefined || sent !== current || (expected !== undefined && contentHash(current) !== expected);
      return stale ? `${path} changed since Scriptorium last read it; nothing was changed. Try again in a moment.` : null;
    };
    return applyWorkspaceEdit(this.app, edit, check, (path, text) => this.sentText.set(path, text));
  }
}

/** The vault path of a log file the server names; anything but a plain `<device>.jsonl` is refused. */
function logPath(name: unknown): string {
  if (!isHistoryLogName(name)) throw new Error(`not a history log file name: ${JSON.stringify(name)}`);
  return `${historyFolder}/${name}`;
}

