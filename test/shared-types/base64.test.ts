import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64 } from '../../shared-types/base64.js';
import { isHistoryLogName } from '../../shared-types/protocol.js';

function randomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed;
  for (let i = 0; i < length; i++) out[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe('the wire base64 codec every host and the server share', () => {
  it('encodes as node does and decodes back, at every length remainder and at several MB', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255, 256, 257, 100_000, 3 * 1024 * 1024 + 1]) {
      const bytes = randomBytes(length, length + 7);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(text)).toEqual(bytes);
    }
  });

  it('reads base64 without its padding, and refuses what no encoder writes', () => {
    expect(base64ToBytes('YWI')).toEqual(new TextEncoder().encode('ab'));
    expect(base64ToBytes('YQ')).toEqual(new TextEncoder().encode('a'));
    for (const bad of ['Y', 'YW=I', 'YW I', 'YW*I', 'é===', 'YQ===']) expect(() => base64ToBytes(bad)).toThrow(/not base64/);
  });

  it('names history logs as plain <device>.jsonl files only', () => {
    for (const name of ['obsidian-f66e.jsonl', 'vscode-web-1a2b.jsonl', 'dev_1.jsonl']) expect(isHistoryLogName(name)).toBe(true);
    for (const name of ['../x.jsonl', 'a/b.jsonl', '.hidden.jsonl', 'Plan.md', 'x.jsonl.md', '', 42, null]) expect(isHistoryLogName(name)).toBe(false);
  });
});
