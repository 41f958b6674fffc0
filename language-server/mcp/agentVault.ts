import { mkdir, readFile, realpath } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { decodeNote } from '../../core/markdown/decode.js';
import { isRoleFilePath } from '../../core/roles/roleFiles.js';
import { RoleSession, type PlannedEffects } from '../../core/roles/roleSession.js';
import type { OperationName } from '../../core/roles/operations.js';
import type { ResolvedRole, RoleSet } from '../../core/roles/types.js';
import type { VersionedFileEdit } from '../../shared-types/index.js';
import { applyEdits } from '../../core/tasks/edits.js';
import { contentHash } from '../../core/text/hash.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { Workspace } from '../../core/workspace/workspace.js';
import { historyFolder } from '../../core/history/eventLog.js';
import { writeFileAtomically } from '../node/atomicWrite.js';
import { loadTaskSettings } from '../node/loadWorkspace.js';
import { openVaultHistory } from '../node/openHistory.js';
import { listWorkspaceFiles, readWorkspaceFile } from '../node/readWorkspaceFiles.js';
import { withFileLock } from './fileLock.js';
import { refuse } from './toolRefusal.js';

export interface AgentVaultOptions {
  root: string;
  /**
   * The session's role, chosen once the workspace is read (role definitions are notes too), so
   * the vault is read once; throwing here (an unknown role) stops the opening.
   */
  chooseRole: (workspace: Workspace) => Promise<{ role: ResolvedRole; roles: RoleSet }>;
  roleFolder: string;
  useGlobalFilter?: boolean;
  /** Where the history store lives (default `<root>/.scriptorium`). */
  storeDir?: string;
  /** One line for the operator (stderr: stdout carries the protocol). */
  log?: (line: string) => void;
}

/**
 * The workspace as one agent session sees it: the files (re-read when they change on disk, so
 * other agents' and people's edits are seen), the role and its session counters, and the one
 * way to change a file — serialized in this process and across processes, checked against the
 * version it was computed from, written atomically, and recorded in the history under the role.
 */
export class AgentVault {
  /** Set by open() with the role (see `chosen`). */
  session!: RoleSession;
  private readonly seen = new Map<string, { size: number; mtimeMs: number }>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly log: (line: string) => void;
  /** Told which files changed on each refresh (e.g. a search index kept up to date). */
  private readonly listeners: ((paths: readonly string[]) => void)[] = [];

  private constructor(
    readonly root: string,
    readonly workspace: Workspace,
    readonly options: AgentVaultOptions,
  ) {
    this.log = options.log ?? ((line) => process.stderr.write(`scriptorium mcp: ${line}\n`));
  }

  static async open(options: AgentVaultOptions): Promise<AgentVault> {
    const root = await realpath(options.root);
    const settings = await loadTaskSettings(root, { useGlobalFilter: options.useGlobalFilter === true });
    const vault = new AgentVault(root, new Workspace(settings), options);
    await vault.refresh();
    const { role, roles } = await options.chooseRole(vault.workspace);
    vault.chosen = { role, roles };
    vault.session = new RoleSession(role);
    return vault;
  }

  /** Set by open() before anyone else sees the vault. */
  private chosen!: { role: ResolvedRole; roles: RoleSet };

  get role(): ResolvedRole {
    return this.chosen.role;
  }

  get roles(): RoleSet {
    return this.chosen.roles;
  }

  onFilesChanged(listener: (paths: readonly string[]) => void): void {
    this.listeners.push(listener);
  }

