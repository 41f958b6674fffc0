import { diffTasks, withUids } from '../history/diffTasks.js';
import { completeLinesEnd, eventProblem, historyFolder, logFileName, parseEventLog, serializeEvent, type LogWarning } from '../history/eventLog.js';
import { snapshotKey, taskSnapshot } from '../history/snapshot.js';
import type { EventSource, HistoryEvent, TaskSnapshot } from '../history/types.js';
import type { Task, TaskSettings } from '../tasks/types.js';
import { Workspace } from '../workspace/workspace.js';
import type { ByteStore, SqlEngine } from './sqlTypes.js';
import { TaskStore, type FileRecord, type OpenStatus } from './taskStore.js';

/** One note or source file as the host sees it now, without reading it. */
export interface FileStat {
  /** Vault-relative, `/`-separated. */
  path: string;
  size: number;
  mtime: number;
}

/** The vault's files, from outside (node: the folder; a host: its vault API). */
export interface VaultFiles {
  /** Every note and source file. */
  list(): Promise<FileStat[]>;
  stat(path: string): Promise<FileStat | null>;
  /** The bytes, or null when the file is gone or too large to be a note. */
  read(path: string): Promise<Uint8Array | null>;
}

/** The event log's files (`<device>.jsonl` in the history folder), from outside. */
export interface LogFiles {
  list(): Promise<{ name: string; size: number }[]>;
  /** The bytes from `offset` to the end. */
  read(name: string, offset: number): Promise<Uint8Array>;
  /** Appends whole lines; starts a new line first when the file does not end with one. */
  append(name: string, text: string): Promise<void>;
}

export interface HistoryOptions {
  sql: SqlEngine;
  bytes: ByteStore;
  files: VaultFiles;
  logs: LogFiles;
  settings: TaskSettings;
  device: string;
  /** ISO timestamp of now. */
  now(): string;
  newId(): string;
  /** One line for the user (the CLI writes it to stderr). */
  log(line: string): void;
  /** How to name the store in that line, e.g. `.scriptorium/index.sqlite`. */
  storeName?: string;
  /**
   * Files the caller has already read and parsed (a command's Workspace), used by the opening
   * scan instead of reading them again. Only for the opening scan: after an edit they are stale.
   */
  parsed?: (path: string) => { hash: string; tasks: readonly Task[] } | undefined;
}

export interface ScanResult {
  /** Files read because their size, mtime or hash changed (or were new). */
  read: string[];
  events: HistoryEvent[];
}

/**
 * The history of a vault's tasks, kept by diffing each file's tasks between the versions the
 * store has seen, appended to this device's log and projected into the store.
 *
 * Warm start: a file whose size and mtime equal the stored ones is not read; one that differs is
 * read and hashed, and only a changed hash makes it parsed and diffed (a touched file just gets
 * its new mtime). Files gone from the list are deleted (their tasks get `deleted` events), unless
 * a new file has exactly their content: that is a rename, and moves the tasks without events.
 *
 * A store that was created or rebuilt has no earlier version of any file: the scan that fills it
 * records no events (the log already holds every event ever recorded), and tasks get back the
 * uid the log last saw them with, matched by key and description, or by 🆔 id.
 */
export class VaultHistory {
  readonly logName: string;
  readonly warnings: LogWarning[] = [];
  /** Events projected from the log since the store was opened. */
  projected = 0;
  private opening = true;

  private constructor(
    readonly store: TaskStore,
    readonly status: OpenStatus,
    private readonly options: HistoryOptions,
  ) {
    this.logName = logFileName(options.device);
  }

  static async open(options: HistoryOptions): Promise<{ history: VaultHistory; scan: ScanResult }> {
    const opened = await TaskStore.open(options.sql, options.bytes);
    if (opened.status === 'created' || opened.status === 'rebuilt') return VaultHistory.start(opened.store, opened.status, opened.reason, options);
    try {
      return await VaultHistory.start(opened.store, opened.status, undefined, options);
    } catch (error) {
      // A store whose header looked fine but whose pages are damaged fails on first use: rebuild it.
      try {
        opened.store.close();
      } catch {
        // dropped either way
      }
      const reason = `it is corrupt (${error instanceof Error ? error.message : String(error)})`;
      return VaultHistory.start(TaskStore.empty(options.sql, options.bytes), 'rebuilt', reason, options);
    }
  }

