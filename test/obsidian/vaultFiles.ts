import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** A vault folder's files for the fake vault: notes and code as text, attachments empty, `.obsidian/` JSON config. */
export function readVault(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (entry.name === '.git' || entry.name === 'node_modules' || entry.name === 'themes') continue;
        walk(relative);
      } else if (!relative.startsWith('.obsidian/') || relative.endsWith('.json')) {
        files[relative] = /\.(png|jpe?g|gif|pdf|webp|svg|mp3|mp4|zip)$/i.test(entry.name) ? '' : readFileSync(path.join(root, relative), 'utf8');
      }
    }
  };
  walk('');
  return files;
}
