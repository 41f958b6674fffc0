import { ErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { base64ToBytes, bytesToBase64 } from '../../shared-types/base64.js';
import {
  isHistoryLogName,
  ScriptoriumHostRequest,
  type HostAppendLogParams,
  type HostDeviceNameResult,
  type HostListLogsResult,
  type HostLoadStoreResult,
  type HostPersistStoreParams,
  type HostReadLogParams,
  type HostReadLogResult,
  type HostStatFilesParams,
  type HostStatFilesResult,
} from '../../shared-types/protocol.js';
import { VaultHistory, type FileStat, type LogFiles, type VaultFiles } from '../../core/store/vaultHistory.js';
import type { ByteStore, SqlEngine } from '../../core/store/sqlTypes.js';
import { defaultTaskSettings, settingsFromTasksPluginData } from '../../core/tasks/statuses.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { isAlwaysSkipped } from '../server/exclusions.js';
import { loadGitignoreRules } from '../server/gitignoreRules.js';
import type { HostFileContent } from '../server/host.js';
import type { HistoryOpener } from '../server/taskHistoryService.js';

/** The host answers none of the history requests (an older plugin, a web editor without storage). */
export class HistoryUnavailable extends Error {}

export interface BrowserHistoryDeps {
  connection: Connection;
  sql: () => Promise<SqlEngine>;
  listFiles(): Promise<string[]>;
  readFiles(paths: string[]): Promise<HostFileContent[]>;
  log(line: string): void;
}

const tasksPluginSettings = '.obsidian/plugins/obsidian-tasks-plugin/data.json';
/** Paths per statFiles request: a large vault's listing stays a few hundred KB per message. */
const statBatch = 5000;

/**
 * The task history's I/O through the editor that started the worker: the store's bytes
 * (`loadStore`/`persistStore`), the files' sizes and mtimes (`statFiles`), the event log
 * (`listLogs`/`readLog`/`appendLog`) and this device's name, all `scriptorium/host/…` requests.
 * The files are those the node host's history sees: listed, minus hidden folders, node_modules
 * and what `.gitignore` files ignore, notes, canvases and source files only.
 */
export function browserHistoryOpener(deps: BrowserHistoryDeps): HistoryOpener {
  const { connection } = deps;
  const ask = async <R>(method: string, params?: unknown): Promise<R> => {
    try {
      return await connection.sendRequest<R>(method, params);
    } catch (error) {
      if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) throw new HistoryUnavailable(`the editor does not answer ${method}`);
      throw error;
    }
  };
  const text = (content: HostFileContent | undefined): string | null =>
    content?.kind === 'text' ? content.text : content?.kind === 'bytes' ? new TextDecoder().decode(content.bytes) : null;

  async function stats(paths: string[]): Promise<FileStat[]> {
    const out: FileStat[] = [];
    for (let i = 0; i < paths.length; i += statBatch) {
      const params: HostStatFilesParams = { paths: paths.slice(i, i + statBatch) };
      const result = await ask<HostStatFilesResult>(ScriptoriumHostRequest.statFiles, params);
      const wanted = new Set(params.paths);
      for (const f of result?.files ?? []) {
        if (wanted.has(f.path) && isCount(f.size) && isCount(f.mtime)) out.push({ path: f.path, size: f.size, mtime: Math.floor(f.mtime) });
      }
    }
    return out;
  }

  const files: VaultFiles = {
    async list() {
      const listed = await deps.listFiles();
      const rules = await loadGitignoreRules(listed, async (paths) => (await deps.readFiles(paths)).map(text));
      return stats(listed.filter((p) => !isAlwaysSkipped(p) && !rules.ignores(p) && fileKindOf(p) !== 'other'));
    },
    async stat(path) {
      return (await stats([path]))[0] ?? null;
    },
    async read(path) {
      const [content] = await deps.readFiles([path]);
      if (content?.kind === 'bytes') return content.bytes;
      return content?.kind === 'text' ? new TextEncoder().encode(content.text) : null;
    },
  };

  const logs: LogFiles = {
    async list() {
      const result = await ask<HostListLogsResult>(ScriptoriumHostRequest.listLogs);
      return (result?.logs ?? []).filter((l) => isHistoryLogName(l?.name) && isCount(l.size)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    async read(name, offset) {
      const params: HostReadLogParams = { name, offset };
      const result = await ask<HostReadLogResult>(ScriptoriumHostRequest.readLog, params);
      return typeof result?.base64 === 'string' ? base64ToBytes(result.base64) : new Uint8Array(0);
    },
    async append(name, text) {
      const params: HostAppendLogParams = { name, text };
      await ask<null>(ScriptoriumHostRequest.appendLog, params);
    },
  };

  const bytes: ByteStore = {
    async load() {
      const result = await ask<HostLoadStoreResult>(ScriptoriumHostRequest.loadStore);
      return typeof result?.base64 === 'string' ? base64ToBytes(result.base64) : null;
    },
    async save(store) {
      const params: HostPersistStoreParams = { base64: bytesToBase64(store) };
      await ask<null>(ScriptoriumHostRequest.persistStore, params);
    },
  };

  async function deviceName(): Promise<string> {
    const result = await ask<HostDeviceNameResult>(ScriptoriumHostRequest.deviceName);
    const device = typeof result?.device === 'string' ? result.device.trim() : '';
    if (device === '') throw new Error('the editor gave no device name for the task history');
    return device;
  }

  async function taskSettings(): Promise<TaskSettings> {
    const raw = text((await deps.readFiles([tasksPluginSettings]))[0]);
    if (raw === null) return defaultTaskSettings();
    try {
      // As the node history (loadTaskSettings): the Tasks plugin's statuses, no global filter.
      return { ...settingsFromTasksPluginData(JSON.parse(raw)), globalFilter: null };
    } catch {
      return defaultTaskSettings();
    }
  }

  return {
    async storedText(path) {
      return text((await deps.readFiles([path]))[0]);
    },
    async open(wrap) {
      // First: a host without history support answers MethodNotFound here, before anything is read.
      const device = await deviceName();
      return VaultHistory.open({
        sql: await deps.sql(),
        bytes,
        files: wrap(files),
        logs,
        settings: await taskSettings(),
        device,
        now: () => new Date().toISOString(),
        newId,
        log: deps.log,
        storeName: 'The store the editor keeps for Scriptorium',
      });
    },
  };
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function newId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(8));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
