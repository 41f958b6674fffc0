import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { maxFileBytes, readCapped } from '../../language-server/node/readWorkspaceFiles.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const at = path.join(dir, name);
  writeFileSync(at, bytes);
  return at;
}

function pattern(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + 7) % 251);
}

describe('readCapped', () => {
  it.each([0, 1, 1700, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 300_000])('reads a %i-byte file exactly', (length) => {
    const bytes = pattern(length);
    const read = readCapped(file(`f${length}`, bytes));
    expect('bytes' in read && Buffer.compare(Buffer.from(read.bytes), Buffer.from(bytes))).toBe(0);
  });

  it('gives each read its own bytes (the first 64 KB go through one shared buffer)', () => {
    const a = readCapped(file('a', new TextEncoder().encode('first note')));
    readCapped(file('b', new TextEncoder().encode('second, longer note')));
    expect('bytes' in a && new TextDecoder().decode(a.bytes)).toBe('first note');
  });

  it('reports a file over the limit by its size, without reading it', () => {
    const at = path.join(dir, 'huge');
    writeFileSync(at, '');
    truncateSync(at, maxFileBytes + 1); // sparse: nothing written
    expect(readCapped(at)).toEqual({ tooLarge: maxFileBytes + 1 });
  });

  it('throws for a missing file (callers skip it)', () => {
    expect(() => readCapped(path.join(dir, 'missing'))).toThrow();
  });
});
