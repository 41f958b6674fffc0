import type { Workspace } from '../workspace/workspace.js';
import { resolveRoles } from './resolveRoles.js';
import type { RoleFile, RoleSet } from './types.js';

/** The note folder roles are read from unless a host says otherwise. */
export const defaultRoleFolder = 'Roles';

/** Machine-local role files; the node side reads them (dot-folders are not part of the Workspace). */
export const hiddenRoleFolder = '.scriptorium/roles';

function normaliseFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/^\/+|\/+$/g, '').toLowerCase();
}

/** A note (`.md`) or YAML file anywhere below the role folder, or a YAML file in `.scriptorium/roles/`. */
export function isRoleFilePath(path: string, folder: string = defaultRoleFolder): boolean {
  const lower = path.toLowerCase();
  if (lower.startsWith(`${hiddenRoleFolder}/`)) return /\.ya?ml$/.test(lower);
  const prefix = normaliseFolder(folder);
  if (prefix === '' || !lower.startsWith(`${prefix}/`)) return false;
  return /\.(md|ya?ml)$/.test(lower);
}

/** The role files the Workspace holds (those in the role folder). */
export function roleFilesOf(workspace: Workspace, folder: string = defaultRoleFolder): RoleFile[] {
  const files: RoleFile[] = [];
  for (const file of workspace.files()) if (isRoleFilePath(file.path, folder)) files.push({ path: file.path, text: file.text });
  return files;
}

/** The workspace's roles: the built-in tree, overridden and extended by the role folder and `extra` files. */
export function workspaceRoles(workspace: Workspace, extra: readonly RoleFile[] = [], folder: string = defaultRoleFolder): RoleSet {
  return resolveRoles([...roleFilesOf(workspace, folder), ...extra]);
}
