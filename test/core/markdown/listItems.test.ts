import { describe, expect, it } from 'vitest';
import { itemsOf, md, parse } from './helpers.js';

describe('list items: markers and checkboxes', () => {
  it.each([
    ['- a', '-', null],
    ['* a', '*', null],
    ['+ a', '+', null],
    ['1. a', '1.', null],
    ['12) a', '12)', null],
    ['- [ ] a', '-', ' '],
    ['- [x] a', '-', 'x'],
    ['- [X] a', '-', 'X'],
    ['* [/] a', '*', '/'],
    ['1. [-] a', '1.', '-'],
    ['1) [>] a', '1)', '>'],
    ['- [😀] emoji status', '-', '😀'],
    ['- [ ]', '-', ' '],
    ['- [ ]\ttab', '-', ' '],
  ])('%j → marker %j, checkbox %j', (text, marker, checkbox) => {
    const [item] = parse(text).listItems;
    expect(item).toMatchObject({ marker, checkbox, line: 0 });
  });

  it.each(['- [] a', '- [xx] a', '- [x]a', '-[ ] a', '-a', '1.a', '1234567890. a', '#. a', '- [ ', 'a - [ ] b'])(
    '%j is not a task',
    (text) => {
      expect(parse(text).taskItems).toEqual([]);
    },
  );

  it('records prefix, indent and contentStart', () => {
    const note = parse(md('- [ ] top', '    - [x]   nested', '\t* tab', '> - [ ] quoted', '> >   1. [/] deep', '-   spaced'));
    expect(note.listItems.map(({ prefix, indent, contentStart }) => ({ prefix, indent, contentStart }))).toEqual([
      { prefix: '', indent: 0, contentStart: 6 },
      { prefix: '    ', indent: 4, contentStart: 12 },
      { prefix: '\t', indent: 4, contentStart: 3 },
      { prefix: '> ', indent: 0, contentStart: 8 },
      { prefix: '> >   ', indent: 2, contentStart: 13 },
      { prefix: '', indent: 0, contentStart: 4 },
    ]);
    expect(note.taskItems).toEqual([0, 1, 3, 4]);
  });

  it('an empty item has contentStart at the line end', () => {
    expect(parse('- ').listItems[0]).toMatchObject({ contentStart: 2, checkbox: null });
    expect(parse('-').listItems[0]).toMatchObject({ contentStart: 1 });
  });

  it('a thematic break is not a list item', () => {
    expect(itemsOf(md('- - -', '* * *', '---'))).toEqual([]);
  });
});

describe('list items: the tree', () => {
  it('nests by indentation (spaces)', () => {
    expect(itemsOf(md('- a', '  - b', '    - c', '  - d', '- e'))).toEqual([
      '0:-:root',
      '1:-:0',
      '2:-:1',
      '3:-:0',
      '4:-:root',
    ]);
  });

  it('nests by tabs', () => {
    expect(itemsOf(md('- [ ] a', '\t- [ ] b', '\t\t- [ ] c', '\t- d'))).toEqual(['0: :root', '1: :0', '2: :1', '3:-:0']);
  });

  it('uses the content column of the parent (ordered lists are wider)', () => {
    expect(itemsOf(md('1. a', '  - not deep enough', '   - child'))).toEqual(['0:-:root', '1:-:root', '2:-:root']);
    expect(itemsOf(md('1. a', '   - child'))).toEqual(['0:-:root', '1:-:0']);
    expect(itemsOf(md('10. a', '    - child'))).toEqual(['0:-:root', '1:-:0']);
  });

  it('takes uneven indentation as Obsidian does', () => {
    expect(itemsOf(md('- a', '   - b', '  - c', '- d'))).toEqual(['0:-:root', '1:-:0', '2:-:0', '3:-:root']);
    expect(itemsOf(md('- a', ' - b'))).toEqual(['0:-:root', '1:-:root']);
  });

  it('keeps items across blank lines and continuation lines', () => {
    expect(itemsOf(md('- a', '', '  continued', '', '  - b', 'lazy', '- c'))).toEqual(['0:-:root', '4:-:0', '6:-:root']);
  });

  it('ends the list at an unindented paragraph after a blank line', () => {
    expect(itemsOf(md('- a', '', 'para', '  - b'))).toEqual(['0:-:root', '3:-:root']);
  });

  it('over-indented markers continue the paragraph instead of nesting', () => {
    expect(itemsOf(md('- a', '      - b'))).toEqual(['0:-:root']);
  });

  it('indented code after a paragraph break is not a list', () => {
    expect(itemsOf(md('para', '', '    - [ ] code'))).toEqual([]);
  });

  it('a paragraph can be interrupted by a bullet but not by an empty item or a list starting at 2', () => {
    expect(itemsOf(md('para', '- item'))).toEqual(['1:-:root']);
    expect(itemsOf(md('para', '2. no'))).toEqual([]);
    expect(itemsOf(md('para', '1. yes'))).toEqual(['1:-:root']);
    expect(itemsOf(md('para', '-'))).toEqual([]);
  });

  it('nests inside blockquotes and callouts', () => {
    expect(itemsOf(md('> [!todo]', '> - [ ] a', '>     - [ ] b', '> - [x] c', '', '- d'))).toEqual([
      '1: :root',
      '2: :1',
      '3:x:root',
      '5:-:root',
    ]);
  });

  it('a deeper blockquote starts a new list; an indented one nests', () => {
    expect(itemsOf(md('> - a', '> > - b', '> - c'))).toEqual(['0:-:root', '1:-:root', '2:-:root']);
    expect(itemsOf(md('> - a', '>   > - b', '> - c'))).toEqual(['0:-:root', '1:-:0', '2:-:root']);
  });

  it('ZWSP before a marker makes the line a continuation, not an item', () => {
    expect(itemsOf(md('- Root', '\u200b\t- [ ] not an item'))).toEqual(['0:-:root']);
  });

  it('a task with a fenced code block inside keeps its children', () => {
    expect(itemsOf(md('- [ ] a', '  ```sh', '  - [ ] code', '  ```', '  - [ ] b'))).toEqual(['0: :root', '4: :0']);
  });

  it('mixed markers are siblings at the same indentation', () => {
    expect(itemsOf(md('- a', '* b', '+ c', '1. d', '1) e'))).toEqual(['0:-:root', '1:-:root', '2:-:root', '3:-:root', '4:-:root']);
  });

  it('indexes parents into listItems', () => {
    const note = parse(md('- a', '  - b', '    - [ ] c'));
    expect(note.listItems.map((i) => i.parent)).toEqual([-1, 0, 1]);
    expect(note.taskItems).toEqual([2]);
  });
});
