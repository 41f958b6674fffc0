import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile, chmod } from 'node:fs/promises';
import path from 'node:path';

/** Writes beside the target, then renames over it: a crash leaves the old file or the new one, never half. */
export async function writeFileAtomically(target: string, content: string | Uint8Array): Promise<void> {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, content);
    const mode = await stat(target).then((s) => s.mode, () => null);
    if (mode !== null) await chmod(temporary, mode);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
