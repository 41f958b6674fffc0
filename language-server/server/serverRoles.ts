import type { Diagnostic } from '../../shared-types/index.js';
import { defaultRoleFolder, hiddenRoleFolder, workspaceRoles } from '../../core/roles/roleFiles.js';
import type { RoleFile, RoleSet } from '../../core/roles/types.js';
import { unknownRoleDiagnostics } from '../../core/roles/unknownRoleDiagnostics.js';
import type { ServerHost } from './host.js';
import type { ServerWorkspace } from './serverWorkspace.js';

/**
 * The workspace's roles as core/roles resolves them: the built-in tree, the role folder's notes
 * and YAML files (part of the Workspace), and the machine-local `.scriptorium/roles/*.yaml` the
 * host reads separately (the file listing skips dot-folders). Resolved once per change.
 */
export class ServerRoles {
  private hidden: readonly RoleFile[] = [];
  private hiddenVersion = 0;
  /** The `rolesFolder` setting. */
  private folder = defaultRoleFolder;
  private cache: { generation: number; hiddenVersion: number; roles: RoleSet; diagnostics: Diagnostic[] | null } | null = null;

  constructor(
    private readonly state: ServerWorkspace,
    private readonly host: ServerHost,
  ) {}

  /** Whether a path is one of the machine-local role files (read by the host, not indexed). */
  static isHiddenRoleFile(path: string): boolean {
    return path.startsWith(`${hiddenRoleFolder}/`) || path === hiddenRoleFolder;
  }

  /** Reads the machine-local role files again; true when they changed. */
  async reloadHidden(): Promise<boolean> {
    const files = (await this.host.readRoleFiles?.()) ?? [];
    const same = files.length === this.hidden.length && files.every((f, i) => f.path === this.hidden[i]!.path && f.text === this.hidden[i]!.text);
    if (same) return false;
    this.hidden = files;
    this.hiddenVersion++;
    return true;
  }

  /** Reads roles from another folder (the `rolesFolder` setting); true when it is another. */
  setFolder(folder: string | undefined): boolean {
    const next = folder ?? defaultRoleFolder;
    if (next === this.folder) return false;
    this.folder = next;
    this.hiddenVersion++; // drops the cache: another folder is as good as other files
    return true;
  }

  /** Changes whenever the roles may have: a workspace change or new machine-local role files. */
  get version(): string {
    return `${this.state.generation}:${this.hiddenVersion}`;
  }

  current(): RoleSet {
    const { generation } = this.state;
    if (this.cache?.generation === generation && this.cache.hiddenVersion === this.hiddenVersion) return this.cache.roles;
    const roles = workspaceRoles(this.state.workspace, this.hidden, this.folder);
    this.cache = { generation, hiddenVersion: this.hiddenVersion, roles, diagnostics: null };
    return roles;
  }

  names(): string[] {
    return [...this.current().roles.keys()];
  }

  /** Role files that do not parse or resolve (`invalid-role`), and tasks assigned to no known role (`unknown-role`). */
  diagnostics(): Diagnostic[] {
    const roles = this.current();
    const cache = this.cache!;
    cache.diagnostics ??= [...roles.diagnostics, ...unknownRoleDiagnostics(this.state.workspace.taskIndex().tasks, roles)];
    return cache.diagnostics;
  }
}
