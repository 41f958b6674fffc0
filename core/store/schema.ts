import type { SqlDatabase } from './sqlTypes.js';

/**
 * The store's schema, as an ordered list of migrations: migration i (1-based) takes a store at
 * version i-1 to version i. `schema_version` holds one row, the version the store is at. A new
 * version appends a migration here; nothing is ever edited in place. Everything in the store is a
 * projection of the files and the event log, so a migration may also simply drop and rebuild
 * a table's contents — but a migration that fails, or a store from a newer version, makes the
 * store be rebuilt from the files and the log instead.
 */
export const migrations: readonly ((db: SqlDatabase) => void)[] = [
  // 1: the file index, the task index, the projected history and how far each log was read.
  (db) => {
    db.run(`CREATE TABLE files (
      path TEXT PRIMARY KEY,
      size INTEGER NOT NULL,
      mtime REAL NOT NULL,
      hash TEXT NOT NULL
    )`);
    db.run(`CREATE TABLE tasks (
      path TEXT NOT NULL,
      line INTEGER NOT NULL,
      uid TEXT NOT NULL,
      id TEXT,
      symbol TEXT NOT NULL,
      state TEXT NOT NULL,
      description TEXT NOT NULL,
      snapshot TEXT NOT NULL
    )`);
    db.run('CREATE INDEX tasks_path ON tasks (path, line)');
    db.run(`CREATE TABLE events (
      id TEXT PRIMARY KEY,
      at TEXT NOT NULL,
      device TEXT NOT NULL,
      source TEXT NOT NULL,
      kind TEXT NOT NULL,
      task_key TEXT NOT NULL,
      task_id TEXT,
      task_uid TEXT,
      log_file TEXT NOT NULL,
      json TEXT NOT NULL
    )`);
    db.run(`CREATE TABLE log_files (
      name TEXT PRIMARY KEY,
      offset INTEGER NOT NULL,
      lines INTEGER NOT NULL
    )`);
  },
  // 2: links (filled by link resolution), and indexes for history and id look-ups.
  (db) => {
    db.run(`CREATE TABLE links (
      source TEXT NOT NULL,
      line INTEGER NOT NULL,
      kind TEXT NOT NULL,
      target TEXT NOT NULL,
      resolved TEXT,
      display TEXT
    )`);
    db.run('CREATE INDEX links_source ON links (source)');
    db.run('CREATE INDEX links_resolved ON links (resolved)');
    db.run('CREATE INDEX tasks_id ON tasks (id)');
    db.run('CREATE INDEX tasks_uid ON tasks (uid)');
    db.run('CREATE INDEX events_task_uid ON events (task_uid)');
    db.run('CREATE INDEX events_task_id ON events (task_id)');
    db.run('CREATE INDEX events_task_key ON events (task_key)');
    db.run('CREATE INDEX events_log_file ON events (log_file)');
  },
  // 3: cached embedding vectors (core/search/embeddings/cache.ts): one per text content, model and dimension.
  (db) => {
    db.run(`CREATE TABLE embeddings (
      hash TEXT NOT NULL,
      model TEXT NOT NULL,
      dimension INTEGER NOT NULL,
      vector BLOB NOT NULL
    )`);
    // A rowid table: rows of a kilobyte or more would each take a page in a WITHOUT ROWID table.
    db.run('CREATE UNIQUE INDEX embeddings_key ON embeddings (hash, model, dimension)');
  },
];

export const schemaVersion = migrations.length;

/** The version a database says it is at: 0 for an empty database; throws when it is unreadable. */
export function versionOf(db: SqlDatabase): number {
  const tables = db.exec("SELECT name FROM sqlite_master WHERE type = 'table'");
  const names = new Set((tables[0]?.values ?? []).map((row) => String(row[0])));
  if (names.size === 0) return 0;
  if (!names.has('schema_version')) throw new Error('it has no schema_version table');
  const rows = db.exec('SELECT version FROM schema_version');
  const version = rows[0]?.values[0]?.[0];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw new Error('its schema_version is unreadable');
  return version;
}

/** Runs the migrations from `from` up to `to` (default: the newest) in one transaction. */
export function migrate(db: SqlDatabase, from: number, to = schemaVersion): void {
  db.run('BEGIN');
  try {
    if (from === 0) db.run('CREATE TABLE schema_version (version INTEGER NOT NULL)');
    for (let v = from; v < to; v++) migrations[v]!(db);
    db.run('DELETE FROM schema_version');
    db.run('INSERT INTO schema_version (version) VALUES (?)', [to]);
    db.run('COMMIT');
  } catch (error) {
    db.run('ROLLBACK');
    throw error;
  }
}
