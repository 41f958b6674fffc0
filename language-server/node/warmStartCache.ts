import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { WarmStartHost } from '../server/host.js';
import { fileByteStore } from './fileByteStore.js';

/**
 * Where the node server keeps a workspace's warm-start index: `SCRIPTORIUM_CACHE` (a folder, or
 * `off` for none), else the user's cache folder — never the vault, which the user syncs and
 * versions — in a folder per workspace named by its name and a hash of its path.
 */
export function warmStartFolder(root: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.SCRIPTORIUM_CACHE;
  if (configured === 'off') return null;
  const base = configured ? path.resolve(configured) : path.join(userCacheFolder(env), 'scriptorium');
  const resolved = path.resolve(root);
  const id = createHash('sha256').update(resolved).digest('hex').slice(0, 16);
  return path.join(base, `${path.basename(resolved) || 'root'}-${id}`);
}

function userCacheFolder(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') return env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches');
  return env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache');
}

/** The node host's warm-start index, kept in `folder`. */
export function nodeWarmStart(folder: string): WarmStartHost {
  const index = fileByteStore(path.join(folder, 'notes.json'));
  return {
    location: folder,
    loadNoteIndex: () => index.load(),
    saveNoteIndex: (chunks) => index.save(Buffer.concat(chunks)),
  };
}
