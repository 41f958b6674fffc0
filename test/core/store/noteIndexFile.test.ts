import { describe, expect, it } from 'vitest';
import { decodeNoteIndex, encodeNoteIndex, type NoteIndexRow } from '../../../core/store/noteIndexFile.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

function summaryOf(text: string) {
  const workspace = new Workspace(defaultTaskSettings());
  workspace.setText('a.md', text);
  return workspace.summary('a.md');
}

describe('the note index file', () => {
  it('round-trips rows, summaries with emoji included, and rows without a summary', () => {
    const summary = summaryOf('# Plan\n- [ ] ship 📅 2026-01-01 [[b]]\n');
    const rows = new Map<string, NoteIndexRow>([
      ['a.md', { size: 10, mtime: 5, hash: summary!.version, summary }],
      ['src/x.ts', { size: 1, mtime: 1, hash: 'h', summary: null }],
    ]);
    const back = decodeNoteIndex(encodeNoteIndex('f1', rows), 'f1')!;
    expect([...back.keys()]).toEqual(['a.md', 'src/x.ts']);
    expect(back.get('a.md')).toEqual(JSON.parse(JSON.stringify(rows.get('a.md'))));
    expect(back.get('src/x.ts')).toEqual({ size: 1, mtime: 1, hash: 'h', summary: null });
  });

  it('counts as empty under another fingerprint, or when missing, truncated or not an index', () => {
    const bytes = encodeNoteIndex('settings-A', new Map([['a.md', { size: 1, mtime: 1, hash: 'h', summary: null }]]));
    expect(decodeNoteIndex(bytes, 'settings-A')?.size).toBe(1);
    expect(decodeNoteIndex(bytes, 'settings-B')).toBeNull();
    expect(decodeNoteIndex(null, 'settings-A')).toBeNull();
    expect(decodeNoteIndex(bytes.subarray(0, bytes.length - 3), 'settings-A')).toBeNull();
    expect(decodeNoteIndex(new TextEncoder().encode('[1,2,3]'), 'settings-A')).toBeNull();
    expect(decodeNoteIndex(new TextEncoder().encode('{"fingerprint":"settings-A","files":{"a.md":["x"]}}'), 'settings-A')).toBeNull();
  });
});
