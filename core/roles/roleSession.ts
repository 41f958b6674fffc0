import { isDatabaseFile } from './restrictions.js';
import { operationCatalogue, type OperationName } from './operations.js';
import type { ResolvedRole } from './types.js';

export type Verdict = { ok: true } | { ok: false; reason: string };

/** What an operation is about to do, for the restrictions that count or forbid it. */
export interface PlannedEffects {
  /** Vault paths the operation will write. */
  writes?: readonly string[];
  /** Of those, the ones that do not exist yet. */
  creates?: readonly string[];
  /** Tasks it will add. */
  newTasks?: number;
}

/**
 * One agent's session under one role: checks each operation's capabilities, then the role's
 * restrictions against what the session has done so far. `authorize` decides; `commit` counts
 * an operation that ran, so a refused or failed one costs nothing.
 */
export class RoleSession {
  private readonly written = new Set<string>();
  private tasksCreated = 0;

  constructor(readonly role: ResolvedRole) {}

  has(capability: string): boolean {
    return this.role.capabilities.some((c) => c.name === capability);
  }

  /** Distinct files this session has written. */
  get filesWritten(): readonly string[] {
    return [...this.written];
  }

  authorize(operation: OperationName, effects: PlannedEffects = {}): Verdict {
    const entry = operationCatalogue[operation];
    const missing = entry.needs.filter((c) => !this.has(c));
    if (missing.length > 0) {
      const list = missing.map((c) => `'${c}'`).join(' and ');
      return { ok: false, reason: `Refused: ${operation} needs the capability ${list}, which the role '${this.role.name}' does not have (it has ${this.role.capabilities.map((c) => c.name).join(', ') || 'none'}).` };
    }
    const restriction = this.role.restrictions;
    const writes = effects.writes ?? [];
    const database = writes.find(isDatabaseFile);
    if (database !== undefined && restriction.no_database_modifications?.value === true) {
      return { ok: false, reason: `Refused: the role '${this.role.name}' has the restriction no_database_modifications (set by '${restriction.no_database_modifications.from}'), and ${database} is a database file.` };
    }
    if ((effects.creates ?? []).length > 0 && restriction.no_new_files?.value === true) {
      return { ok: false, reason: `Refused: the role '${this.role.name}' has the restriction no_new_files (set by '${restriction.no_new_files.from}'): it may change existing files only, and ${effects.creates![0]} does not exist.` };
    }
    const limit = restriction.max_file_changes;
    if (limit !== undefined) {
      const fresh = new Set(writes.filter((p) => !this.written.has(p)));
      if (this.written.size + fresh.size > (limit.value as number)) {
        return {
          ok: false,
          reason: `Refused: the role '${this.role.name}' may change at most ${String(limit.value)} file(s) in a session (max_file_changes, set by '${limit.from}'), and this session has already changed ${this.written.size}: ${this.filesWritten.join(', ') || '(none)'}. Writing ${[...fresh].join(', ')} would exceed it.`,
        };
      }
    }
    const taskLimit = restriction.max_new_tasks;
    if (taskLimit !== undefined && (effects.newTasks ?? 0) > 0 && this.tasksCreated + effects.newTasks! > (taskLimit.value as number)) {
      return { ok: false, reason: `Refused: the role '${this.role.name}' may create at most ${String(taskLimit.value)} task(s) in a session (max_new_tasks, set by '${taskLimit.from}'); it has created ${this.tasksCreated}.` };
    }
    return { ok: true };
  }

  /** Counts what an authorized operation actually did. */
  commit(effects: PlannedEffects): void {
    for (const p of effects.writes ?? []) this.written.add(p);
    this.tasksCreated += effects.newTasks ?? 0;
  }
}