  /** Brings the Workspace up to the disk: files whose size or mtime changed are read again. */
  async refresh(): Promise<void> {
    const files = await listWorkspaceFiles(this.root, () => true);
    const present = new Set<string>();
    const changed: string[] = [];
    for (const file of files) {
      present.add(file.path);
      let info: { size: number; mtimeMs: number };
      try {
        info = statSync(file.absolute);
      } catch {
        continue;
      }
      const known = this.seen.get(file.path);
      if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) continue;
      this.seen.set(file.path, { size: info.size, mtimeMs: info.mtimeMs });
      changed.push(file.path);
      if (fileKindOf(file.path) === 'other') {
        this.workspace.setText(file.path, '');
        continue;
      }
      const result = readWorkspaceFile(file);
      if ('bytes' in result) this.workspace.setBytes(file.path, result.bytes);
      else this.workspace.setText(file.path, '');
    }
    for (const known of [...this.seen.keys()]) {
      if (present.has(known)) continue;
      this.seen.delete(known);
      this.workspace.remove(known);
      changed.push(known);
    }
    if (changed.length > 0) for (const listener of this.listeners) listener(changed);
  }

  /** Checks the role's capabilities and restrictions; throws a refusal naming what is missing. */
  authorize(operation: OperationName, effects: PlannedEffects = {}): void {
    const verdict = this.session.authorize(operation, effects);
    if (!verdict.ok) refuse(verdict.reason);
  }

  /** A file agents must never write: role definitions (no granting oneself capabilities) and the history log. */
  isProtected(relative: string): boolean {
    return isRoleFilePath(relative, this.options.roleFolder) || relative.toLowerCase().startsWith(`${historyFolder.toLowerCase()}/`);
  }

  /**
   * Runs one change at a time: in-process queue, then the cross-process lock. `plan` sees fresh
   * files and returns the edits (or throws a refusal); they are applied only if each file is
   * still at the version they were computed against, then recorded in the history.
   */
  async change<T>(operation: OperationName, plan: () => Promise<{ edits: VersionedFileEdit[]; effects: PlannedEffects; result: T }>): Promise<T> {
    const run = async (): Promise<T> => {
      const lockFile = path.join(this.options.storeDir ?? path.join(this.root, '.scriptorium'), 'agent.lock');
      return withFileLock(lockFile, async () => {
        const history = await this.openHistory();
        try {
          await this.refresh();
          const planned = await plan();
          this.authorize(operation, planned.effects);
          const written = await this.applyToDisk(planned.edits);
          this.session.commit(planned.effects);
          if (history && written.length > 0) {
            try {
              await history.recordChanges(written, 'agent', this.role.name);
              await history.save();
            } catch (error) {
              this.log(`warning: the task history could not be recorded (${error instanceof Error ? error.message : String(error)})`);
            }
          }
          return planned.result;
        } finally {
          history?.close();
        }
      });
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async openHistory() {
    try {
      const options = { settings: this.workspace.taskSettings, log: this.log, ...(this.options.storeDir ? { storeDir: this.options.storeDir } : {}) };
      return (await openVaultHistory(this.root, options)).history;
    } catch (error) {
      this.log(`warning: the task history could not be opened (${error instanceof Error ? error.message : String(error)})`);
      return null;
    }
  }

  /** Whole-file writes are edits too: the version is the hash of what the agent last saw (or '' for a new file). */
  private async applyToDisk(fileEdits: VersionedFileEdit[]): Promise<string[]> {
    const planned: { absolute: string; path: string; text: string; hadBom: boolean; after: string }[] = [];
    for (const fileEdit of fileEdits) {
      const absolute = path.join(this.root, ...fileEdit.path.split('/'));
      const bytes = await readFile(absolute).catch(() => null);
      const decoded = bytes === null ? null : decodeNote(new Uint8Array(bytes));
      const current = decoded === null ? '' : contentHash(decoded.text);
      if (bytes !== null && current !== fileEdit.version) refuse(`${fileEdit.path} changed while the change was computed; nothing was written. Try again.`);
      const text = applyEdits(decoded?.text ?? '', fileEdit.edits);
      const hadBom = decoded?.hadBom ?? false;
      planned.push({ absolute, path: fileEdit.path, text, hadBom, after: hadBom ? `\uFEFF${text}` : text });
    }
    for (const p of planned) {
      await mkdir(path.dirname(p.absolute), { recursive: true });
      await writeFileAtomically(p.absolute, p.after);
    }
    // What was written is known: taken in as it is, instead of another look at every file.
    for (const p of planned) this.tookIn(p.path, p.absolute, p.text, p.hadBom);
    const written = planned.map((p) => p.path);
    if (written.length > 0) for (const listener of this.listeners) listener(written);
    return written;
  }

  private tookIn(relative: string, absolute: string, text: string, hadBom: boolean): void {
    try {
      const info = statSync(absolute);
      this.seen.set(relative, { size: info.size, mtimeMs: info.mtimeMs });
    } catch {
      this.seen.delete(relative); // the next refresh reads it
    }
    this.workspace.setText(relative, text, [], hadBom);
  }
}
