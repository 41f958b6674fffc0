import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { VaultHistory, type HistoryOptions } from '../../../core/store/vaultHistory.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { fileByteStore } from '../../../language-server/node/fileByteStore.js';
import { folderFiles, folderLogs } from '../../../language-server/node/historyFiles.js';
import { loadSqlJs } from '../../../language-server/node/sqlJs.js';

export function tempVault(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-store-'));
  for (const [name, text] of Object.entries(files)) write(root, name, text);
  return root;
}

export function write(root: string, name: string, text: string): void {
  const file = path.join(root, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

export const storeFile = (root: string) => path.join(root, '.scriptorium', 'index.sqlite');

/** A VaultHistory over a real folder and a real store file, logging into `lines`. */
export async function openHistory(root: string, lines: string[] = [], device = 'test-device') {
  let n = 0;
  const options: HistoryOptions = {
    sql: await loadSqlJs(),
    bytes: fileByteStore(storeFile(root)),
    files: folderFiles(root),
    logs: folderLogs(root),
    settings: defaultTaskSettings(),
    device,
    now: () => new Date(Date.UTC(2026, 10, 23, 10, 0, 0, n)).toISOString(),
    newId: () => `${device}-${Date.now().toString(36)}-${++n}-${Math.random().toString(36).slice(2, 8)}`,
    log: (line) => lines.push(line),
    storeName: 'The store',
  };
  return VaultHistory.open(options);
}
