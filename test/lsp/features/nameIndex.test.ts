import { describe, expect, it } from 'vitest';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';
import { NameIndex } from '../../../language-server/features/completion/nameIndex.js';

/** A workspace and a NameIndex told about every change, as the server wires them. */
function setup(files: Record<string, string>) {
  const workspace = new Workspace(defaultTaskSettings());
  for (const [path, text] of Object.entries(files)) workspace.setText(path, text);
  const names = new NameIndex();
  const set = (path: string, text: string) => {
    workspace.setText(path, text);
    names.invalidate([path]);
  };
  const remove = (path: string) => {
    workspace.remove(path);
    names.invalidate([path]);
  };
  // Popularity (how often a note is linked) is the link index's, kept as links change.
  const popularity = (path: string) => workspace.linkIndex().backlinkCount(path);
  const labels = () => names.all(workspace).map((e) => e.alias ?? e.title).sort();
  return { workspace, names, set, remove, popularity, labels };
}

describe('NameIndex', () => {
  it('keeps backlink counts current through edits of the linking note', () => {
    const v = setup({ 'A.md': '# A', 'C.md': '# C', 'B.md': 'see [[A]]', 'D.md': 'see [[C]]' });
    expect(v.popularity('A.md')).toBe(1);
    expect(v.popularity('C.md')).toBe(1);
    v.set('B.md', 'see [[A]] and [[A]] and [[C]]');
    expect([v.popularity('A.md'), v.popularity('C.md')]).toEqual([2, 2]);
    v.set('B.md', 'see [[C]]');
    expect([v.popularity('A.md'), v.popularity('C.md')]).toEqual([0, 2]);
    v.set('B.md', 'nothing linked');
    expect([v.popularity('A.md'), v.popularity('C.md')]).toEqual([0, 1]);
  });

  it('counts links that a new note resolves, and forgets those of a removed one', () => {
    const v = setup({ 'B.md': 'see [[E]]', 'A.md': '# A' });
    expect(v.popularity('E.md')).toBe(0);
    v.set('E.md', '# E');
    expect(v.popularity('E.md')).toBe(1);
    v.remove('B.md');
    expect(v.popularity('E.md')).toBe(0);
  });

  it('follows names and aliases as notes are edited, added and removed', () => {
    const v = setup({ 'A.md': '# A', 'B.md': '# B' });
    expect(v.labels()).toEqual(['A', 'B']);
    v.set('B.md', '---\naliases: [Bee]\n---\n# B');
    expect(v.labels()).toEqual(['A', 'B', 'Bee']);
    v.set('B.md', '---\naliases: [Bea]\n---\n# B');
    expect(v.labels()).toEqual(['A', 'B', 'Bea']);
    // The entries carry the note as it is now, not as it was when first indexed.
    expect(v.names.all(v.workspace).find((e) => e.alias === 'Bea')?.file.text).toContain('Bea');
    v.set('C.md', '# C');
    v.remove('A.md');
    expect(v.labels()).toEqual(['B', 'Bea', 'C']);
  });

  it('gathers the names in slices, taking in what changed meanwhile', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`n${i}.md`] = i % 3 === 0 ? `---\naliases: [Alias ${i}]\n---\n` : '';
    const v = setup(files);
    let steps = 0;
    while (!v.names.prepareSlice(v.workspace, () => true)) {
      if (++steps === 5) {
        v.set('n1.md', '---\naliases: [Renamed]\n---\n');
        v.remove('n2.md');
        v.set('late.md', '');
      }
    }
    expect(steps).toBeGreaterThan(10);
    const fresh = new NameIndex();
    const labelsOf = (names: NameIndex) => names.all(v.workspace).map((e) => e.alias ?? e.title).sort();
    expect(labelsOf(v.names)).toEqual(labelsOf(fresh));
    expect(labelsOf(v.names)).toContain('Renamed');
    expect(labelsOf(v.names)).not.toContain('n2');
  });

  it('makes the flat list in slices too, and starts it over when a name changes meanwhile', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) files[`n${i}.md`] = i % 3 === 0 ? `---\naliases: [Alias ${i}]\n---\n` : '';
    const labelsOf = (names: NameIndex, v: ReturnType<typeof setup>) => names.all(v.workspace).map((e) => e.alias ?? e.title).sort();
    for (const changeAt of [null, 33, 40]) {
      const v = setup(files);
      let steps = 0;
      // 30 files gathered a step each, then the list flattened a file a step.
      while (!v.names.prepareSlice(v.workspace, () => true)) {
        if (++steps === changeAt) {
          v.set('n1.md', '---\naliases: [Renamed]\n---\n');
          v.set('late.md', '');
        }
      }
      expect(steps).toBeGreaterThan(changeAt === null ? 50 : 30);
      expect(labelsOf(v.names, v)).toEqual(labelsOf(new NameIndex(), v));
      // The slots made by the slices let an edit in place replace the note's entries.
      v.set('n3.md', '---\naliases: [Edited]\n---\n');
      expect(labelsOf(v.names, v)).toEqual(labelsOf(new NameIndex(), v));
      expect(labelsOf(v.names, v)).toContain('Edited');
    }
  });
});
