// The anatomy of a markdown task line, kept to the byte: `<prefix><marker> [<S>] <body>`.
import { isJsWhitespace } from '../text/whitespace.js';

export interface TaskLineParts {
  /** Whitespace and blockquote/callout `>`s before the marker. */
  prefix: string;
  /** `-`, `*`, `+`, `1.`, `1)` as written. */
  marker: string;
  /** The spaces (or tabs) between marker and `[`: at least one. */
  markerSpace: string;
  /** The checkbox character: one code point. */
  symbol: string;
  /** The spaces between `]` and the body: possibly none. */
  checkboxSpace: string;
  /** Everything after, verbatim (fields, tags, block id, trailing spaces). */
  body: string;
}

// Tasks' own shape, `/^([\s>]*)([-*+]|[0-9]+[.)])([ \t]+)\[([^\n\r])\]([ \t]*)(.*)$/su`, matched
// by hand: it runs on every checkbox of a vault. Each part is the longest run of its
// characters, so no backtracking is ever needed; the checkbox character is one code point.

/** The parts of a task line, or null when the line is not one (`- []` is not). */
export function parseTaskLine(lineText: string): TaskLineParts | null {
  if (lineText.includes('\n') || lineText.includes('\r')) return null;
  const n = lineText.length;
  let p = 0;
  while (p < n && (lineText.charCodeAt(p) === 62 || isJsWhitespace(lineText.charCodeAt(p)))) p++;
  const markerStart = p;
  const first = lineText.charCodeAt(p);
  if (first === 45 || first === 42 || first === 43) p++;
  else {
    while (p < n && isDigit(lineText.charCodeAt(p))) p++;
    const close = lineText.charCodeAt(p);
    if (p === markerStart || (close !== 46 && close !== 41)) return null;
    p++;
  }
  const markerEnd = p;
  while (p < n && isSpaceOrTab(lineText.charCodeAt(p))) p++;
  if (p === markerEnd || lineText.charCodeAt(p) !== 91) return null;
  const symbolStart = p + 1;
  if (symbolStart >= n) return null;
  const lead = lineText.charCodeAt(symbolStart);
  const pair = lead >= 0xd800 && lead <= 0xdbff && isTrailSurrogate(lineText.charCodeAt(symbolStart + 1));
  const symbolEnd = symbolStart + (pair ? 2 : 1);
  if (lineText.charCodeAt(symbolEnd) !== 93) return null;
  let bodyStart = symbolEnd + 1;
  while (bodyStart < n && isSpaceOrTab(lineText.charCodeAt(bodyStart))) bodyStart++;
  return {
    prefix: lineText.slice(0, markerStart),
    marker: lineText.slice(markerStart, markerEnd),
    markerSpace: lineText.slice(markerEnd, symbolStart - 1),
    symbol: lineText.slice(symbolStart, symbolEnd),
    checkboxSpace: lineText.slice(symbolEnd + 1, bodyStart),
    body: lineText.slice(bodyStart),
  };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

function isTrailSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

export function serializeTaskLine(parts: TaskLineParts): string {
  return `${parts.prefix}${parts.marker}${parts.markerSpace}[${parts.symbol}]${parts.checkboxSpace}${parts.body}`;
}

/** UTF-16 column of the checkbox character. */
export function symbolColumn(parts: TaskLineParts): number {
  return parts.prefix.length + parts.marker.length + parts.markerSpace.length + 1;
}

/** UTF-16 column where the body starts. */
export function bodyColumn(parts: TaskLineParts): number {
  return symbolColumn(parts) + parts.symbol.length + 1 + parts.checkboxSpace.length;
}
