import { TFile, type App, type EventRef } from 'obsidian';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import {
  ScriptoriumHostNotification,
  ScriptoriumHostRequest,
  type FileChangedParams,
  type HostFileContent,
  type HostListFilesResult,
  type HostPersistStoreParams,
  type HostReadFilesParams,
  type HostReadFilesResult,
  type ScriptoriumSettings,
} from '../../../shared-types/protocol.js';
import { applyWorkspaceEdit, type EditCheck } from './applyEdit.js';
import { contentHash } from './contentHash.js';
import type { ServerClient } from './serverClient.js';

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

  /** The store's bytes, written beside the plugin: a temporary file first, then renamed over the old one. */
  private async persistStore(params: HostPersistStoreParams): Promise<null> {
    const adapter = this.app.vault.adapter;
    const target = `${this.storeFolder}/store.sqlite`;
    const temporary = `${target}.tmp`;
    const bytes = base64ToBytes(params.base64);
    await adapter.writeBinary(temporary, bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    // Obsidian's mobile adapter does not replace on rename: the old store goes only once the new one is whole.
    if (await adapter.exists(target)) await adapter.remove(target);
    await adapter.rename(temporary, target);
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

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
