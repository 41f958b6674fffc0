/**
 * Vault paths are `/`-separated and relative to the vault root, as Obsidian stores them.
 * These helpers never touch a file system.
 */

/** `a/b/c.md` → `a/b`; a file at the root has folder ``. */
export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** `a/b/c.md` → `c.md`. */
export function fileNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Joins `relative` onto `folder` and resolves `.` and `..` segments. Returns null when the
 * path climbs above the vault root or does not end in a file name (`a/..`, `x/`), so a
 * resolved path always ends with the last segment of what was written.
 */
export function joinVaultPath(folder: string, relative: string): string | null {
  const out = folder === '' ? [] : folder.split('/');
  const segments = relative.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const last = i === segments.length - 1;
    if (segment === '..') {
      if (last || out.length === 0) return null;
      out.pop();
    } else if (segment === '.' || segment === '') {
      if (last) return null;
    } else {
      out.push(segment);
    }
  }
  return out.join('/');
}

/**
 * The lower-cased names a file can be found under by a link's last segment: `Note.md` is
 * found by `[[Note]]` and `[[Note.md]]`, `image.png` only by `[[image.png]]`.
 */
export function lookupKeysOfFile(path: string): string[] {
  const name = fileNameOf(path).toLowerCase();
  return name.endsWith('.md') && name.length > 3 ? [name, name.slice(0, -3)] : [name];
}

/** The lower-cased last segment of a link target: every file it can resolve to has it as a lookup key. */
export function lookupKeyOfTarget(target: string): string {
  return fileNameOf(target).toLowerCase();
}
