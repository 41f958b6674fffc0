import type { Line } from './types.js';

/**
 * Reads the plainest frontmatter by hand: `key: value`, `key: [a, b]` and `key:` followed by
 * `- item` lines, where every value is a simple word-like string, a small integer, a boolean
 * or null. The yaml package costs ~0.1 ms a note, most of a vault's load time; nearly every
 * note's frontmatter is this simple. Anything else (quotes with escapes, colons in values,
 * comments after values, anchors, nesting, floats, ...) returns undefined and goes to the yaml
 * package, so the result is always exactly what `parseDocument(...).toJS()` gives.
 */
export function readSimpleFrontmatter(lines: readonly Line[], first: number, end: number): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  const seen = new Set<string>();
  let i = first;
  while (i < end) {
    const text = lines[i]!.text;
    i++;
    if (text === '' || text.charCodeAt(0) === 35 /* # */) continue;
    const keyEnd = keyLength(text);
    if (keyEnd === 0 || text.charCodeAt(keyEnd) !== 58 /* : */) return undefined;
    const key = text.slice(0, keyEnd);
    if (seen.has(key) || isReservedWord(key)) return undefined;
    seen.add(key);
    const rest = keyEnd + 1;
    if (rest < text.length && text.charCodeAt(rest) !== 32) return undefined;
    const valueStart = skipSpaces(text, rest);
    if (valueStart >= text.length) {
      // `key:` alone: null, or a block list on the lines that follow.
      const items: unknown[] = [];
      let indent = -1;
      while (i < end) {
        const itemLine = lines[i]!.text;
        const dash = skipSpaces(itemLine, 0);
        if (itemLine.charCodeAt(dash) !== 45 /* - */ || itemLine.charCodeAt(dash + 1) !== 32) break;
        if (indent >= 0 && dash !== indent) return undefined;
        indent = dash;
        const item = scalar(itemLine, skipSpaces(itemLine, dash + 1), itemLine.length, false);
        if (item === undefined) return undefined;
        items.push(item);
        i++;
      }
      data[key] = indent < 0 ? null : items;
      continue;
    }
    if (text.charCodeAt(valueStart) === 91 /* [ */) {
      const list = flowList(text, valueStart);
      if (list === undefined) return undefined;
      data[key] = list;
      continue;
    }
    const value = scalar(text, valueStart, text.length, false);
    if (value === undefined) return undefined;
    data[key] = value;
  }
  // Comments alone are no mapping to the yaml package (it reads no contents): leave that to it.
  return seen.size > 0 ? data : undefined;
}

/** `[a, b]` to the end of the line; undefined for anything fancier. */
function flowList(text: string, open: number): unknown[] | undefined {
  let end = text.length;
  while (end > open && text.charCodeAt(end - 1) === 32) end--;
  if (text.charCodeAt(end - 1) !== 93 /* ] */ || end - 1 <= open) return undefined;
  const close = end - 1;
  const items: unknown[] = [];
  if (skipSpaces(text, open + 1) === close) return items;
  let start = open + 1;
  for (;;) {
    const comma = text.indexOf(',', start);
    const itemEnd = comma < 0 || comma > close ? close : comma;
    const item = scalar(text, skipSpaces(text, start), itemEnd, true);
    if (item === undefined) return undefined;
    items.push(item);
    if (itemEnd === close) return items;
    start = itemEnd + 1;
  }
}

/**
 * A value from `start` to `end` (trailing spaces ignored): a plain string of safe characters,
 * a quoted string without escapes, a small integer, a boolean or null; undefined otherwise.
 */
function scalar(text: string, start: number, end: number, inFlow: boolean): unknown {
  while (end > start && text.charCodeAt(end - 1) === 32) end--;
  if (start >= end) return undefined;
  const first = text.charCodeAt(start);
  if (first === 34 /* " */ || first === 39 /* ' */) {
    if (end - start < 2 || text.charCodeAt(end - 1) !== first) return undefined;
    for (let k = start + 1; k < end - 1; k++) {
      const c = text.charCodeAt(k);
      if (c === first || c === 92 /* \ */ || !isQuotableChar(c) || (inFlow && c === 44)) return undefined;
    }
    return text.slice(start + 1, end - 1);
  }
  const value = text.slice(start, end);
  // No YAML number has a space in it: `8 preferences` is text.
  if (isDigit(first) && value.indexOf(' ') < 0) {
    if (/^(0|[1-9][0-9]{0,14})$/.test(value)) return Number(value);
    // YAML 1.2 (the yaml package's default) keeps dates as strings.
    if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(value)) return value;
    return undefined;
  }
  if (!isLetter(first) && !isDigit(first) && first < 0x80) return undefined;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (isSafeChar(c)) continue;
    if (inFlow || c >= 0x80) return undefined;
    // Inside a block plain scalar punctuation is literal, except ` #` (a comment) and `: ` (a mapping).
    if (c === 35 /* # */ ? text.charCodeAt(k - 1) === 32 : c === 58 /* : */ ? k + 1 >= end || text.charCodeAt(k + 1) === 32 : !plainInnerPunctuation.has(c)) return undefined;
  }
  switch (value) {
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  return value;
}

/** Punctuation that only means something at the start of a plain scalar (checked apart). */
const plainInnerPunctuation = new Set(Array.from('\'"()?!&*+=@;~<>|%$^[]{},`', (ch) => ch.charCodeAt(0)));

/** What a one-line quoted string may hold literally: printable characters (escapes are left to yaml). */
function isQuotableChar(c: number): boolean {
  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) return false;
  return c !== 0x2028 && c !== 0x2029 && c !== 0xfeff && c !== 0xfffe && c !== 0xffff;
}

/** Letters, digits, space and `_ - . /`, plus non-ASCII other than spaces, line breaks and the BOM. */
function isSafeChar(c: number): boolean {
  if (c < 0x80) return isLetter(c) || isDigit(c) || c === 32 || c === 95 || c === 45 || c === 46 || c === 47;
  if (c < 0xc0) return false;
  if ((c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f) return false;
  return c !== 0x1680 && c !== 0x3000 && c !== 0xfeff && c !== 0xfffe && c !== 0xffff;
}

/** A key of `[A-Za-z_][A-Za-z0-9_-]*` at the start of the line: its length, or 0. */
function keyLength(text: string): number {
  const first = text.charCodeAt(0);
  if (!isLetter(first) && first !== 95) return 0;
  let k = 1;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (!isLetter(c) && !isDigit(c) && c !== 95 && c !== 45) break;
    k++;
  }
  return k;
}

/** Keys YAML would read as something other than their text (or that JS objects treat specially). */
function isReservedWord(key: string): boolean {
  return /^(null|Null|NULL|true|True|TRUE|false|False|FALSE|__proto__)$/.test(key);
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && text.charCodeAt(at) === 32) at++;
  return at;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
