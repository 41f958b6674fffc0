import { describe, expect, it } from 'vitest';
import { md, parse, tagsOf } from './helpers.js';

describe('inline tags (Obsidian rules)', () => {
  it.each([
    ['#tag', ['#tag']],
    ['text #tag more', ['#tag']],
    ['#a/b/c', ['#a/b/c']],
    ['#with_underscore-and-dash', ['#with_underscore-and-dash']],
    ['#123', []],
    ['#123a #a123 #1/2', ['#123a', '#a123', '#1/2']],
    ['#élan #日本語 #emoji🎉', ['#élan', '#日本語', '#emoji🎉']],
    ['a#tag', []],
    ['(#tag)', []],
    ['#tag, #next.', ['#tag', '#next']],
    ['#tag!x', ['#tag']],
    ["#it's", ['#it']],
    ['#a#b', ['#a']],
    ['# heading', []],
    ['##', []],
    ['#', []],
    ['\\#escaped', []],
    ['`#code` #real', ['#real']],
    ['https://example.com/#anchor', []],
    ['[[Note#heading]] [[#local]]', []],
    ['[text](note.md#heading) [see #inlink](x)', ['#inlink']],
    ['tab\t#tag', ['#tag']],
    ['#zero\u200bwidth', ['#zero']],
    ['\u200b#notag', []],
    ['#tag\u3000after', ['#tag']],
  ])('%j', (text, expected) => {
    expect(tagsOf(text)).toEqual(expected);
  });

  it('finds tags in headings, list items, tasks, blockquotes and callouts', () => {
    expect(tagsOf(md('## Heading #h', '- item #i', '- [ ] task #t', '> quote #q', '> [!note] #c', '>#tight'))).toEqual([
      '#h',
      '#i',
      '#t',
      '#q',
      '#c',
      '#tight',
    ]);
  });

  it('gives each tag its range', () => {
    expect(parse('- [ ] #task done').tags[0]).toEqual({
      tag: '#task',
      range: { start: { line: 0, character: 6 }, end: { line: 0, character: 11 } },
      source: 'inline',
    });
  });

  it('lists frontmatter tags first, then inline tags in order', () => {
    expect(parse(md('---', 'tags: fm', '---', '#b', '#a')).tags.map((t) => `${t.source}:${t.tag}`)).toEqual([
      'frontmatter:#fm',
      'inline:#b',
      'inline:#a',
    ]);
  });
});
