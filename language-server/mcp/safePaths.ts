import { lstat, realpath } from 'node:fs/promises';
import path from 'node:path';
import { refuse } from './toolRefusal.js';

/**
 * Turns a path an agent sent into a vault-relative one and its absolute place, refusing anything
 * that could leave the workspace: absolute paths, `..`, backslashes, NUL, hidden (dot) folders,
 * and symlinks anywhere along the way that lead outside.
 */
export async function resolveInsideWorkspace(realRoot: string, requested: string): Promise<{ relative: string; absolute: string; exists: boolean }> {
  const relative = checkRelativePath(requested);
  const absolute = path.join(realRoot, ...relative.split('/'));
  // The deepest part of the path that exists must really (after symlinks) be inside the root.
  let probe = absolute;
  for (;;) {
    const real = await realpath(probe).catch(() => null);
    if (real !== null) {
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) refuse(`Refused: '${requested}' leads outside the workspace (through a symbolic link).`);
      break;
    }
    const parent = path.dirname(probe);
    if (parent === probe || !parent.startsWith(realRoot)) break;
    probe = parent;
  }
  const info = await lstat(absolute).catch(() => null);
  if (info?.isSymbolicLink()) refuse(`Refused: '${requested}' is a symbolic link; read or write the file it points to by its own path.`);
  if (info?.isDirectory()) refuse(`'${requested}' is a folder, not a file.`);
  return { relative, absolute, exists: info !== null };
}

/** The syntactic half of the check: a clean, `/`-separated path below the root. */
export function checkRelativePath(requested: string): string {
  if (typeof requested !== 'string' || requested.trim() === '') refuse('A path is required, relative to the workspace, e.g. "Projects/Plan.md".');
  if (requested.includes('\0')) refuse('Refused: the path contains a NUL character.');
  if (requested.includes('\\')) refuse(`Refused: '${requested}' contains a backslash; use '/' between folders.`);
  if (requested.startsWith('/') || /^[A-Za-z]:/.test(requested) || path.isAbsolute(requested)) refuse(`Refused: '${requested}' is an absolute path; paths are relative to the workspace.`);
  const segments = requested.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.some((s) => s === '..')) refuse(`Refused: '${requested}' goes outside the workspace ('..' is not allowed).`);
  if (segments.some((s) => s.startsWith('.'))) refuse(`Refused: '${requested}' is in a hidden folder or is a hidden file; agents work on the notes, not on .obsidian, .git or .scriptorium.`);
  if (segments.length === 0) refuse(`'${requested}' names the workspace itself, not a file.`);
  return segments.join('/');
}
