/**
 * Finds the first byte where UTF-8 decoding would produce U+FFFD, so a diagnostic can name the
 * line instead of silently showing replacement characters. Follows the WHATWG decoder's rules
 * (no overlongs, no surrogates, nothing above U+10FFFF). Returns -1 for valid input.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array, start = 0): number {
  const n = bytes.length;
  let i = start;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const lo = k === 1 ? lower : 0x80;
      const hi = k === 1 ? upper : 0xbf;
      if (c < lo || c > hi) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Zero-based line of a byte offset, counting LF, CRLF and lone CR as line ends. */
export function lineOfByte(bytes: Uint8Array, offset: number, start = 0): number {
  let line = 0;
  for (let i = start; i < offset; i++) {
    const b = bytes[i];
    if (b === 0x0a) line++;
    else if (b === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}
