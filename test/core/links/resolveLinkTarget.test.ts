import { describe, expect, it } from 'vitest';
import { resolveLinkTarget } from '../../../core/links/resolveLinkTarget.js';
import { VaultFiles } from '../../../core/links/vaultFiles.js';
import { resolve } from './helpers.js';

function vaultOf(...paths: string[]): VaultFiles {
  const vault = new VaultFiles();
  for (const p of paths) vault.add(p);
  return vault;
}

describe('resolveLinkTarget: the path as written', () => {
  const vault = vaultOf('Note.md', 'a/b/Deep.md', 'a/Note.md', 'img/pic.png', 'x/Doc.pdf');

  it.each([
    ['Note', 'Note.md'],
    ['Note.md', 'Note.md'],
    ['a/Note', 'a/Note.md'],
    ['a/b/Deep', 'a/b/Deep.md'],
    ['a/b/Deep.md', 'a/b/Deep.md'],
    ['img/pic.png', 'img/pic.png'],
  ])('%s → %s', (target, expected) => {
    expect(resolveLinkTarget(target, 'z/from.md', vault)).toBe(expected);
  });

  it('prefers the file written exactly over appending .md (a file without extension exists)', () => {
    expect(resolveLinkTarget('Note', 'from.md', vaultOf('Note', 'Note.md'))).toBe('Note');
  });

  it('is case-insensitive, extension included, but an exact-case file wins', () => {
    expect(resolveLinkTarget('nOTE', 'from.md', vault)).toBe('Note.md');
    expect(resolveLinkTarget('A/B/deep.MD', 'from.md', vault)).toBe('a/b/Deep.md');
    expect(resolveLinkTarget('x/doc.PDF', 'from.md', vault)).toBe('x/Doc.pdf');
    expect(resolveLinkTarget('note', 'from.md', vaultOf('NOTE.md', 'note.md'))).toBe('note.md');
  });

  it('an exact vault path beats a file beside the note', () => {
    expect(resolveLinkTarget('Note', 'a/from.md', vaultOf('Note.md', 'a/Note.md'))).toBe('Note.md');
  });
});

describe('resolveLinkTarget: vault-absolute and relative paths', () => {
  const vault = vaultOf('top.md', 'a/top.md', 'a/b/sib.md', 'a/c/far.md', 'a/b/sub/child.md');

  it('a leading / means the vault root and nothing else', () => {
    expect(resolveLinkTarget('/top', 'a/b/from.md', vault)).toBe('top.md');
    expect(resolveLinkTarget('/sib', 'a/b/from.md', vault)).toBeNull();
    expect(resolveLinkTarget('/a/b/sib.md', 'x.md', vault)).toBe('a/b/sib.md');
  });

  it('./ and ../ are relative to the note’s folder, and never fall back to a name search', () => {
    expect(resolveLinkTarget('./sib', 'a/b/from.md', vault)).toBe('a/b/sib.md');
    expect(resolveLinkTarget('../c/far', 'a/b/from.md', vault)).toBe('a/c/far.md');
    expect(resolveLinkTarget('../../top.md', 'a/b/from.md', vault)).toBe('top.md');
    expect(resolveLinkTarget('./far', 'a/b/from.md', vault)).toBeNull();
    expect(resolveLinkTarget('../../../top', 'a/b/from.md', vault)).toBeNull();
  });

  it('a folder path relative to the note resolves', () => {
    expect(resolveLinkTarget('sub/child', 'a/b/from.md', vault)).toBe('a/b/sub/child.md');
  });

  it('a path that ends in a folder or climbs out is unresolved', () => {
    expect(resolveLinkTarget('a/', 'x.md', vault)).toBeNull();
    expect(resolveLinkTarget('a/..', 'x.md', vault)).toBeNull();
  });
});

