import { describe, expect, it } from 'vitest';
import { linksOf, md, parse } from './helpers.js';

const wiki = (target: string, subpath: string | null = null, alias: string | null = null) => ({
  kind: 'wikilink',
  target,
  subpath,
  alias,
  external: false,
});

describe('wikilinks and embeds', () => {
  it.each([
    ['[[Note]]', [wiki('Note')]],
    ['[[Note|Alias]]', [wiki('Note', null, 'Alias')]],
    ['[[Note#Heading]]', [wiki('Note', 'Heading')]],
    ['[[Note#Heading#Sub|Alias]]', [wiki('Note', 'Heading#Sub', 'Alias')]],
    ['[[#Local heading]]', [wiki('', 'Local heading')]],
    ['[[Note#^block]]', [wiki('Note', '^block')]],
    ['[[#^block|x]]', [wiki('', '^block', 'x')]],
    ['[[a|b|c]]', [wiki('a', null, 'b|c')]],
    ['[[a||b]]', [wiki('a', null, '|b')]],
    ['[[|alias]]', [wiki('|alias')]],
    ['[[folder/Note.md]]', [wiki('folder/Note.md')]],
    ['[[Note\\|Alias]]', [wiki('Note', null, 'Alias')]],
    ['[[]]', []],
    ['[[ ]]', []],
    ['[[unclosed', []],
    ['[[a [[b]]', [wiki('b')]],
    ['\\[\\[escaped\\]\\]', []],
    ['`[[code]]`', []],
    ['[[a]] and [[b]]', [wiki('a'), wiki('b')]],
  ])('%j', (text, expected) => {
    expect(linksOf(text)).toEqual(expected);
  });

  it('reads embeds', () => {
    expect(linksOf('![[image.png|100]] ![[Note#Sec]]')).toEqual([
      { kind: 'embed', target: 'image.png', subpath: null, alias: '100', external: false },
      { kind: 'embed', target: 'Note', subpath: 'Sec', alias: null, external: false },
    ]);
  });

  it('keeps the raw text and range', () => {
    const [link] = parse('x ![[a#b|c]] y').links;
    expect(link).toMatchObject({ raw: '![[a#b|c]]', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 12 } } });
  });
});

describe('markdown links and images', () => {
  const mdLink = (target: string, subpath: string | null, alias: string | null, external = false, kind = 'markdown') => ({
    kind,
    target,
    subpath,
    alias,
    external,
  });

  it.each([
    ['[text](Note.md)', [mdLink('Note.md', null, 'text')]],
    ['[text](Note.md#Heading)', [mdLink('Note.md', 'Heading', 'text')]],
    ['[text](My%20Note.md)', [mdLink('My Note.md', null, 'text')]],
    ['[text](<My Note.md>)', [mdLink('My Note.md', null, 'text')]],
    ['[text](bad%ZZescape.md)', [mdLink('bad%ZZescape.md', null, 'text')]],
    ['[text](Note.md "Title")', [mdLink('Note.md', null, 'text')]],
    ["[text](Note.md 'Title')", [mdLink('Note.md', null, 'text')]],
    ['[text](Note.md (Title))', [mdLink('Note.md', null, 'text')]],
    ['[text](a_(b).md)', [mdLink('a_(b).md', null, 'text')]],
    ['[text](a_(b)_(c(d)).md)', [mdLink('a_(b)_(c(d)).md', null, 'text')]],
    ['[text]( Note.md )', [mdLink('Note.md', null, 'text')]],
    ['[text](https://example.com/a#b)', [mdLink('https://example.com/a#b', null, 'text', true)]],
    ['[mail](mailto:a@b.c)', [mdLink('mailto:a@b.c', null, 'mail', true)]],
    ['[o](obsidian://open?vault=x)', [mdLink('obsidian://open?vault=x', null, 'o', true)]],
    ['![alt](img.png)', [mdLink('img.png', null, 'alt', false, 'markdown-embed')]],
    ['![](https://x.org/i.png)', [mdLink('https://x.org/i.png', null, null, true, 'markdown-embed')]],
    ['[![img](i.png)](Note.md)', [mdLink('Note.md', null, '![img](i.png)'), mdLink('i.png', null, 'img', false, 'markdown-embed')]],
    ['[a [nested] b](x.md)', [mdLink('x.md', null, 'a [nested] b')]],
    ['[]()', []],
    ['[alias]()', []],
    ['[text] (Note.md)', []],
    ['[text](Note.md', []],
    ['[text](a b.md)', []],
    ['[text](<a>b>)', []],
    ['\\[text](Note.md)', []],
    ['`[text](Note.md)`', []],
    ['[text](a\\)b.md)', [mdLink('a)b.md', null, 'text')]],
  ])('%j', (text, expected) => {
    const sorted = (xs: object[]) => [...xs].map((x) => JSON.stringify(x)).sort();
    expect(sorted(linksOf(text))).toEqual(sorted(expected));
  });

  it('orders links by position across kinds', () => {
    expect(parse('[a](a.md) [[b]] ![c](c.png) ![[d]]').links.map((l) => l.raw)).toEqual([
      '[a](a.md)',
      '[[b]]',
      '![c](c.png)',
      '![[d]]',
    ]);
  });

  it('finds links in every kind of block but code and comments', () => {
    const text = md(
      '# [[h]]',
      '> [[q]]',
      '- [ ] [[t]]',
      '| [[cell]] | x |',
      '```',
      '[[code]]',
      '```',
      'a <!-- [[c1]] --> b %% [[c2]] %%',
    );
    expect(parse(text).links.map((l) => l.target)).toEqual(['h', 'q', 't', 'cell']);
  });
});
