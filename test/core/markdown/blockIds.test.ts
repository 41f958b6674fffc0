import { describe, expect, it } from 'vitest';
import { md, parse } from './helpers.js';

const ids = (text: string) => parse(text).blockIds.map((b) => `${b.line}:${b.id}`);

describe('block ids', () => {
  it.each([
    ['para ^abc', ['0:abc']],
    ['para ^abc-123  ', ['0:abc-123']],
    ['- [ ] task ✅ 2024-01-01 ^task1', ['0:task1']],
    ['^alone', ['0:alone']],
    ['para^notid', []],
    ['para ^bad_id', []],
    ['para ^', []],
    ['`code ^no`', []],
    ['para %% ^hidden %%', []],
    ['[[Note#^abc]]', []],
    ['# Heading ^hid', ['0:hid']],
  ])('%j', (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it('belongs to the last line of a paragraph only', () => {
    expect(ids(md('line one ^a', 'line two ^b'))).toEqual(['1:b']);
    expect(ids(md('- item ^a', '  continued'))).toEqual([]);
  });

  it('each list item line can carry one', () => {
    expect(ids(md('- a ^one', '- b ^two', '  - c ^three'))).toEqual(['0:one', '1:two', '2:three']);
  });

  it('gives the range of ^id', () => {
    expect(parse('text ^id1').blockIds[0]!.range).toEqual({ start: { line: 0, character: 5 }, end: { line: 0, character: 9 } });
  });

  it('is not read in code blocks', () => {
    expect(ids(md('```', 'x ^no', '```'))).toEqual([]);
  });
});
