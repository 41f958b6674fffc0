import { describe, expect, test } from 'vitest';
import { bodyColumn, parseTaskLine, serializeTaskLine, symbolColumn } from '../../../core/tasks/taskLine.js';

describe('parseTaskLine', () => {
  test('a plain task', () => {
    expect(parseTaskLine('- [ ] Buy milk')).toEqual({ prefix: '', marker: '-', markerSpace: ' ', symbol: ' ', checkboxSpace: ' ', body: 'Buy milk' });
  });

  test.each(['-', '*', '+', '1.', '1)', '23.', '7)'])('marker %s', (marker) => {
    expect(parseTaskLine(`${marker} [x] done`)?.marker).toBe(marker);
  });

  test.each(['- []', '- [] x', '-[ ] x', '- [  ] x', 'a - [ ] x', '- ( ) x', 'text', '', '1 [ ] x', '- [ ', '#- [ ] x'])('%j is not a task', (line) => {
    expect(parseTaskLine(line)).toBeNull();
  });

  test('indentation with spaces and tabs is the prefix', () => {
    expect(parseTaskLine('\t  - [ ] x')?.prefix).toBe('\t  ');
  });

  test('blockquote and callout prefixes', () => {
    expect(parseTaskLine('> - [ ] quoted')?.prefix).toBe('> ');
    expect(parseTaskLine('> > \t* [/] nested')?.prefix).toBe('> > \t');
    expect(parseTaskLine('>- [ ] tight')?.prefix).toBe('>');
  });

  test('exact spacing is kept', () => {
    const parts = parseTaskLine('-   [x]    spaced   ')!;
    expect(parts).toMatchObject({ markerSpace: '   ', checkboxSpace: '    ', body: 'spaced   ' });
  });

  test('no space after the checkbox, as Tasks allows', () => {
    expect(parseTaskLine('- [x]done')).toMatchObject({ checkboxSpace: '', body: 'done' });
  });

  test('empty body', () => {
    expect(parseTaskLine('- [ ]')).toMatchObject({ body: '', checkboxSpace: '' });
    expect(parseTaskLine('- [ ] ')).toMatchObject({ body: '', checkboxSpace: ' ' });
  });

  test('any one character is a symbol, including one outside the BMP', () => {
    expect(parseTaskLine('- [🔥] hot')?.symbol).toBe('🔥');
    expect(parseTaskLine('- []] odd')?.symbol).toBe(']');
    expect(parseTaskLine('- [X] upper')?.symbol).toBe('X');
  });

  test('columns', () => {
    const parts = parseTaskLine('> 1. [x] abc')!;
    expect(symbolColumn(parts)).toBe(6);
    expect(bodyColumn(parts)).toBe(9);
  });

  test('a line with a line break is not a task line', () => {
    expect(parseTaskLine('- [ ] a\nb')).toBeNull();
  });

  test.each(['- [ ] Buy milk 📅 2024-01-01 ^abc', '\t\t+  [-]  x  ', '> >1) [?]', '- [🔥]body'])('round trip %j', (line) => {
    expect(serializeTaskLine(parseTaskLine(line)!)).toBe(line);
  });
});
