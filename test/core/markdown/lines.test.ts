import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { offsetAt, positionAt, splitLines } from '../../../core/text/lines.js';

const join = (text: string) => splitLines(text).map((l) => l.text + l.eol).join('');

describe('splitLines', () => {
  it.each([
    ['', [['', '']]],
    ['a', [['a', '']]],
    ['a\n', [['a', '\n'], ['', '']]],
    ['a\r\nb', [['a', '\r\n'], ['b', '']]],
    ['a\rb', [['a', '\r'], ['b', '']]],
    ['a\r\r\nb\n\r', [['a', '\r'], ['', '\r\n'], ['b', '\n'], ['', '\r'], ['', '']]],
    ['\n\n', [['', '\n'], ['', '\n'], ['', '']]],
    ['\r', [['', '\r'], ['', '']]],
    ['x\n\ry', [['x', '\n'], ['', '\r'], ['y', '']]],
  ])('%j', (text, expected) => {
    expect(splitLines(text).map((l) => [l.text, l.eol])).toEqual(expected);
  });

  it('records UTF-16 offsets', () => {
    const lines = splitLines('😀a\r\nb\rc');
    expect(lines.map((l) => l.offset)).toEqual([0, 5, 7]);
  });

  it('round-trips any string', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => join(s) === s));
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', '\r', '\n', '\r\n', ' ', '😀')).map((a) => a.join('')), (s) => join(s) === s),
    );
  });
});

describe('positionAt / offsetAt', () => {
  const text = 'ab\r\ncd\ne';
  const lines = splitLines(text);
  it.each([
    [0, 0, 0],
    [2, 0, 2],
    [4, 1, 0],
    [6, 1, 2],
    [7, 2, 0],
    [8, 2, 1],
  ])('offset %i is line %i character %i', (offset, line, character) => {
    expect(positionAt(lines, offset)).toEqual({ line, character });
    expect(offsetAt(lines, { line, character })).toBe(offset);
  });
  it('clamps out-of-range input', () => {
    expect(positionAt(lines, -5)).toEqual({ line: 0, character: 0 });
    expect(offsetAt(lines, { line: 99, character: 99 })).toBe(text.length);
  });
});
