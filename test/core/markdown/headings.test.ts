import { describe, expect, it } from 'vitest';
import { headingsOf, md, parse } from './helpers.js';

describe('headings', () => {
  it.each([
    ['# One', [[1, 'One', 0]]],
    ['###### Six', [[6, 'Six', 0]]],
    ['####### Seven', []],
    ['#NoSpace', []],
    ['#\tTab', [[1, 'Tab', 0]]],
    ['   # Three spaces', [[1, 'Three spaces', 0]]],
    ['    # Four spaces is code', []],
    ['# Closing #s ##', [[1, 'Closing #s', 0]]],
    ['# Keeps#hash', [[1, 'Keeps#hash', 0]]],
    ['# Trailing spaces   ', [[1, 'Trailing spaces', 0]]],
    ['## A link in a [[link]]', [[2, 'A link in a [[link]]', 0]]],
    ['#', [[1, '', 0]]],
    ['# #', [[1, '', 0]]],
    ['\\# Escaped', []],
  ])('%j', (text, expected) => {
    expect(headingsOf(text)).toEqual(expected);
  });

  it('interrupts a paragraph', () => {
    expect(headingsOf(md('text', '## H'))).toEqual([[2, 'H', 1]]);
  });

  it('reads setext headings', () => {
    expect(headingsOf(md('Title', '===', '', 'Sub', '---'))).toEqual([
      [1, 'Title', 0],
      [2, 'Sub', 3],
    ]);
    expect(headingsOf(md('Two', 'lines', '=='))).toEqual([[1, 'Two lines', 0]]);
  });

  it('does not read a thematic break after a blank line as a setext heading', () => {
    expect(headingsOf(md('Para', '', '---'))).toEqual([]);
    expect(headingsOf(md('---', 'not frontmatter'))).toEqual([]);
  });

  it('reads headings in blockquotes and list items', () => {
    expect(headingsOf(md('> # Quoted', '- ## In item'))).toEqual([
      [1, 'Quoted', 0],
      [2, 'In item', 1],
    ]);
  });

  it('gives the range of the heading line', () => {
    expect(parse('  ## Title  ').headings[0]!.range).toEqual({ start: { line: 0, character: 2 }, end: { line: 0, character: 10 } });
  });

  it('ignores headings in code and comments', () => {
    expect(headingsOf(md('```', '# code', '```', '~~~~', '# code', '~~~~', '%%', '# c', '%%', '<!--', '# c', '-->'))).toEqual([]);
  });
});
