import { eventProblem } from '../history/eventLog.js';
import type { HistoryEvent, TaskSnapshot } from '../history/types.js';
import { migrate, schemaVersion, versionOf } from './schema.js';
import { snapshotOfRow, taskRowColumns, taskRowValues } from './storedSnapshot.js';
import type { ByteStore, SqlDatabase, SqlEngine, SqlStatement, SqlValue } from './sqlTypes.js';

export interface FileRecord {
  path: string;
  size: number;
  /** Modification time in milliseconds. */
  mtime: number;
  /** contentHash of the decoded text. */
  hash: string;
}

/**
 * How the store came up: `loaded` as it was, `migrated` from an older schema, `created` because
 * there was none, `rebuilt` because it could not be used (`reason` says why). After `created`
 * and `rebuilt` the store is empty: its owner fills it from the files and the log.
 */
export type OpenStatus = 'loaded' | 'migrated' | 'created' | 'rebuilt';

export interface OpenedStore {
  store: TaskStore;
  status: OpenStatus;
  reason?: string;
  /** The version the bytes were at (0 when there were none or they were unreadable). */
  fromVersion: number;
}

export interface EventQuery {
  uid?: string;
  id?: string;
  key?: string;
}

/**
 * The operational store: the file index (path, size, mtime, hash), the task index of every
 * file, the history projected from the event log, and links. Pure: sql.js and the bytes come
 * from outside. Never throws on bad bytes: a store that cannot be used is replaced by an
 * empty one, and `open` says so.
 */
export class TaskStore {
  /** Statements run once per file, prepared once: sql.js's `run(sql, params)` prepares (and frees) on every call. */
  private readonly prepared = new Map<string, SqlStatement>();

  private constructor(
    private db: SqlDatabase,
    private readonly bytes: ByteStore,
  ) {
    // The database lives in memory and reaches the disk only through save(): a rollback journal
    // written to sql.js's in-memory file system cost a third of a first scan; in memory it still rolls back.
    db.run('PRAGMA journal_mode = MEMORY');
  }

