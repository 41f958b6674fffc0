import { statSync } from 'node:fs';
import { mkdir, open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { historyFolder } from '../../core/history/eventLog.js';
import type { FileStat, LogFiles, VaultFiles } from '../../core/store/vaultHistory.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { listWorkspaceFiles, readWorkspaceFile } from './readWorkspaceFiles.js';

/** A folder's notes and source files, as the history sees them: listed with size and mtime, read on demand. */
export function folderFiles(root: string): VaultFiles {
  // Synchronous for the same reason as readWorkspaceFile: over thousands of files node's promise
  // API costs ~6x more (measured on 10,000 notes: 423 ms with promises, 73 ms synchronous).
  const statOf = async (relative: string): Promise<FileStat | null> => {
    const info = statSync(path.join(root, relative), { throwIfNoEntry: false });
    return info && info.isFile() ? { path: relative, size: info.size, mtime: Math.floor(info.mtimeMs) } : null;
  };
  return {
    async list() {
      const found = await listWorkspaceFiles(root, (p) => fileKindOf(p) !== 'other');
      const stats: FileStat[] = [];
      for (const file of found) {
        const s = await statOf(file.path);
        if (s) stats.push(s);
      }
      return stats;
    },
    stat: statOf,
    async read(relative) {
      try {
        const result = readWorkspaceFile({ path: relative, absolute: path.join(root, relative) });
        return 'bytes' in result ? result.bytes : null;
      } catch {
        return null;
      }
    },
  };
}

/** The event log's files in `<root>/scriptorium/history/`. */
export function folderLogs(root: string): LogFiles {
  const dir = path.join(root, ...historyFolder.split('/'));
  return {
    async list() {
      const names = await readdir(dir).catch(() => [] as string[]);
      const out: { name: string; size: number }[] = [];
      for (const name of names.sort()) {
        if (!name.endsWith('.jsonl')) continue;
        const info = await stat(path.join(dir, name)).catch(() => null);
        if (info?.isFile()) out.push({ name, size: info.size });
      }
      return out;
    },
    async read(name, offset) {
      const handle = await open(path.join(dir, name), 'r');
      try {
        const { size } = await handle.stat();
        const length = Math.max(0, size - offset);
        const buffer = new Uint8Array(length);
        let done = 0;
        while (done < length) {
          const { bytesRead } = await handle.read(buffer, done, length - done, offset + done);
          if (bytesRead === 0) break;
          done += bytesRead;
        }
        return buffer.subarray(0, done);
      } finally {
        await handle.close();
      }
    },
    async append(name, text) {
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, name);
      const needsNewline = await endsWithoutNewline(file);
      const handle = await open(file, 'a');
      try {
        await handle.appendFile(needsNewline ? `\n${text}` : text);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
  };
}

async function endsWithoutNewline(file: string): Promise<boolean> {
  const handle = await open(file, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = new Uint8Array(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    await handle.close();
  }
}
