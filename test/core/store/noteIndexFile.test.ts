import { describe, expect, it } from 'vitest';
import { decodeNoteIndex, encodeNoteIndex, storedNoteOfRow, type NoteIndexRow, type StoredNoteJson } from '../../../core/store/noteIndexFile.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

function storedOf(text: string) {
  const workspace = new Workspace(defaultTaskSettings());
  workspace.setText('a.md', text);
  return workspace.storedNote('a.md')!;
}

function json(stored: ReturnType<typeof storedOf>): StoredNoteJson {
  return { summary: JSON.stringify(stored.summary), outline: JSON.stringify(stored.outline) };
}

/** The row's summary and its outline, as a restore reads them. */
function readBack(row: NoteIndexRow) {
  const stored = storedNoteOfRow(row);
  return stored && { summary: stored.summary, outline: stored.outline() };
}

const encoder = new TextEncoder();

describe('the note index file', () => {
  it('round-trips rows, summaries with emoji, tabs and newlines included, and rows without a summary', () => {
    const stored = storedOf('---\ntitle: "a\\tb\\nc"\n---\n# Plan\n- [ ] ship 📅 2026-01-01 [[b]]\n');
    const rows = new Map<string, NoteIndexRow>([
      ['a.md', { size: 10, mtime: 5, hash: stored.summary.version, stored: json(stored) }],
      ['odd\tname\n.md', { size: 2, mtime: 3, hash: 'h2', stored: null }],
      ['src/x.ts', { size: 1, mtime: 1, hash: 'h', stored: null }],
    ]);
    const back = decodeNoteIndex(encodeNoteIndex('f1', rows), 'f1')!;
    expect([...back.keys()]).toEqual(['a.md', 'odd\tname\n.md', 'src/x.ts']);
    expect(back.get('a.md')).toMatchObject({ size: 10, mtime: 5, hash: stored.summary.version });
    expect(readBack(back.get('a.md')!)).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(stored.summary.linkTargets).toEqual(['b']);
    expect(back.get('src/x.ts')).toEqual({ size: 1, mtime: 1, hash: 'h', stored: null });
    expect(storedNoteOfRow(back.get('src/x.ts')!)).toBeNull();
  });

  it('an empty index round-trips', () => {
    expect(decodeNoteIndex(encodeNoteIndex('f', new Map()), 'f')?.size).toBe(0);
  });

  it('counts as empty under another fingerprint, or when missing, cut short or not an index', () => {
    const rows = new Map<string, NoteIndexRow>([
      ['a.md', { size: 1, mtime: 1, hash: 'h', stored: null }],
      ['b.md', { size: 1, mtime: 1, hash: 'h', stored: null }],
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
    // A row that is neither a note's two parts nor null.
    expect(decodeNoteIndex(encoder.encode(text.replace('"h"]\tnull', '"h"]\t{}')), 'settings-A')).toBeNull();
  });

  it('a summary that does not parse into one reads as none; an outline that does not, as an unusable outline', () => {
    const good = json(storedOf('- [ ] a [[b]]\n'));
    expect(storedNoteOfRow({ size: 1, mtime: 1, hash: 'h', stored: { ...good, summary: '{"version":' } })).toBeNull();
    expect(storedNoteOfRow({ size: 1, mtime: 1, hash: 'h', stored: { ...good, summary: '{"version":"v","tasks":[],"linkTargets":[3]}' } })).toBeNull();
    const badOutline = storedNoteOfRow({ size: 1, mtime: 1, hash: 'h', stored: { ...good, outline: '{"hadBom":false' } })!;
    expect(badOutline.summary.linkTargets).toEqual(['b']);
    expect(badOutline.outline()).toBeNull();
    expect(storedNoteOfRow({ size: 1, mtime: 1, hash: 'h', stored: { ...good, outline: '{"hadBom":false}' } })!.outline()).toBeNull();
  });
});

describe('the note index file is ASCII', () => {
  it('escapes every other character, in paths, summaries and the fingerprint, and reads them back', () => {
    const stored = storedOf('# Plän 🚀\n- [ ] ship 📅 2026-01-01 [[Café]] \uD800 lone\n');
    const rows = new Map<string, NoteIndexRow>([['Notizen/Café ☕.md', { size: 10, mtime: 5, hash: stored.summary.version, stored: json(stored) }]]);
    const bytes = encodeNoteIndex('settings ✅', rows);
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    const back = decodeNoteIndex(bytes, 'settings ✅')!;
    expect([...back.keys()]).toEqual(['Notizen/Café ☕.md']);
    expect(readBack(back.get('Notizen/Café ☕.md')!)).toEqual(JSON.parse(JSON.stringify(stored)));
    expect(decodeNoteIndex(bytes, 'settings ☑')).toBeNull();
  });
});