  private statement(sql: string): SqlStatement {
    let statement = this.prepared.get(sql);
    if (!statement) this.prepared.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  private runPrepared(sql: string, values: SqlValue[]): void {
    try {
      this.statement(sql).run(values);
    } catch {
      // Freed behind our back (someone exported the database directly): prepare it again, once.
      this.prepared.delete(sql);
      this.statement(sql).run(values);
    }
  }

  static async open(sql: SqlEngine, bytes: ByteStore): Promise<OpenedStore> {
    let data: Uint8Array | null;
    try {
      data = await bytes.load();
    } catch (error) {
      return { store: TaskStore.empty(sql, bytes), status: 'rebuilt', reason: `it could not be read (${messageOf(error)})`, fromVersion: 0 };
    }
    if (data === null || data.length === 0) {
      return { store: TaskStore.empty(sql, bytes), status: 'created', reason: data === null ? 'there was none' : 'it was empty', fromVersion: 0 };
    }
    let db: SqlDatabase | null = null;
    let version = 0;
    try {
      const damage = headerProblem(data);
      if (damage) throw new Error(`it is corrupt (${damage})`);
      db = new sql.Database(data);
      version = versionOf(db);
      if (version > schemaVersion) throw new Error(`it was written by a newer Scriptorium (schema ${version}; this one knows ${schemaVersion})`);
      if (version === 0) throw new Error('it holds no tables');
      if (version === schemaVersion) return { store: new TaskStore(db, bytes), status: 'loaded', fromVersion: version };
      try {
        migrate(db, version);
      } catch (error) {
        throw new Error(`migrating it from schema ${version} failed (${messageOf(error)})`);
      }
      return { store: new TaskStore(db, bytes), status: 'migrated', fromVersion: version };
    } catch (error) {
      try {
        db?.close();
      } catch {
        // a corrupt database may fail to close; it is dropped either way
      }
      return { store: TaskStore.empty(sql, bytes), status: 'rebuilt', reason: reasonOf(error), fromVersion: version };
    }
  }

  /** An empty store at the current schema, for a rebuild decided after opening (a page found damaged on use). */
  static empty(sql: SqlEngine, bytes: ByteStore): TaskStore {
    const db = new sql.Database();
    migrate(db, 0);
    return new TaskStore(db, bytes);
  }

  /** The database itself, for other indexes that live in the same store (links). */
  get database(): SqlDatabase {
    return this.db;
  }

  version(): number {
    return versionOf(this.db);
  }

  /** Writes the whole store through the byte store (the node one writes a temporary file and renames it). */
  async save(): Promise<void> {
    // sql.js's export() frees every statement of the database: drop ours first.
    this.freePrepared();
    await this.bytes.save(this.db.export());
  }

  close(): void {
    this.freePrepared();
    this.db.close();
  }

  private freePrepared(): void {
    for (const statement of this.prepared.values()) statement.free();
    this.prepared.clear();
  }

  /** Runs `work` in one transaction (much faster for many writes). */
  transaction<T>(work: () => T): T {
    this.db.run('BEGIN');
    try {
      const result = work();
      this.db.run('COMMIT');
      return result;
    } catch (error) {
      this.db.run('ROLLBACK');
      throw error;
    }
  }

  // ── files and tasks ──────────────────────────────────────────────────────────────

  files(): Map<string, FileRecord> {
    const out = new Map<string, FileRecord>();
    for (const [path, size, mtime, hash] of this.rows('SELECT path, size, mtime, hash FROM files')) {
      out.set(String(path), { path: String(path), size: Number(size), mtime: Number(mtime), hash: String(hash) });
    }
    return out;
  }

  file(path: string): FileRecord | undefined {
    const row = this.rows('SELECT size, mtime, hash FROM files WHERE path = ?', [path])[0];
    return row ? { path, size: Number(row[0]), mtime: Number(row[1]), hash: String(row[2]) } : undefined;
  }

  /** Records a file and replaces its tasks (each must carry a uid). */
  putFile(record: FileRecord, tasks: readonly TaskSnapshot[]): void {
    this.runPrepared('INSERT OR REPLACE INTO files (path, size, mtime, hash) VALUES (?, ?, ?, ?)', [record.path, record.size, record.mtime, record.hash]);
    this.runPrepared('DELETE FROM tasks WHERE path = ?', [record.path]);
    for (const t of tasks) this.runPrepared(`INSERT INTO tasks (${taskRowColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, taskRowValues(record.path, t));
  }

  /** Only the size and mtime changed (same content). */
  touchFile(record: FileRecord): void {
    this.runPrepared('UPDATE files SET size = ?, mtime = ? WHERE path = ?', [record.size, record.mtime, record.path]);
  }

  removeFile(path: string): void {
    this.runPrepared('DELETE FROM files WHERE path = ?', [path]);
    this.runPrepared('DELETE FROM tasks WHERE path = ?', [path]);
  }

  tasksOf(path: string): TaskSnapshot[] {
    return this.rows(`SELECT ${taskRowColumns} FROM tasks WHERE path = ? ORDER BY line`, [path]).map(snapshotOfRow);
  }

  /** The task at `path:line` (one-based), as the store last saw it. */
  taskAt(key: string): TaskSnapshot | undefined {
    const colon = key.lastIndexOf(':');
    const row = this.rows(`SELECT ${taskRowColumns} FROM tasks WHERE path = ? AND line = ?`, [key.slice(0, colon), Number(key.slice(colon + 1)) - 1])[0];
    return row ? snapshotOfRow(row) : undefined;
  }

  tasksWithId(id: string): TaskSnapshot[] {
    return this.rows(`SELECT ${taskRowColumns} FROM tasks WHERE id = ? ORDER BY path, line`, [id]).map(snapshotOfRow);
  }

  taskCount(): number {
    return Number(this.rows('SELECT count(*) FROM tasks')[0]![0]);
  }

  // ── history ──────────────────────────────────────────────────────────────────────

  /** Projects events read from `logFile`; an event already projected (same id) is ignored. */
  addEvents(events: readonly HistoryEvent[], logFile: string): number {
    const insert = this.db.prepare(
      'INSERT OR IGNORE INTO events (id, at, device, source, kind, task_key, task_id, task_uid, log_file, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let added = 0;
    try {
      for (const e of events) {
        if (eventProblem(e) !== null) continue;
        insert.run([e.id, e.at, e.device, e.source, e.kind, e.task.key, e.task.id ?? null, e.task.uid ?? null, logFile, JSON.stringify(e)]);
        added++;
      }
    } finally {
      insert.free();
    }
    return added;
  }

  /** How far a log file has been projected: bytes and lines. */
  logPosition(name: string): { offset: number; lines: number } {
    const row = this.rows('SELECT offset, lines FROM log_files WHERE name = ?', [name])[0];
    return row ? { offset: Number(row[0]), lines: Number(row[1]) } : { offset: 0, lines: 0 };
  }

  setLogPosition(name: string, offset: number, lines: number): void {
    this.db.run('INSERT OR REPLACE INTO log_files (name, offset, lines) VALUES (?, ?, ?)', [name, offset, lines]);
  }

  /** Forgets what was projected from a log file (it shrank or was replaced): it is read again from the start. */
  forgetLog(name: string): void {
    this.db.run('DELETE FROM events WHERE log_file = ?', [name]);
    this.db.run('DELETE FROM log_files WHERE name = ?', [name]);
  }

  logNames(): string[] {
    return this.rows('SELECT name FROM log_files ORDER BY name').map((r) => String(r[0]));
  }

  eventCount(): number {
    return Number(this.rows('SELECT count(*) FROM events')[0]![0]);
  }

  /**
   * Events, oldest first. With a query: the events of one task — those carrying its uid, those
   * carrying its 🆔 id, and those recorded at its key by a task that is no longer in the index
   * (deleted, or known only to another device).
   */
  events(query: EventQuery = {}): HistoryEvent[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (query.uid) {
      where.push('task_uid = ?');
      params.push(query.uid);
    }
    if (query.id) {
      where.push('task_id = ?');
      params.push(query.id);
    }
    if (query.key) {
      where.push('(task_key = ? AND (task_uid IS NULL OR task_uid NOT IN (SELECT uid FROM tasks)))');
      params.push(query.key);
    }
    const sql = `SELECT json FROM events${where.length > 0 ? ` WHERE ${where.join(' OR ')}` : ''} ORDER BY at, rowid`;
    return this.rows(sql, params).map((r) => JSON.parse(String(r[0])) as HistoryEvent);
  }

  /** The latest event of every uid: where the log last saw each task (used to give tasks their uid back after a rebuild). */
  lastSeen(): Map<string, HistoryEvent> {
    const out = new Map<string, HistoryEvent>();
    for (const [json] of this.rows('SELECT json FROM events WHERE task_uid IS NOT NULL ORDER BY at, rowid')) {
      const e = JSON.parse(String(json)) as HistoryEvent;
      out.set(e.task.uid!, e);
    }
    return out;
  }

  private rows(sql: string, params: SqlValue[] = []): SqlValue[][] {
    const statement = this.db.prepare(sql);
    try {
      statement.bind(params);
      const out: SqlValue[][] = [];
      while (statement.step()) out.push(statement.get());
      return out;
    } finally {
      statement.free();
    }
  }
}

/**
 * Cheap checks of a SQLite file's header, instead of a full integrity check on every start (that
 * costs ~50 ms per MB): the magic string, and that the file is as long as its header says — what
 * a torn or truncated write leaves. Damage deeper inside shows when a page is read, and the
 * owner of the store rebuilds it then (VaultHistory.open).
 */
export function headerProblem(bytes: Uint8Array): string | null {
  return headerProblemOf(bytes.subarray(0, 100), bytes.length);
}

/** headerProblem from the first 100 bytes and the file's length (no need to read a whole store to check it). */
export function headerProblemOf(header: Uint8Array, length: number): string | null {
  const bytes = header;
  const magic = 'SQLite format 3\u0000';
  if (length < 100 || bytes.length < 100) return 'too short to be a database';
  for (let i = 0; i < magic.length; i++) if (bytes[i] !== magic.charCodeAt(i)) return 'file is not a database';
  const rawPageSize = (bytes[16]! << 8) | bytes[17]!;
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = ((bytes[28]! << 24) | (bytes[29]! << 16) | (bytes[30]! << 8) | bytes[31]!) >>> 0;
  const counterMatches = bytes[24] === bytes[92] && bytes[25] === bytes[93] && bytes[26] === bytes[94] && bytes[27] === bytes[95];
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return 'bad page size';
  if (length % pageSize !== 0) return `length ${length} is not a whole number of ${pageSize}-byte pages`;
  if (counterMatches && pageCount > 0 && length !== pageSize * pageCount) return `${length / pageSize} pages where the header says ${pageCount}`;
  return null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function reasonOf(error: unknown): string {
  const message = messageOf(error);
  if (/not a database|malformed|integrity/i.test(message)) return `it is corrupt (${message})`;
  return message;
}
