import { describe, expect, it } from 'vitest';
import { decodeNoteIndex, encodeNoteIndex, summaryOfRow, type NoteIndexRow } from '../../../core/store/noteIndexFile.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

function summaryOf(text: string) {
  const workspace = new Workspace(defaultTaskSettings());
  workspace.setText('a.md', text);
  return workspace.summary('a.md');
}

const encoder = new TextEncoder();

describe('the note index file', () => {
  it('round-trips rows, summaries with emoji, tabs and newlines included, and rows without a summary', () => {
    const summary = summaryOf('---\ntitle: "a\\tb\\nc"\n---\n# Plan\n- [ ] ship 📅 2026-01-01 [[b]]\n');
    const rows = new Map<string, NoteIndexRow>([
      ['a.md', { size: 10, mtime: 5, hash: summary!.version, summaryJson: JSON.stringify(summary) }],
      ['odd\tname\n.md', { size: 2, mtime: 3, hash: 'h2', summaryJson: null }],
      ['src/x.ts', { size: 1, mtime: 1, hash: 'h', summaryJson: null }],
    ]);
    const back = decodeNoteIndex(encodeNoteIndex('f1', rows), 'f1')!;
    expect([...back.keys()]).toEqual(['a.md', 'odd\tname\n.md', 'src/x.ts']);
    expect(back.get('a.md')).toMatchObject({ size: 10, mtime: 5, hash: summary!.version });
    expect(summaryOfRow(back.get('a.md')!)).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(back.get('src/x.ts')).toEqual({ size: 1, mtime: 1, hash: 'h', summaryJson: null });
    expect(summaryOfRow(back.get('src/x.ts')!)).toBeNull();
  });

  it('an empty index round-trips', () => {
    expect(decodeNoteIndex(encodeNoteIndex('f', new Map()), 'f')?.size).toBe(0);
  });

  it('counts as empty under another fingerprint, or when missing, cut short or not an index', () => {
    const rows = new Map([
      ['a.md', { size: 1, mtime: 1, hash: 'h', summaryJson: null }],
      ['b.md', { size: 1, mtime: 1, hash: 'h', summaryJson: null }],
    ]);
    const bytes = encodeNoteIndex('settings-A', rows);
    expect(decodeNoteIndex(bytes, 'settings-A')?.size).toBe(2);
    expect(decodeNoteIndex(bytes, 'settings-B')).toBeNull();
    expect(decodeNoteIndex(null, 'settings-A')).toBeNull();
    // A torn write: every cut before the final newline is refused as a whole.
    for (let cut = 1; cut < bytes.length; cut++) expect(decodeNoteIndex(bytes.subarray(0, cut), 'settings-A')).toBeNull();
    expect(decodeNoteIndex(encoder.encode('[1,2,3]'), 'settings-A')).toBeNull();
    // The previous format (one JSON document) is not this one: every note is then parsed again.
    expect(decodeNoteIndex(encoder.encode('{"fingerprint":"settings-A","files":{}}'), 'settings-A')).toBeNull();
    const text = new TextDecoder().decode(bytes);
    expect(decodeNoteIndex(encoder.encode(text.replace('["a.md",1,1,"h"]', '["a.md","1",1,"h"]')), 'settings-A')).toBeNull();
    expect(decodeNoteIndex(encoder.encode(text.replace('end\t2', 'end\t3')), 'settings-A')).toBeNull();
  });

  it('a summary whose JSON does not parse reads as none', () => {
    expect(summaryOfRow({ size: 1, mtime: 1, hash: 'h', summaryJson: '{"version":' })).toBeNull();
  });
});

describe('the note index file is ASCII', () => {
  it('escapes every other character, in paths, summaries and the fingerprint, and reads them back', () => {
    const summary = summaryOf('# Plän 🚀\n- [ ] ship 📅 2026-01-01 [[Café]] \uD800 lone\n');
    const rows = new Map<string, NoteIndexRow>([['Notizen/Café ☕.md', { size: 10, mtime: 5, hash: summary!.version, summaryJson: JSON.stringify(summary) }]]);
    const bytes = encodeNoteIndex('settings ✅', rows);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const back = decodeNoteIndex(bytes, 'settings ✅')!;
    expect([...back.keys()]).toEqual(['Notizen/Café ☕.md']);
    expect(summaryOfRow(back.get('Notizen/Café ☕.md')!)).toEqual(JSON.parse(JSON.stringify(summary)));
    expect(decodeNoteIndex(bytes, 'settings ☑')).toBeNull();
  });
});