  private static async start(store: TaskStore, status: OpenStatus, reason: string | undefined, options: HistoryOptions): Promise<{ history: VaultHistory; scan: ScanResult }> {
    const opened = { store, status, reason };
    const history = new VaultHistory(opened.store, opened.status, options);
    const fresh = opened.status === 'created' || opened.status === 'rebuilt';
    await history.projectLogs();
    const scan = await history.scan(fresh ? null : 'scan');
    history.opening = false;
    const name = options.storeName ?? 'the store';
    const events = history.store.eventCount();
    const rebuilt = `from ${history.store.files().size} files and ${events} history event${events === 1 ? '' : 's'}; nothing was lost`;
    if (opened.status === 'rebuilt') options.log(`${name} could not be used: ${opened.reason}. Rebuilt it ${rebuilt}.`);
    else if (opened.status === 'created' && events > 0) options.log(`${name} was missing. Rebuilt it ${rebuilt}.`);
    return { history, scan };
  }

  /** Reads what was appended to every log file since the last projection (all of it after a rebuild). */
  async projectLogs(): Promise<number> {
    let added = 0;
    const present = await this.options.logs.list();
    for (const { name, size } of present) added += await this.projectLog(name, size);
    const names = new Set(present.map((p) => p.name));
    for (const gone of this.store.logNames()) if (!names.has(gone)) this.store.forgetLog(gone);
    return added;
  }

  private async projectLog(name: string, size: number): Promise<number> {
    let position = this.store.logPosition(name);
    if (size < position.offset) {
      this.store.forgetLog(name);
      position = { offset: 0, lines: 0 };
    }
    if (size === position.offset) return 0;
    const bytes = await this.options.logs.read(name, position.offset);
    let end = completeLinesEnd(bytes);
    // A last line without its newline counts only if it is a whole event (else it may still be arriving).
    if (end < bytes.length) {
      const tail = decode(bytes.subarray(end));
      if (isWholeEvent(tail)) end = bytes.length;
    }
    const text = decode(bytes.subarray(0, end));
    const where = `${historyFolder}/${name}`;
    const parsed = parseEventLog(text, where, position.lines + 1);
    if (end < bytes.length && bytes.length - end > 0) {
      const lineNo = position.lines + countLines(text) + 1;
      this.warnings.push({ where: `${where}:${lineNo}`, message: 'incomplete last line skipped for now (a write cut short or still syncing)' });
    }
    this.warnings.push(...parsed.warnings);
    const added = this.store.transaction(() => {
      const n = this.store.addEvents(parsed.events, name);
      this.store.setLogPosition(name, position.offset + end, position.lines + countLines(text));
      return n;
    });
    this.projected += added;
    return added;
  }

  /**
   * Brings the store up to the files on disk (a warm start reads only what changed). With a
   * source, changes become events; with null (a fresh store) they are only indexed.
   */
  async scan(source: EventSource | null): Promise<ScanResult> {
    const stats = await this.options.files.list();
    const known = this.store.files();
    const seen = new Set<string>();
    const read: string[] = [];
    const events: HistoryEvent[] = [];
    const lastSeen = source === null ? this.store.lastSeen() : null;
    const added: { stat: FileStat; hash: string; tasks: TaskSnapshot[] }[] = [];

    const db = this.store.database;
    db.run('BEGIN');
    try {
      for (const stat of stats) {
        seen.add(stat.path);
        const record = known.get(stat.path);
        if (record && record.size === stat.size && record.mtime === stat.mtime) continue;
          const parsed = this.cached(stat.path) ?? (await this.parse(stat.path));
        if (!parsed) continue;
        read.push(stat.path);
        const fileRecord: FileRecord = { ...stat, hash: parsed.hash };
        if (record && record.hash === parsed.hash) {
          this.store.touchFile(fileRecord);
          continue;
        }
        if (!record) {
          added.push({ stat, hash: parsed.hash, tasks: parsed.tasks });
          continue;
        }
        events.push(...this.update(fileRecord, parsed.tasks, source));
      }

      // Files that disappeared: renamed (same content as a new file) or deleted.
      const gone = [...known.values()].filter((r) => !seen.has(r.path));
      const goneByHash = new Map<string, FileRecord[]>();
      for (const r of gone) goneByHash.set(r.hash, [...(goneByHash.get(r.hash) ?? []), r]);
      for (const file of added) {
        const from = goneByHash.get(file.hash)?.shift();
        let tasks: TaskSnapshot[];
        if (from) {
          const uids = this.store.tasksOf(from.path);
          tasks = file.tasks.map((t, i) => ({ ...t, uid: uids[i]?.uid ?? this.options.newId() }));
          this.store.removeFile(from.path);
          gone.splice(gone.indexOf(from), 1);
        } else if (source === null) {
          tasks = recoverUids(file.tasks, lastSeen!, this.options.newId);
        } else {
          const diff = diffTasks([], file.tasks, this.context(source));
          events.push(...diff.events);
          tasks = diff.after;
        }
        this.store.putFile({ ...file.stat, hash: file.hash }, tasks);
      }
      for (const record of gone) {
        if (source !== null) events.push(...diffTasks(this.store.tasksOf(record.path), [], this.context(source)).events);
        this.store.removeFile(record.path);
      }
      db.run('COMMIT');
    } catch (error) {
      db.run('ROLLBACK');
      throw error;
    }
    await this.append(events);
    return { read, events };
  }

