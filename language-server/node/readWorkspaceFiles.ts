import { readdir, readFile, stat } from 'node:fs/promises';
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
  size: number;
}

/** Every file below `root` that could hold notes or tasks, in a stable order. */
export async function listWorkspaceFiles(root: string, wanted: (relativePath: string) => boolean): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!isSkippedFolder(entry.name)) await walk(absolute);
      } else if (entry.isFile()) {
        const relative = path.relative(root, absolute).split(path.sep).join('/');
        if (wanted(relative)) found.push({ path: relative, absolute, size: (await stat(absolute)).size });
      }
    }
  }
  await walk(root);
  return found;
}

export async function readBytes(file: FoundFile): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file.absolute));
}
