import { describe, expect, it } from 'vitest';
import { LinkIndex } from '../../../core/links/linkIndex.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { workspaceOf } from './helpers.js';

/** What a fresh index built from the workspace's current files says. */
function rebuilt(workspace: Workspace) {
  const fresh = LinkIndex.build(workspace.files());
  return { resolved: fresh.resolvedLinks(), unresolved: fresh.unresolvedLinks() };
}

function maps(workspace: Workspace) {
  const index = workspace.linkIndex();
  return { resolved: index.resolvedLinks(), unresolved: index.unresolvedLinks() };
}

/** Every file's total of links leading to it (completion's popularity), by the kept index and by a rebuild. */
function linkedTimes(workspace: Workspace) {
  const count = (index: LinkIndex) => Object.fromEntries([...workspace.files()].map((f) => [f.path, index.backlinkCount(f.path)]).filter(([, n]) => n !== 0));
  return { kept: count(workspace.linkIndex()), rebuilt: count(LinkIndex.build(workspace.files())) };
}

describe('LinkIndex: the shape of Obsidian’s resolvedLinks / unresolvedLinks', () => {
  const workspace = workspaceOf({
    'a.md': '[[b]] [[b#x]] ![[pic.png]] [[missing]] [[missing|again]] [[Missing]]',
    'b.md': '[[a]] [[#top]]',
    'lonely.md': 'no links',
    'pic.png': '',
    'src/tool.ts': '// [[a]] is not a note link',
    'board.canvas': JSON.stringify({ nodes: [{ id: 'n1', type: 'text', text: 'see [[b]]' }, { id: 'n2', type: 'file', file: 'pic.png' }] }),
  });

  it('counts per source: every note and canvas is a key, even with {}', () => {
    expect(maps(workspace)).toEqual({
      resolved: {
        'a.md': { 'b.md': 2, 'pic.png': 1 },
        'b.md': { 'a.md': 1, 'b.md': 1 },
        'board.canvas': { 'b.md': 1, 'pic.png': 1 },
        'lonely.md': {},
      },
      unresolved: { 'a.md': { missing: 2, Missing: 1 }, 'b.md': {}, 'board.canvas': {}, 'lonely.md': {} },
    });
  });

  it('backlinks per file', () => {
    const index = workspace.linkIndex();
    expect(Object.fromEntries(index.backlinks('b.md'))).toEqual({ 'a.md': 2, 'b.md': 1, 'board.canvas': 1 });
    expect(Object.fromEntries(index.backlinks('pic.png'))).toEqual({ 'a.md': 1, 'board.canvas': 1 });
    expect(index.backlinks('lonely.md').size).toBe(0);
    expect([index.backlinkCount('b.md'), index.backlinkCount('pic.png'), index.backlinkCount('lonely.md')]).toEqual([4, 2, 0]);
  });

  it('outgoing links keep the link as written and where it resolves', () => {
    const out = workspace.linkIndex().outgoing('a.md');
    expect(out.map((o) => [o.link.raw, o.target])).toEqual([
      ['[[b]]', 'b.md'],
      ['[[b#x]]', 'b.md'],
      ['![[pic.png]]', 'pic.png'],
      ['[[missing]]', null],
      ['[[missing|again]]', null],
      ['[[Missing]]', null],
    ]);
  });
});

describe('LinkIndex: incremental updates agree with a rebuild', () => {
  it('a note that changes costs its own links', () => {
    const w = workspaceOf({ 'a.md': '[[b]]', 'b.md': '' });
    w.linkIndex();
    w.setText('a.md', '[[b]] [[c]]');
    expect(maps(w)).toEqual(rebuilt(w));
    expect(maps(w).unresolved['a.md']).toEqual({ c: 1 });
  });

  it('a new file resolves the links that named it', () => {
    const w = workspaceOf({ 'a.md': '[[c]] [[x/c.md]] ![[c.png]] [[other]]', 'd/e.md': '[[C]]' });
    w.linkIndex();
    w.setText('x/c.md', '');
    expect(maps(w).resolved['a.md']).toEqual({ 'x/c.md': 2 });
    expect(maps(w).resolved['d/e.md']).toEqual({ 'x/c.md': 1 });
    w.setText('c.png', '');
    expect(maps(w)).toEqual(rebuilt(w));
  });

  it('a closer file takes over a link: same folder beats shorter path', () => {
    const w = workspaceOf({ 'deep/src.md': '[[N]]', 'a/N.md': '' });
    w.linkIndex();
    w.setText('deep/N.md', '');
    expect(maps(w).resolved['deep/src.md']).toEqual({ 'deep/N.md': 1 });
    w.setText('N.md', '');
    expect(maps(w).resolved['deep/src.md']).toEqual({ 'N.md': 1 });
    w.remove('N.md');
    w.remove('deep/N.md');
    expect(maps(w).resolved['deep/src.md']).toEqual({ 'a/N.md': 1 });
  });

  it('deleting a file makes its links unresolved and drops its own links', () => {
    const w = workspaceOf({ 'a.md': '[[b]]', 'b.md': '[[a]]' });
    w.linkIndex();
    w.remove('b.md');
    expect(maps(w)).toEqual({ resolved: { 'a.md': {} }, unresolved: { 'a.md': { b: 1 } } });
    expect(w.linkIndex().backlinks('a.md').size).toBe(0);
    expect(maps(w)).toEqual(rebuilt(w));
  });

  it('a rename moves the source and re-resolves both names', () => {
    const w = workspaceOf({ 'a.md': '[[b]] [[c]]', 'b.md': '[[#self]] [[a]]' });
    w.linkIndex();
    w.rename('b.md', 'folder/c.md');
    expect(maps(w)).toEqual({
      resolved: { 'a.md': { 'folder/c.md': 1 }, 'folder/c.md': { 'folder/c.md': 1, 'a.md': 1 } },
      unresolved: { 'a.md': { b: 1 }, 'folder/c.md': {} },
    });
    expect(maps(w)).toEqual(rebuilt(w));
  });

  it('random edits, additions, removals and renames always agree with a rebuild', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const names = ['a', 'b', 'c', 'A', 'x/a', 'x/b', 'y/c', 'x/y/a', 'pic.png', 'b.md'];
    const paths = ['a.md', 'b.md', 'x/a.md', 'x/b.md', 'y/c.md', 'x/y/a.md', 'X/A.md', 'pic.png', 'y/pic.png', 'b.md.md'];
    const w = workspaceOf({ 'a.md': '[[b]]' });
    w.linkIndex();
    for (let step = 0; step < 400; step++) {
      const path = paths[rand(paths.length)]!;
      const op = rand(10);
      if (op < 2) w.remove(path);
      else if (op < 3 && w.file(path)) w.rename(path, paths[rand(paths.length)]!);
      else {
        const links = Array.from({ length: rand(4) }, () => {
          const name = names[rand(names.length)]!;
          return rand(3) === 0 ? `[t](${encodeURI(name)})` : `[[${name}]]`;
        });
        w.setText(path, path.endsWith('.png') ? '' : links.join(' '));
      }
      expect(maps(w), `step ${step}`).toEqual(rebuilt(w));
      const times = linkedTimes(w);
      expect(times.kept, `step ${step}`).toEqual(times.rebuilt);
    }
  });
});
