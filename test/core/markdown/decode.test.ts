import { describe, expect, it } from 'vitest';
import { decodeNote } from '../../../core/markdown/decode.js';
import { firstInvalidUtf8Byte } from '../../../core/markdown/utf8Validation.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...utf8(p)] : p)));

describe('decodeNote', () => {
  it('decodes plain UTF-8', () => {
    expect(decodeNote(utf8('# Tïtle 😀\n'))).toEqual({ text: '# Tïtle 😀\n', hadBom: false, problem: null });
  });

  it('strips a BOM but remembers it; a second BOM is content', () => {
    expect(decodeNote(bytes([0xef, 0xbb, 0xbf], 'a'))).toEqual({ text: 'a', hadBom: true, problem: null });
    expect(decodeNote(bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], 'a')).text).toBe('\ufeffa');
  });

  it('refuses binary files (NUL in the first 8 KB)', () => {
    const d = decodeNote(bytes('PNG', [0, 1, 2]));
    expect(d.text).toBe('');
    expect(d.problem?.code).toBe('binary-file');
  });

  it('reads a NUL after the first 8 KB as text', () => {
    const d = decodeNote(bytes('a'.repeat(9000), [0]));
    expect(d.problem).toBeNull();
    expect(d.text.length).toBe(9001);
  });

  it('decodes invalid UTF-8 with replacement characters and names the first bad line', () => {
    const d = decodeNote(bytes('ok\r\nstill ok\nbad ', [0xff], ' here\n', [0xc3]));
    expect(d.text).toBe('ok\r\nstill ok\nbad \ufffd here\n\ufffd');
    expect(d.problem).toMatchObject({ code: 'invalid-utf8', line: 2 });
    expect(d.problem?.message).toMatch(/line 3/);
  });

  it('refuses files over the size limit', () => {
    const d = decodeNote(utf8('abcdef'), { maxBytes: 4 });
    expect(d).toMatchObject({ text: '', problem: { code: 'file-too-large' } });
  });

  it('handles an empty file', () => {
    expect(decodeNote(new Uint8Array())).toEqual({ text: '', hadBom: false, problem: null });
  });
});

describe('firstInvalidUtf8Byte agrees with TextDecoder', () => {
  it.each([
    [[0x61], -1],
    [[0xc3, 0xa9], -1],
    [[0xc0, 0x80], 0], // overlong
    [[0xe0, 0x80, 0x80], 0], // overlong
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
    [[0xf0, 0x9f, 0x98, 0x80], -1],
    [[0x61, 0xf0, 0x9f, 0x98], 1], // truncated
    [[0x61, 0x80], 1], // lone continuation
  ])('%j → %i', (input, expected) => {
    const b = new Uint8Array(input);
    expect(firstInvalidUtf8Byte(b)).toBe(expected);
    const replaced = new TextDecoder('utf-8', { fatal: false }).decode(b).includes('\ufffd');
    expect(replaced).toBe(expected >= 0);
  });
});