describe('resolveLinkTarget: by name anywhere in the vault', () => {
  it('a bare name finds the note in any folder', () => {
    expect(resolveLinkTarget('Deep', 'x.md', vaultOf('a/b/Deep.md'))).toBe('a/b/Deep.md');
  });

  it('a partial path matches whole trailing segments only', () => {
    const vault = vaultOf('a/b/Note.md', 'ab/Note2.md');
    expect(resolveLinkTarget('b/Note', 'x.md', vault)).toBe('a/b/Note.md');
    expect(resolveLinkTarget('B/note.md', 'x.md', vault)).toBe('a/b/Note.md');
    expect(resolveLinkTarget('/b/Note', 'x.md', vault)).toBeNull();
    expect(resolveLinkTarget('c/Note', 'x.md', vault)).toBeNull();
    expect(resolveLinkTarget('b/Note', 'x.md', vaultOf('ab/Note.md'))).toBeNull();
  });

  it('ties: the note’s own folder first (an ancestor counts for nothing), then the shortest path, then code-unit order', () => {
    const vault = vaultOf('zzzz/Note.md', 'a/b/Note.md', 'b/Note.md', 'q/deep/Note.md');
    expect(resolveLinkTarget('Note', 'q/deep/from.md', vault)).toBe('q/deep/Note.md');
    expect(resolveLinkTarget('Note', 'zzzz/deep/from.md', vault)).toBe('b/Note.md');
    expect(resolveLinkTarget('Note', 'from.md', vaultOf('zzzz/Note.md', 'a/b/Note.md'))).toBe('a/b/Note.md');
    expect(resolveLinkTarget('Note', 'from.md', vaultOf('bb/Note.md', 'aa/Note.md'))).toBe('aa/Note.md');
  });

  it('non-markdown files are targets by their full name only', () => {
    const vault = vaultOf('assets/pic.png', 'docs/a.pdf', 'board.canvas', 'views/x.base');
    expect(resolveLinkTarget('pic.png', 'n.md', vault)).toBe('assets/pic.png');
    expect(resolveLinkTarget('a.pdf', 'n.md', vault)).toBe('docs/a.pdf');
    expect(resolveLinkTarget('board.canvas', 'n.md', vault)).toBe('board.canvas');
    expect(resolveLinkTarget('x.base', 'n.md', vault)).toBe('views/x.base');
    expect(resolveLinkTarget('pic', 'n.md', vault)).toBeNull();
    expect(resolveLinkTarget('board', 'n.md', vault)).toBeNull();
  });

  it('an empty path is the note itself', () => {
    expect(resolveLinkTarget('', 'a/n.md', vaultOf('a/n.md'))).toBe('a/n.md');
  });
});

describe('link forms, through the workspace', () => {
  it('[[#heading]], [[#^block]] and [text](#heading) link the note to itself', () => {
    expect(resolve({ 'n.md': '[[#Heading]]' }, 'n.md')).toBe('n.md');
    expect(resolve({ 'n.md': '[[#^block|x]]' }, 'n.md')).toBe('n.md');
    expect(resolve({ 'n.md': '[x](#Heading)' }, 'n.md')).toBe('n.md');
  });

  it('[[]] and []() are not links at all (Obsidian counts neither)', () => {
    expect(resolve({ 'n.md': '[[]] [[a]]', 'a.md': '' }, 'n.md')).toBe('a.md');
    expect(resolve({ 'n.md': '[x]() [[a]]', 'a.md': '' }, 'n.md')).toBe('a.md');
  });

  it('[[^block]] without # is a name, as Obsidian parses it: unresolved', () => {
    expect(resolve({ 'n.md': 'para ^block\n\n[[^block]]' }, 'n.md')).toBeNull();
  });

  it('subpaths and aliases do not change the target', () => {
    const files = { 'n.md': '', 'other.md': '' };
    expect(resolve({ ...files, 'x.md': '[[other#Sec#Sub|shown]]' }, 'x.md')).toBe('other.md');
    expect(resolve({ ...files, 'x.md': '![[other#^blk]]' }, 'x.md')).toBe('other.md');
  });

  it('markdown links: URL-decoded, angle brackets, relative, or by name', () => {
    const files = { 'Sub/My Note.md': '', 'Sub/from.md': '' };
    expect(resolve({ ...files, 'x.md': '[a](Sub/My%20Note.md)' }, 'x.md')).toBe('Sub/My Note.md');
    expect(resolve({ ...files, 'x.md': '[a](<Sub/My Note.md>)' }, 'x.md')).toBe('Sub/My Note.md');
    expect(resolve({ ...files, 'x.md': '[a](My%20Note.md#Part)' }, 'x.md')).toBe('Sub/My Note.md');
    expect(resolve({ ...files, 'x.md': '[a](My%20Note)' }, 'x.md')).toBe('Sub/My Note.md');
    expect(resolve({ ...files, 'Sub/y.md': '[a](./My%20Note.md)' }, 'Sub/y.md')).toBe('Sub/My Note.md');
    expect(resolve({ ...files, 'Sub/y.md': '![i](../pic.png)', 'pic.png': '' }, 'Sub/y.md')).toBe('pic.png');
  });

  it('external URLs are not links; a wikilink to a URL is an unresolved name, as in Obsidian', () => {
    const w = { 'x.md': '[a](https://example.com/a.md) <https://x.org> [m](mailto:a@b.c) [[https://example.com]]' };
    expect(resolve(w, 'x.md')).toBeNull();
  });

  it('frontmatter aliases do not resolve links (Obsidian lists [[Alias]] as unresolved)', () => {
    const files = { 'Real Name.md': '---\naliases: [Nick]\n---\n', 'x.md': '[[Nick]]' };
    expect(resolve(files, 'x.md')).toBeNull();
  });
});
