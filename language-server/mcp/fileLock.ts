import { mkdir, open, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** A lock older than this was left by a process that died; it is broken. */
const staleAfterMs = 30_000;
const waitLimitMs = 20_000;

/**
 * Runs `work` while holding an exclusive lock file (created with O_EXCL), so that agent
 * servers on one vault — separate processes — change files and the history one at a time.
 */
export async function withFileLock<T>(lockFile: string, work: () => Promise<T>): Promise<T> {
  await mkdir(path.dirname(lockFile), { recursive: true });
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const info = await stat(lockFile).catch(() => null);
      if (info && Date.now() - info.mtimeMs > staleAfterMs) {
        await rm(lockFile, { force: true });
        continue;
      }
      if (Date.now() - started > waitLimitMs) throw new Error(`The workspace is locked by another agent (${lockFile}); try again.`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(10 + attempt * 10, 100)));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockFile, { force: true });
  }
}
