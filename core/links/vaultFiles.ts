import { lookupKeysOfFile } from './paths.js';

/**
 * Every file of the vault a link can point to (notes, attachments, canvases, anything), found
 * by its path or by its name, both case-insensitively as Obsidian does. Adding or removing a
 * file costs that file.
 */
export class VaultFiles {
  private readonly byLowerPath = new Map<string, string[]>();
  private readonly byKey = new Map<string, string[]>();

  add(path: string): boolean {
    const lower = path.toLowerCase();
    const same = this.byLowerPath.get(lower);
    if (same?.includes(path)) return false;
    push(this.byLowerPath, lower, path);
    for (const key of lookupKeysOfFile(path)) push(this.byKey, key, path);
    return true;
  }

  remove(path: string): boolean {
    if (!pull(this.byLowerPath, path.toLowerCase(), path)) return false;
    for (const key of lookupKeysOfFile(path)) pull(this.byKey, key, path);
    return true;
  }

  has(path: string): boolean {
    return this.byLowerPath.get(path.toLowerCase())?.includes(path) ?? false;
  }

  /** The file at `path`, matching case exactly when such a file exists, else ignoring case. */
  exact(path: string): string | undefined {
    const same = this.byLowerPath.get(path.toLowerCase());
    if (!same) return undefined;
    return same.includes(path) ? path : same[0];
  }

  /** Files found under a lookup key (a lower-cased file name, or a note's name without `.md`). */
  named(key: string): readonly string[] {
    return this.byKey.get(key) ?? [];
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function pull(map: Map<string, string[]>, key: string, value: string): boolean {
  const list = map.get(key);
  const at = list ? list.indexOf(value) : -1;
  if (!list || at < 0) return false;
  list.splice(at, 1);
  if (list.length === 0) map.delete(key);
  return true;
}
