import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, migrations, schemaVersion, versionOf } from '../../../core/store/schema.js';
import { TaskStore } from '../../../core/store/taskStore.js';
import { fileByteStore } from '../../../language-server/node/fileByteStore.js';
import { loadSqlJs } from '../../../language-server/node/sqlJs.js';
import { openHistory, storeFile, tempVault, write } from './helpers.js';

const plan = '# Plan\n- [ ] Design 🆔 design\n- [ ] Build ⛔ design\n';

describe('the store', () => {
  it('is created on first use, silently, and persisted as a real SQLite file', async () => {
    const root = tempVault({ 'Plan.md': plan });
    const lines: string[] = [];
    const { history, scan } = await openHistory(root, lines);
    expect(history.status).toBe('created');
    expect(scan.events).toEqual([]); // the first scan is the baseline
    expect(lines).toEqual([]);
    await history.save();
    history.close();
    const bytes = readFileSync(storeFile(root));
    expect(new TextDecoder().decode(bytes.subarray(0, 15))).toBe('SQLite format 3');
    const sql = await loadSqlJs();
    const db = new sql.Database(new Uint8Array(bytes));
    expect(versionOf(db)).toBe(schemaVersion);
    expect(db.exec('SELECT path, line, id, description FROM tasks ORDER BY line')[0]!.values).toEqual([
      ['Plan.md', 1, 'design', 'Design'],
      ['Plan.md', 2, null, 'Build'],
    ]);
    expect(db.exec("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")[0]!.values.flat()).toEqual([
      'embeddings',
      'events',
      'files',
      'links',
      'log_files',
      'schema_version',
      'tasks',
    ]);
    db.close();
  });

  it('a warm start reads only files whose size or mtime changed, and a touched file is not diffed', async () => {
    const root = tempVault({ 'Plan.md': plan, 'Other.md': '- [ ] other\n', 'src/app.ts': '// TODO: refactor\n' });
    const first = await openHistory(root);
    expect(first.scan.read.sort()).toEqual(['Other.md', 'Plan.md', 'src/app.ts']);
    await first.history.save();
    first.history.close();

    const warm = await openHistory(root);
    expect(warm.history.status).toBe('loaded');
    expect(warm.scan.read).toEqual([]);
    warm.history.close();

    utimesSync(path.join(root, 'Other.md'), new Date(), new Date(Date.now() + 5000));
    write(root, 'Plan.md', plan.replace('- [ ] Design', '- [x] Design'));
    const next = await openHistory(root);
    expect(next.scan.read.sort()).toEqual(['Other.md', 'Plan.md']);
    expect(next.scan.events.map((e) => `${e.source} ${e.kind} ${e.task.key}`)).toEqual(['scan completed Plan.md:2']);
    next.history.close();
  });

  it('records hand edits, renames and deletions between runs', async () => {
    const root = tempVault({ 'Plan.md': plan, 'Old.md': '- [ ] moving along\n', 'Gone.md': '- [ ] doomed\n' });
    const first = await openHistory(root);
    await first.history.save();
    first.history.close();
    writeFileSync(path.join(root, 'New.md'), readFileSync(path.join(root, 'Old.md')));
    (await import('node:fs')).rmSync(path.join(root, 'Old.md'));
    (await import('node:fs')).rmSync(path.join(root, 'Gone.md'));
    write(root, 'Plan.md', '# Plan\n- [ ] Inserted\n- [ ] Design 🆔 design\n- [ ] Build the thing ⛔ design\n');
    const { history, scan } = await openHistory(root);
    expect(scan.events.map((e) => `${e.kind} ${e.task.key}${e.field ? ` ${e.field}` : ''}`)).toEqual([
      'created Plan.md:2',
      'field Plan.md:4 description',
      'deleted Gone.md:1',
    ]);
    expect(history.store.tasksOf('New.md').map((t) => t.fields.description)).toEqual(['moving along']);
    expect(history.taskHistory('Plan.md:4').events.map((e) => e.kind)).toEqual(['field']);
    expect(history.taskHistory('design').events).toEqual([]);
    history.close();
  });

  it('migrates a store of an older schema version and keeps its contents', async () => {
    const sql = await loadSqlJs();
    const root = tempVault({ 'Plan.md': plan });
    // A store as version 1 wrote it.
    const old = new sql.Database();
    migrate(old, 0, 1);
    old.run("INSERT INTO files VALUES ('Plan.md', 1, 2, 'h')");
    old.run(`INSERT INTO events VALUES ('ev1', '2026-01-01T00:00:00.000Z', 'd', 'cli', 'created', 'Plan.md:2', NULL, 'u1', 'd.jsonl', '{}')`);
    expect(versionOf(old)).toBe(1);
    await fileByteStore(storeFile(root)).save(old.export());
    old.close();

    const opened = await TaskStore.open(sql, fileByteStore(storeFile(root)));
    expect(opened).toMatchObject({ status: 'migrated', fromVersion: 1 });
    expect(opened.store.version()).toBe(migrations.length);
    expect(opened.store.file('Plan.md')).toEqual({ path: 'Plan.md', size: 1, mtime: 2, hash: 'h' });
    expect(opened.store.eventCount()).toBe(1);
    expect(opened.store.database.exec('SELECT count(*) FROM links')[0]!.values[0]![0]).toBe(0);
    opened.store.close();
  });

  it('a corrupt store is rebuilt from the files and the log, with one log line and nothing lost', async () => {
    const root = tempVault({ 'Plan.md': plan });
    const first = await openHistory(root);
    write(root, 'Plan.md', plan.replace('- [ ] Design', '- [/] Design'));
    await first.history.recordChanges(['Plan.md'], 'cli');
    await first.history.save();
    first.history.close();
    const before = (await openHistory(root)).history.taskHistory('Plan.md:2').events;
    expect(before.map((e) => e.kind)).toEqual(['status']);

    const bytes = readFileSync(storeFile(root));
    // Garbage, a truncated file, a bad length, and a whole-looking file whose pages are garbage (found on use).
    const pagesDamaged = Buffer.from(bytes);
    pagesDamaged.fill(7, 4096);
    for (const damage of [Buffer.from('this is not a database'), bytes.subarray(0, 2000), Buffer.concat([bytes.subarray(0, 100), Buffer.alloc(5000, 7)]), pagesDamaged]) {
      writeFileSync(storeFile(root), damage);
      const lines: string[] = [];
      const { history } = await openHistory(root, lines);
      expect(history.status).toBe('rebuilt');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^The store could not be used: .*\. Rebuilt it from 1 files and 1 history event; nothing was lost\.$/);
      // The task got its uid back from the log, so its history is still found by its key.
      expect(history.taskHistory('Plan.md:2').events).toEqual(before);
      await history.save();
      history.close();
    }
  });

  it('a missing store is rebuilt from the log (said once); a store from a newer version too', async () => {
    const root = tempVault({ 'Plan.md': plan });
    const first = await openHistory(root);
    write(root, 'Plan.md', plan.replace('- [ ] Build', '- [x] Build'));
    await first.history.recordChanges(['Plan.md'], 'cli');
    first.history.close(); // never saved: as if the process died
    expect(existsSync(storeFile(root))).toBe(false);
    const lines: string[] = [];
    const { history } = await openHistory(root, lines);
    expect(lines).toEqual(['The store was missing. Rebuilt it from 1 files and 1 history event; nothing was lost.']);
    history.store.database.run('UPDATE schema_version SET version = 99');
    await history.save();
    history.close();
    const newer: string[] = [];
    const again = await openHistory(root, newer);
    expect(again.history.status).toBe('rebuilt');
    expect(newer[0]).toMatch(/written by a newer Scriptorium \(schema 99/);
    expect(again.history.taskHistory().events).toHaveLength(1);
    again.history.close();
  });

  it('projects other devices\' logs, only what was appended, and warns about garbage once', async () => {
    const root = tempVault({ 'Plan.md': plan });
    const phone = await openHistory(root, [], 'phone');
    write(root, 'Plan.md', plan.replace('- [ ] Design', '- [x] Design'));
    await phone.history.recordChanges(['Plan.md'], 'edit');
    phone.history.close();
    const log = path.join(root, 'scriptorium/history/phone.jsonl');
    writeFileSync(log, `${readFileSync(log, 'utf8')}garbage line\n{"id":"half`);

    const laptop = await openHistory(root, [], 'laptop');
    expect(laptop.history.store.eventCount()).toBe(1);
    expect(laptop.history.warnings.map((w) => w.where)).toEqual(['scriptorium/history/phone.jsonl:3', 'scriptorium/history/phone.jsonl:2']);
    await laptop.history.save();
    laptop.history.close();
    const again = await openHistory(root, [], 'laptop');
    expect(again.history.warnings.map((w) => w.message)).toEqual(['incomplete last line skipped for now (a write cut short or still syncing)']);
    again.history.close();
  });
});
