import { describe, expect, it } from 'vitest';
import { taskSnapshot } from '../../../core/history/snapshot.js';
import { snapshotOfRow, taskRowColumns, taskRowValues } from '../../../core/store/storedSnapshot.js';
import { taskFromLine } from '../../../core/tasks/extractTasks.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';

const settings = defaultTaskSettings();

function snapshotOf(line: string) {
  return taskSnapshot(taskFromLine('Projects/Plan.md', 4, line, settings)!, 'uid-1');
}

describe('a task row', () => {
  it('reads back as the snapshot it was written from', () => {
    for (const line of [
      '- [ ] plain',
      '- [x] ship 📅 2026-01-02 ✅ 2026-01-03 ⏫ 🔁 every week 🆔 a1 ⛔ b2,c3 [role:: writer] [parent:: p] ^blk',
      '  > - [/] half [due:: 2026-13-40] 🏁 Keep',
    ]) {
      const snapshot = snapshotOf(line);
      const row = taskRowValues('Projects/Plan.md', snapshot);
      expect(taskRowColumns.split(', ')).toHaveLength(row.length);
      expect(snapshotOfRow(row)).toEqual(snapshot);
    }
  });

  it('keeps in its JSON only what the columns do not hold, and only the fields the task has', () => {
    const row = taskRowValues('Projects/Plan.md', snapshotOf('- [ ] write 📅 2026-01-02'));
    expect(JSON.parse(String(row[7]))).toEqual({ lineText: '- [ ] write 📅 2026-01-02', statusType: 'TODO', blockId: null, fields: { due: '2026-01-02' } });
  });

  it('written whole, as stores before held it, reads the same', () => {
    const snapshot = snapshotOf('- [x] ship 📅 2026-01-02 ✅ 2026-01-03 🆔 a1');
    const row = taskRowValues('Projects/Plan.md', snapshot);
    row[7] = JSON.stringify({ ...snapshot, path: 'Projects/Plan.md' });
    expect(snapshotOfRow(row)).toEqual(snapshot);
  });
});
