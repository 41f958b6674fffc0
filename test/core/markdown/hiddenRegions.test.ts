import { describe, expect, it } from 'vitest';
import { md, parse } from './helpers.js';

/** Everything that could count: if any of it shows up, a hidden region leaked. */
const PAYLOAD = '- [ ] task #tag [[link]] [m](m.md) ^blk';
const found = (text: string) => {
  const n = parse(text);
  return { items: n.listItems.length, tags: n.tags.length, links: n.links.length, headings: n.headings.length, blocks: n.blockIds.length };
};
const nothing = { items: 0, tags: 0, links: 0, headings: 0, blocks: 0 };

describe('nothing counts inside code or comments', () => {
  it.each([
    ['backtick fence', md('```', PAYLOAD, '# h', '```')],
    ['tilde fence', md('~~~', PAYLOAD, '~~~')],
    ['longer fence closes only with as many', md('````md', '```', PAYLOAD, '```', '````')],
    ['fence with info string', md('```tasks', 'not done', PAYLOAD, '```')],
    ['unclosed fence runs to the end', md('```', PAYLOAD, '', PAYLOAD)],
    ['indented fence', md('   ```', PAYLOAD, '   ```')],
    ['fence in a blockquote', md('> ```', '> ' + PAYLOAD, '> ```')],
    ['indented code', md('para', '', '    ' + PAYLOAD)],
    ['block %% comment', md('%%', PAYLOAD, '# h', '%%')],
    ['inline-opened %% comment', md('text %% start', PAYLOAD, 'end %%')],
    ['unclosed %% runs to the end', md('%%', PAYLOAD, '', PAYLOAD)],
    ['html comment block', md('<!--', PAYLOAD, '# h', '-->')],
    ['one-line html comment', '<!-- ' + PAYLOAD + ' -->'],
    ['html comment spanning a blank line', md('<!-- start', '', PAYLOAD, '-->')],
  ])('%s', (_name, text) => {
    expect(found(text)).toEqual(nothing);
  });

  it('code blocks inside list items', () => {
    const n = parse(md('- [ ] a', '  ```', '  - [ ] b #tag', '  ```', '- [ ] c'));
    expect(n.listItems.map((i) => i.line)).toEqual([0, 4]);
    expect(n.tags).toEqual([]);
  });

  it('a fence in a list item ends with the item', () => {
    const n = parse(md('- a', '  ```', '  code #no', 'para #yes'));
    expect(n.tags.map((t) => t.tag)).toEqual(['#yes']);
  });

  it('a fence in a blockquote ends when the quote ends', () => {
    expect(parse(md('> ```', '> code #no', 'after #yes')).tags.map((t) => t.tag)).toEqual(['#yes']);
  });

  it('text resumes after a closing fence and comment', () => {
    const n = parse(md('```', 'x', '```', '#a', '%%', 'x', '%%', '#b', '<!--', '-->', '#c'));
    expect(n.tags.map((t) => t.tag)).toEqual(['#a', '#b', '#c']);
  });

  it('inline code with matching backtick runs', () => {
    const tags = (s: string) => parse(s).tags.map((t) => t.tag);
    expect(tags('`a` #yes `#no`')).toEqual(['#yes']);
    expect(tags('`` a ` #no ``')).toEqual([]);
    expect(tags('``` #no ```` #no ```')).toEqual([]);
    expect(tags('` unmatched #yes')).toEqual(['#yes']);
    expect(tags('`` #yes ` ')).toEqual(['#yes']);
  });

  it('inline comments hide only their span', () => {
    const n = parse('- [ ] #a <!-- #b [[x]] --> #c %% #d [[y]] %% #e');
    expect(n.tags.map((t) => t.tag)).toEqual(['#a', '#c', '#e']);
    expect(n.links).toEqual([]);
    expect(n.taskItems).toEqual([0]);
  });

  it('a task after a comment line is still a task', () => {
    expect(parse(md('%% note %%', '- [ ] task')).taskItems).toEqual([0]);
  });
});
