// Bytes on the wire (JSON-RPC carries text only): the store, the log and binary files travel as
// base64 between the server and every host, so one codec serves them all. By table, with no
// platform global: a 16 MB store (10,000 notes) took ~800 ms through a binary string and btoa
// under node, ~75 ms this way; and this module also compiles where no DOM or node types are.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const digits = Uint8Array.from(alphabet, (c) => c.charCodeAt(0));
const pad = 0x3d;
/** Character code → its six bits, or 255 for a character that is not a base64 digit. */
const values = new Uint8Array(256).fill(255);
for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i;

export function bytesToBase64(bytes: Uint8Array): string {
  const out = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let j = 0;
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[j++] = digits[n >> 18]!;
    out[j++] = digits[(n >> 12) & 63]!;
    out[j++] = digits[(n >> 6) & 63]!;
    out[j++] = digits[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    out[j++] = digits[n >> 18]!;
    out[j++] = digits[(n >> 12) & 63]!;
    out[j++] = i + 1 < bytes.length ? digits[(n >> 6) & 63]! : pad;
    out[j++] = pad;
  }
  // In slices: String.fromCharCode over a few MB at once overflows the call stack.
  let text = '';
  for (let k = 0; k < out.length; k += 0x8000) text += String.fromCharCode(...out.subarray(k, k + 0x8000));
  return text;
}

/** Throws on text that is not base64 (a character outside the alphabet, or a length no encoding has). */
export function base64ToBytes(base64: string): Uint8Array {
  let end = base64.length;
  while (end > 0 && base64.charCodeAt(end - 1) === pad && base64.length - end < 2) end--;
  if (end % 4 === 1) throw new Error('not base64: a length no encoding has');
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let j = 0;
  for (let i = 0; i < end; i += 4) {
    let n = 0;
    const count = Math.min(4, end - i);
    for (let k = 0; k < 4; k++) {
      const code = k < count ? base64.charCodeAt(i + k) : 65;
      const value = code < 256 ? values[code]! : 255;
      if (value === 255) throw new Error(`not base64: ${JSON.stringify(base64[i + k])} at ${i + k}`);
      n = (n << 6) | (k < count ? value : 0);
    }
    out[j++] = n >> 16;
    if (count > 2) out[j++] = (n >> 8) & 255;
    if (count > 3) out[j++] = n & 255;
  }
  return out;
}
