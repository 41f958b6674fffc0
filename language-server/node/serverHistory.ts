import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { VaultHistory } from '../../core/store/vaultHistory.js';
import { TaskHistoryService, type HistoryOpener } from '../server/taskHistoryService.js';
import { fileByteStore } from './fileByteStore.js';
import { folderFiles, folderLogs } from './historyFiles.js';
import { loadTaskSettings } from './loadWorkspace.js';
import { defaultStoreFolder, openVaultHistory, storeFileName } from './openHistory.js';
import { loadSqlJs } from './sqlJs.js';

/**
 * The node server's task history (server/taskHistoryService.ts) over a folder on disk: the store
 * in `<root>/.scriptorium/index.sqlite`, the log in `<root>/scriptorium/history/`, as the CLI keeps them.
 */
export class ServerHistory extends TaskHistoryService {
  constructor(root: string, log: (line: string) => void) {
    super(folderHistoryOpener(root, log), log);
  }
}

function folderHistoryOpener(root: string, log: (line: string) => void): HistoryOpener {
  return {
    storedText: (file) => readFile(path.join(root, file), 'utf8'),
    async open(files) {
      const storeDir = path.join(root, defaultStoreFolder);
      let device = await deviceName(storeDir);
      if (device === '') {
        // First use in this folder: the CLI's opening prepares the store folder and names the device.
        (await openVaultHistory(root, { log })).history.close();
        device = (await deviceName(storeDir)) || 'device';
      }
      return VaultHistory.open({
        sql: await loadSqlJs(),
        bytes: fileByteStore(path.join(storeDir, storeFileName)),
        files: files(folderFiles(root)),
        logs: folderLogs(root),
        settings: await loadTaskSettings(root),
        device,
        now: () => new Date().toISOString(),
        newId: () => randomBytes(8).toString('hex'),
        log,
        storeName: `The store ${defaultStoreFolder}/${storeFileName}`,
      });
    },
  };
}

/** As openHistory.ts names this device: SCRIPTORIUM_DEVICE, else the name kept in the store folder ('' when none yet). */
async function deviceName(storeDir: string): Promise<string> {
  const pinned = process.env.SCRIPTORIUM_DEVICE;
  if (pinned) return pinned;
  return (await readFile(path.join(storeDir, 'device'), 'utf8').catch(() => '')).trim();
}
