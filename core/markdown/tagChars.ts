/**
 * The characters that end an Obsidian tag: whitespace, ASCII punctuation other than `_ - /`,
 * and the Unicode general/supplemental punctuation blocks (which include zero-width spaces).
 * Letters of any script, digits and emoji are allowed.
 */
const STOP_ASCII = new Set(Array.from('!"#$%&\'()*+,.:;<=>?@[\\]^`{|}~'));

export function isTagChar(code: number): boolean {
  if (code <= 0x20 || code === 0x7f) return false;
  if (code < 0x80) return !STOP_ASCII.has(String.fromCharCode(code));
  if (code >= 0x2000 && code <= 0x206f) return false;
  if (code >= 0x2e00 && code <= 0x2e7f) return false;
  if (code === 0x00a0 || code === 0x3000 || code === 0xfeff || code === 0x1680) return false;
  return true;
}

export function isWhitespaceCode(code: number): boolean {
  return (
    code === 0x20 ||
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    code === 0x0c ||
    code === 0x0b ||
    code === 0xa0 ||
    code === 0x3000 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f
  );
}

/** `#123` is a number, not a tag: Obsidian wants at least one character that is not a digit. */
export function isValidTagBody(body: string): boolean {
  return body.length > 0 && !/^[0-9]+$/.test(body);
}
