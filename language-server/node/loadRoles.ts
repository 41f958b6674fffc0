import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { defaultRoleFolder, hiddenRoleFolder, workspaceRoles } from '../../core/roles/roleFiles.js';
import type { RoleFile, RoleSet } from '../../core/roles/types.js';
import type { Workspace } from '../../core/workspace/workspace.js';

/** No role file is anywhere near this big; a bigger one is not read. */
const maxRoleFileBytes = 1024 * 1024;

/**
 * `.scriptorium/roles/*.yaml`: the Workspace skips dot-folders (as Obsidian does), so these are
 * read here, explicitly. Symlinks are not followed: a role file must live in the folder.
 */
export async function readHiddenRoleFiles(root: string): Promise<RoleFile[]> {
  const folder = path.join(root, ...hiddenRoleFolder.split('/'));
  const names = await readdir(folder).catch(() => [] as string[]);
  const files: RoleFile[] = [];
  for (const name of names.sort()) {
    if (!/\.ya?ml$/i.test(name)) continue;
    const absolute = path.join(folder, name);
    const info = await lstat(absolute).catch(() => null);
    if (!info?.isFile() || info.size > maxRoleFileBytes) continue;
    files.push({ path: `${hiddenRoleFolder}/${name}`, text: (await readFile(absolute, 'utf8')).replace(/^\uFEFF/, '') });
  }
  return files;
}

/** The resolved roles of a folder already loaded into `workspace`. */
export async function loadRoles(root: string, workspace: Workspace, folder: string = defaultRoleFolder): Promise<RoleSet> {
  return workspaceRoles(workspace, await readHiddenRoleFiles(root), folder);
}