  /** Re-reads the given files (just written by a command or an editor) and records what changed under `source`. */
  async recordChanges(paths: readonly string[], source: EventSource, role?: string): Promise<HistoryEvent[]> {
    const events: HistoryEvent[] = [];
    for (const path of paths) {
      const stat = await this.options.files.stat(path);
      const parsed = stat ? await this.parse(path) : null;
      if (!stat || !parsed) {
        events.push(...diffTasks(this.store.tasksOf(path), [], this.context(source, role)).events);
        this.store.removeFile(path);
        continue;
      }
      events.push(...this.update({ ...stat, hash: parsed.hash }, parsed.tasks, source, role));
    }
    await this.append(events);
    return events;
  }

  /** The events of the task at `path:line` or with this 🆔 id, or every event; oldest first. */
  taskHistory(ref?: string): { events: HistoryEvent[]; task: TaskSnapshot | null } {
    if (ref === undefined) return { events: this.store.events(), task: null };
    if (/:\d+$/.test(ref)) {
      const task = this.store.taskAt(ref) ?? null;
      return { task, events: this.store.events({ uid: task?.uid, id: task?.fields.id || undefined, key: ref }) };
    }
    const tasks = this.store.tasksWithId(ref);
    const byUid = tasks.flatMap((t) => (t.uid ? this.store.events({ uid: t.uid }) : []));
    const all = new Map<string, HistoryEvent>();
    for (const e of [...this.store.events({ id: ref }), ...byUid]) all.set(e.id, e);
    return { task: tasks[0] ?? null, events: [...all.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0)) };
  }

  async save(): Promise<void> {
    await this.store.save();
  }

  close(): void {
    this.store.close();
  }

  private update(record: FileRecord, tasks: TaskSnapshot[], source: EventSource | null, role?: string): HistoryEvent[] {
    const before = this.store.tasksOf(record.path);
    if (source === null) {
      this.store.putFile(record, withUids(tasks, this.options.newId));
      return [];
    }
    const diff = diffTasks(before, tasks, this.context(source, role));
    this.store.putFile(record, diff.after);
    return diff.events;
  }

  private cached(path: string): { hash: string; tasks: TaskSnapshot[] } | null {
    if (this.opening === false) return null;
    const known = this.options.parsed?.(path);
    return known ? { hash: known.hash, tasks: known.tasks.map((t) => taskSnapshot(t)) } : null;
  }

  private async parse(path: string): Promise<{ hash: string; tasks: TaskSnapshot[] } | null> {
    const bytes = await this.options.files.read(path);
    if (!bytes) return null;
    const file = new Workspace(this.options.settings).setBytes(path, bytes);
    return { hash: file.version, tasks: file.tasks.map((t) => taskSnapshot(t)) };
  }

  private context(source: EventSource, role?: string) {
    const at = this.options.now();
    return { at, device: this.options.device, source, newId: this.options.newId, ...(role !== undefined ? { role } : {}) };
  }

  /** Appends to this device's log first (the truth), then projects what was appended. */
  private async append(events: readonly HistoryEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.options.logs.append(this.logName, events.map(serializeEvent).join(''));
    const size = (await this.options.logs.list()).find((l) => l.name === this.logName)?.size ?? 0;
    await this.projectLog(this.logName, size);
  }
}

/** After a rebuild: a task gets back the uid the log last saw at its key with its description, or with its 🆔 id. */
function recoverUids(tasks: readonly TaskSnapshot[], lastSeen: Map<string, HistoryEvent>, newId: () => string): TaskSnapshot[] {
  const byKey = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const [uid, e] of lastSeen) {
    if (e.kind === 'deleted') continue;
    byKey.set(`${e.task.key}\u0000${e.task.description}`, uid);
    if (e.task.id) byId.set(e.task.id, uid);
  }
  const used = new Set<string>();
  return tasks.map((t) => {
    const uid = byKey.get(`${snapshotKey(t)}\u0000${t.fields.description}`) ?? (t.fields.id ? byId.get(t.fields.id) : undefined);
    if (uid && !used.has(uid)) {
      used.add(uid);
      return { ...t, uid };
    }
    return { ...t, uid: newId() };
  });
}

function isWholeEvent(line: string): boolean {
  try {
    return eventProblem(JSON.parse(line)) === null;
  } catch {
    return false;
  }
}

function countLines(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  if (text.length > 0 && !text.endsWith('\n')) n++;
  return n;
}

const decoder = new (globalThis as unknown as { TextDecoder: ScriptoriumTextDecoderConstructor }).TextDecoder('utf-8');
function decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
