import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ByteStore } from '../../core/store/sqlTypes.js';

/**
 * The store's bytes in one file, saved atomically: written to a temporary file beside it,
 * flushed to disk (fsync), renamed over the old one, and the folder flushed. A crash at any
 * moment leaves the old store or the new one, never a mix; a leftover temporary file is
 * removed by the next save.
 */
export function fileByteStore(file: string): ByteStore {
  return {
    async load() {
      try {
        return new Uint8Array(await readFile(file));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async save(bytes) {
      const dir = path.dirname(file);
      await mkdir(dir, { recursive: true });
      await removeStaleTemporaries(dir, path.basename(file));
      const temporary = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        const handle = await open(temporary, 'w');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, file);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      await syncFolder(dir);
    },
  };
}

/** Temporary files a killed process left behind; young ones may belong to a save under way elsewhere. */
async function removeStaleTemporaries(dir: string, base: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const cutoff = Date.now() - 60_000;
  for (const name of names) {
    if (!name.startsWith(`.${base}.`) || !name.endsWith('.tmp')) continue;
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => null);
    if (info && info.mtimeMs < cutoff) await rm(full, { force: true });
  }
}

/** Makes the rename itself durable; not every platform lets a folder be opened, and then it is skipped. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  }
}
