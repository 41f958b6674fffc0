import { describe, expect, it } from 'vitest';
import { canvasLinks } from '../../../core/links/canvasLinks.js';
import { frontmatterLinks } from '../../../core/links/frontmatterLinks.js';
import { parseNote } from '../../../core/markdown/parseNote.js';
import { targetsOf, workspaceOf } from './helpers.js';

describe('frontmatter links (Obsidian’s frontmatterLinks)', () => {
  const text = [
    '---',
    'up: "[[Parent]]"',
    'related:',
    '  - "[[A#Sec|shown]]"',
    '  - "[[A#Sec|shown]]"',
    '  - plain text',
    'nested:',
    '  deeper: ["[[#Local]]"]',
    'prose: "see [[NotALink]] here"',
    'number: 3',
    '---',
    'body [[Body]]',
  ].join('\n');

  it('takes string values that are one whole wikilink, at any depth', () => {
    const links = frontmatterLinks(parseNote('n.md', text));
    expect(links.map((l) => [l.target, l.subpath, l.alias])).toEqual([
      ['Parent', null, null],
      ['A', 'Sec', 'shown'],
      ['A', 'Sec', 'shown'],
      ['', 'Local', null],
    ]);
  });

  it('locates each at its own occurrence in the YAML', () => {
    const links = frontmatterLinks(parseNote('n.md', text));
    expect(links.map((l) => [l.range.start.line, l.range.start.character])).toEqual([
      [1, 5],
      [3, 5],
      [4, 5],
      [7, 12],
    ]);
  });

  it('count in the index before the body links', () => {
    const w = workspaceOf({ 'n.md': text, 'Parent.md': '', 'A.md': '', 'Body.md': '' });
    expect(targetsOf(w, 'n.md').map(([, t]) => t)).toEqual(['Parent.md', 'A.md', 'A.md', 'n.md', 'Body.md']);
  });

  it('invalid YAML has no frontmatter links', () => {
    expect(frontmatterLinks(parseNote('n.md', '---\nup: "[[A]]\n  bad: [\n---\n'))).toEqual([]);
  });
});

describe('canvas links', () => {
  const canvas = JSON.stringify(
    {
      nodes: [
        { id: 'card1', type: 'text', text: 'See [[Note]] and [x](Other.md) and [web](https://x.org)' },
        { id: 'card2', type: 'file', file: 'folder/pic.png' },
        { id: 'card3', type: 'file', file: 'Note.md', subpath: '#Part' },
        { id: 'card4', type: 'link', url: 'https://example.com' },
        { id: 'card5', type: 'group', label: '[[NotALink]]' },
      ],
      edges: [],
    },
    null,
    '\t',
  );

  it('reads text cards as markdown and file cards as embeds', () => {
    expect(canvasLinks(canvas).map((l) => [l.kind, l.target, l.subpath, l.external])).toEqual([
      ['wikilink', 'Note', null, false],
      ['markdown', 'Other.md', null, false],
      ['markdown', 'https://x.org', null, true],
      ['embed', 'folder/pic.png', null, false],
      ['embed', 'Note.md', 'Part', false],
    ]);
  });

  it('locates links at their card', () => {
    const lines = canvas.split('\n');
    const [first, , , file] = canvasLinks(canvas);
    expect(lines[first!.range.start.line]).toContain('"card1"');
    expect(lines[file!.range.start.line]).toContain('"card2"');
  });

  it('a broken canvas has no links, and never throws', () => {
    expect(canvasLinks('{ not json')).toEqual([]);
    expect(canvasLinks('null')).toEqual([]);
    expect(canvasLinks('{"nodes": [null, 3, {"type": "text"}]}')).toEqual([]);
  });

  it('is a source in the index; external URLs are left out', () => {
    const w = workspaceOf({ 'b.canvas': canvas, 'Note.md': '', 'Other.md': '', 'folder/pic.png': '' });
    expect(w.linkIndex().resolvedLinks()['b.canvas']).toEqual({ 'Note.md': 2, 'Other.md': 1, 'folder/pic.png': 1 });
  });
});
