// Hand-written scanners replace regexes in hot loops (one per task line, thousands per vault);
// these helpers keep them agreeing with the regexes' `\s` to the character.

/** Exactly the UTF-16 code units JavaScript's `\s` matches. */
export function isJsWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * `text.slice(start, end).replace(/\s+/g, ' ').trim()`, without the regex or a copy when the
 * slice is already tidy (the common case: words separated by single spaces).
 */
export function collapsedSlice(text: string, start: number, end: number): string {
  while (start < end && isJsWhitespace(text.charCodeAt(start))) start++;
  while (end > start && isJsWhitespace(text.charCodeAt(end - 1))) end--;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 ? isJsWhitespace(text.charCodeAt(i + 1)) : isJsWhitespace(c)) {
      return text.slice(start, end).replace(/\s+/g, ' ');
    }
  }
  return text.slice(start, end);
}
