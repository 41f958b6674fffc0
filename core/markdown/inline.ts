import type { Link, Tag } from './types.js';
import { isTagChar, isValidTagBody, isWhitespaceCode } from './tagChars.js';
import { markdownLinkFromParts, wikilinkFromContent } from './linkParts.js';

/** Comments can span lines (and `%%` whole sections), so their state outlives one line. */
export interface InlineState {
  inPercentComment: boolean;
  inHtmlComment: boolean;
}

export interface InlineFindings {
  tags: Tag[];
  links: Link[];
}

/** Per character of a scanned segment: plain text, hidden (code, comment, escape), or part of a link. */
export const TEXT = 0;
export const HIDDEN = 1;
export const LINK = 2;

/**
 * Scans one line from `from` to its end for tags and links, skipping code spans, comments and
 * escapes. Every step moves forward or jumps via cached searches, so the cost is linear in the
 * line length even for adversarial input (long runs of `[[`, backticks or unclosed parens).
 * Returns the mask so callers can tell whether a `^block-id` is real text; it is a shared
 * buffer (only its first `lineText.length - from` entries are meaningful), valid until the next call.
 */
export function scanInline(
  lineText: string,
  line: number,
  from: number,
  state: InlineState,
  out: InlineFindings,
): Uint8Array {
  const s = from === 0 ? lineText : lineText.slice(from);
  const n = s.length;
  const mask = scratchMask(n);
  const at = (k: number) => ({ line, character: from + k });

  // Phase 1: hide code spans, comments and escapes; take wikilinks whole.
  let runs: Map<number, number[]> | null = null;
  let runCursor: Map<number, number> | null = null;
  let nextClose = -2;
  let nextOpen = -2;
  let sawBracketParen = false;
  let firstHash = -1; // noted here so that phase 3 needs no search of its own on lines without tags
  let i = 0;
  while (i < n) {
    if (state.inPercentComment) {
      const j = s.indexOf('%%', i);
      const end = j < 0 ? n : j + 2;
      mask.fill(HIDDEN, i, end);
      if (j >= 0) state.inPercentComment = false;
      i = end;
      continue;
    }
    if (state.inHtmlComment) {
      const j = s.indexOf('-->', i);
      const end = j < 0 ? n : j + 3;
      mask.fill(HIDDEN, i, end);
      if (j >= 0) state.inHtmlComment = false;
      i = end;
      continue;
    }
    i = nextPhase1Start(s, i);
    if (i >= n) break;
    const c = s.charCodeAt(i);
    if (c === 35 /* # */) {
      if (firstHash < 0) firstHash = i;
      i++;
      continue;
    }
    if (c === 92 /* \ */) {
      if (i + 1 < n && isAsciiPunctuation(s.charCodeAt(i + 1))) {
        mask[i] = HIDDEN;
        mask[i + 1] = HIDDEN;
        i += 2;
      } else i++;
      continue;
    }
    if (c === 96 /* ` */) {
      let j = i;
      while (j < n && s.charCodeAt(j) === 96) j++;
      const len = j - i;
      runs ??= backtickRuns(s);
      runCursor ??= new Map<number, number>();
      const list = runs.get(len)!;
      let ptr = runCursor.get(len) ?? 0;
      while (ptr < list.length && list[ptr]! < j) ptr++;
      runCursor.set(len, ptr);
      const close = list[ptr];
      if (close !== undefined) {
        mask.fill(HIDDEN, i, close + len);
        i = close + len;
      } else i = j;
      continue;
    }
    if (c === 37 /* % */ && s.charCodeAt(i + 1) === 37) {
      mask[i] = HIDDEN;
      mask[i + 1] = HIDDEN;
      state.inPercentComment = true;
      i += 2;
      continue;
    }
    if (c === 60 /* < */ && s.startsWith('<!--', i)) {
      mask.fill(HIDDEN, i, i + 4);
      state.inHtmlComment = true;
      i += 4;
      continue;
    }
    const embed = c === 33 /* ! */ && s.charCodeAt(i + 1) === 91 && s.charCodeAt(i + 2) === 91;
    if (embed || (c === 91 /* [ */ && s.charCodeAt(i + 1) === 91)) {
      const open = embed ? i + 1 : i;
      const contentStart = open + 2;
      if (nextClose !== -1 && nextClose < contentStart) nextClose = s.indexOf(']]', contentStart);
      if (nextClose < 0) {
        i = open + 1;
        continue;
      }
      if (nextOpen !== -1 && nextOpen < contentStart) nextOpen = s.indexOf('[[', contentStart);
      if (nextOpen >= 0 && nextOpen < nextClose) {
        // `[[a [[b]]`: the inner pair is the link.
        i = open + 1;
        continue;
      }
      const content = s.slice(contentStart, nextClose);
      if (content.trim() === '') {
        i = open + 1;
        continue;
      }
      const end = nextClose + 2;
      const raw = s.slice(i, end);
      out.links.push(
        wikilinkFromContent(embed ? 'embed' : 'wikilink', content, raw, { start: at(i), end: at(end) }),
      );
      mask.fill(LINK, i, end);
      i = end;
      continue;
    }
    if (c === 93 /* ] */ && s.charCodeAt(i + 1) === 40) sawBracketParen = true;
    i++;
  }

  // Phase 2: markdown links and images, matching brackets with a stack.
  if (sawBracketParen) findMarkdownLinks(s, mask, at, out);

  // Phase 3: tags, in visible text only, after whitespace or at the start of the content.
  // Phase 1 steps on every `#` that can be visible text (it jumps only over hidden or link spans).
  for (let k = firstHash; k >= 0; k = s.indexOf('#', k + 1)) {
    if (mask[k] !== TEXT) continue;
    if (k > 0 && !isWhitespaceCode(s.charCodeAt(k - 1))) continue;
    let j = k + 1;
    while (j < n && mask[j] === TEXT && isTagChar(s.charCodeAt(j))) j++;
    if (isValidTagBody(s.slice(k + 1, j))) {
      out.tags.push({ tag: s.slice(k, j), range: { start: at(k), end: at(j) }, source: 'inline' });
    }
    k = j - 1;
  }
  return mask;
}

/**
 * Characters that may open something in phase 1, plus `#` (noted for phase 3); everything else
 * is skipped at once.
 */
const PHASE1_STARTS = /[\\`%<!\[\]#]/g;

/**
 * Index of the next phase-1 start character at or after `from`, or `s.length`. Prose lines are
 * mostly plain text, and the regex engine skips it natively, several times faster than a
 * per-character JS loop. `test` (not `exec`) with a global regex avoids allocating a match.
 */
function nextPhase1Start(s: string, from: number): number {
  PHASE1_STARTS.lastIndex = from;
  return PHASE1_STARTS.test(s) ? PHASE1_STARTS.lastIndex - 1 : s.length;
}

let scratch = new Uint8Array(256);
function scratchMask(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, scratch.length * 2));
  scratch.fill(TEXT, 0, n);
  return scratch;
}

function findMarkdownLinks(
  s: string,
  mask: Uint8Array,
  at: (k: number) => { line: number; character: number },
  out: InlineFindings,
): void {
  const n = s.length;
  const openers: number[] = [];
  const failedFrom = new Map<number, number>();
  const parens = matchParens(s);
  for (let k = 0; k < n; k++) {
    if (mask[k] !== TEXT) continue;
    const ch = s.charCodeAt(k);
    if (ch === 91) {
      openers.push(k);
      continue;
    }
    if (ch !== 93 || openers.length === 0) continue;
    const o = openers.pop()!;
    if (s.charCodeAt(k + 1) !== 40 || mask[k + 1] !== TEXT) continue;
    const tail = parseLinkTail(s, k + 1, failedFrom, parens);
    // Obsidian does not treat `[text]()` as a link to anything.
    if (!tail || tail.destination === '') continue;
    const image = o > 0 && s.charCodeAt(o - 1) === 33 && mask[o - 1] === TEXT;
    const start = image ? o - 1 : o;
    const raw = s.slice(start, tail.end);
    out.links.push(
      markdownLinkFromParts(image ? 'markdown-embed' : 'markdown', s.slice(o + 1, k), tail.destination, raw, {
        start: at(start),
        end: at(tail.end),
      }),
    );
    if (image) mask[o - 1] = LINK;
    mask[o] = LINK;
    mask.fill(LINK, k, tail.end);
    // A link cannot contain another link: earlier openers are dead.
    if (!image) openers.length = 0;
    k = tail.end - 1;
  }
}

interface LinkTail {
  destination: string;
  end: number;
}

/** For each `(`, the index of its `)` within the same whitespace-free run, or -1. Built once per line. */
interface ParenMatches {
  match: Int32Array;
}

function matchParens(s: string): ParenMatches {
  const match = new Int32Array(s.length).fill(-1);
  const stack: number[] = [];
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c === 92 && k + 1 < s.length && isAsciiPunctuation(s.charCodeAt(k + 1))) k++;
    else if (c <= 32 || c === 127) stack.length = 0;
    else if (c === 40) stack.push(k);
    else if (c === 41 && stack.length > 0) match[stack.pop()!] = k;
  }
  return { match };
}

/** `(dest "title")` after `]`; q is the `(`. Null when it is not a valid inline link. */
function parseLinkTail(s: string, q: number, failedFrom: Map<number, number>, parens: ParenMatches): LinkTail | null {
  const n = s.length;
  let p = skipBlanks(s, q + 1);
  let destination: string;
  if (s.charCodeAt(p) === 60 /* < */) {
    let k = p + 1;
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c === 92 && k + 1 < n) {
        k += 2;
        continue;
      }
      if (c === 62 || c === 60) break;
      k++;
    }
    if (s.charCodeAt(k) !== 62) return null;
    destination = s.slice(p + 1, k);
    p = k + 1;
  } else {
    // Balanced parentheses are jumped over via the precomputed matches: O(1) per group.
    let k = p;
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c === 92 && k + 1 < n && isAsciiPunctuation(s.charCodeAt(k + 1))) {
        k += 2;
        continue;
      }
      if (c <= 32 || c === 127 || c === 41) break;
      if (c === 40) {
        const m = parens.match[k]!;
        if (m < 0) return null;
        k = m + 1;
        continue;
      }
      k++;
    }
    destination = s.slice(p, k);
    p = k;
  }
  const afterDest = p;
  p = skipBlanks(s, p);
  const c = s.charCodeAt(p);
  if (c === 41) return { destination, end: p + 1 };
  if (p === afterDest || (c !== 34 && c !== 39 && c !== 40)) return null;
  const closer = c === 40 ? 41 : c;
  const failed = failedFrom.get(closer);
  if (failed !== undefined && p >= failed) return null;
  let k = p + 1;
  while (k < n && s.charCodeAt(k) !== closer) k += s.charCodeAt(k) === 92 ? 2 : 1;
  if (k >= n) {
    failedFrom.set(closer, Math.min(failed ?? p, p));
    return null;
  }
  p = skipBlanks(s, k + 1);
  if (s.charCodeAt(p) !== 41) return null;
  return { destination, end: p + 1 };
}

function skipBlanks(s: string, p: number): number {
  while (p < s.length) {
    const c = s.charCodeAt(p);
    if (c !== 32 && c !== 9) break;
    p++;
  }
  return p;
}

function backtickRuns(s: string): Map<number, number[]> {
  const runs = new Map<number, number[]>();
  let i = 0;
  while (i < s.length) {
    if (s.charCodeAt(i) !== 96) {
      i++;
      continue;
    }
    let j = i;
    while (j < s.length && s.charCodeAt(j) === 96) j++;
    const len = j - i;
    let list = runs.get(len);
    if (!list) runs.set(len, (list = []));
    list.push(i);
    i = j;
  }
  return runs;
}

export function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

/** A ` ^id` at the very end of the visible text, as Obsidian's block references need it. */
export function trailingBlockId(
  lineText: string,
  from: number,
  mask: Uint8Array,
): { id: string; start: number; end: number } | null {
  let e = lineText.length;
  while (e > from && (lineText.charCodeAt(e - 1) === 32 || lineText.charCodeAt(e - 1) === 9)) e--;
  let k = e;
  while (k > from && isBlockIdChar(lineText.charCodeAt(k - 1))) k--;
  if (k === e || k - 1 < from || lineText.charCodeAt(k - 1) !== 94 /* ^ */) return null;
  const caret = k - 1;
  if (caret > from && !isWhitespaceCode(lineText.charCodeAt(caret - 1))) return null;
  if (mask[caret - from] !== TEXT) return null;
  return { id: lineText.slice(k, e), start: caret, end: e };
}

function isBlockIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45;
}
