import type { BlockId, Heading, Line, Link, ListItem, Tag } from './types.js';
import { type InlineState, scanInline, trailingBlockId } from './inline.js';

/**
 * A single forward pass over the lines that follows CommonMark's container rules (blockquotes and
 * list items nest; a line continues a list item when indented to its content column; lazy
 * paragraph continuation) closely enough to agree with Obsidian's metadata cache, while hiding
 * everything inside fenced/indented code, HTML comment blocks and `%%` comments.
 */
export interface BlockFindings {
  headings: Heading[];
  blockIds: BlockId[];
  listItems: ListItem[];
  tags: Tag[];
  links: Link[];
}

/**
 * Deeper nesting is read as text. Without a cap, one line of a million `- ` markers followed by
 * a million blank lines costs a million container checks per line (markdown-it caps at 100 too).
 */
const MAX_NESTING = 100;

interface QuoteBox {
  kind: 'quote';
}
interface ItemBox {
  kind: 'item';
  contentCol: number;
  index: number;
}
type Box = QuoteBox | ItemBox;

interface Cursor {
  /** Index of the first character not (fully) consumed. */
  pos: number;
  /** Visual column where the character at `pos` starts. */
  col: number;
  /** Visual column consumed so far (beyond `col` when part of a tab is used up). */
  vcol: number;
}

interface Fence {
  ch: number;
  len: number;
}

interface Marker {
  end: number;
  ordered: boolean;
  number: number;
}

export function scanBlocks(lines: readonly Line[], firstLine: number, out: BlockFindings): void {
  const stack: Box[] = [];
  let quotes = 0; // quote boxes on the stack, kept for the blank-line fast path
  const inline: InlineState = { inPercentComment: false, inHtmlComment: false };
  let fence: Fence | null = null;
  let htmlBlock = false;
  let paragraphOpen = false;
  // Where each open paragraph line's text starts, only needed for setext headings. Two reused
  // number arrays plus a count, rather than an object per prose line and a fresh array per paragraph.
  const paragraphLines: number[] = [];
  const paragraphFroms: number[] = [];
  let paragraphLength = 0;
  let pendingBlockId: BlockId | null = null;

  const truncate = (depth: number) => {
    while (stack.length > depth) if (stack.pop()!.kind === 'quote') quotes--;
  };

  const closeParagraph = () => {
    if (pendingBlockId) out.blockIds.push(pendingBlockId);
    pendingBlockId = null;
    paragraphOpen = false;
    paragraphLength = 0;
    inline.inHtmlComment = false;
  };

  const scanText = (ln: number, text: string, from: number, blockIdCandidate: boolean): BlockId | null => {
    const mask = scanInline(text, ln, from, inline, out);
    if (!blockIdCandidate) return null;
    const id = trailingBlockId(text, from, mask);
    return id
      ? { id: id.id, line: ln, range: { start: { line: ln, character: id.start }, end: { line: ln, character: id.end } } }
      : null;
  };

  const addParagraphLine = (ln: number, text: string, from: number) => {
    paragraphOpen = true;
    paragraphLines[paragraphLength] = ln;
    paragraphFroms[paragraphLength] = from;
    paragraphLength++;
    pendingBlockId = scanText(ln, text, from, true);
  };

  const tb: BreakTails = { text: '', tails: [-2, -2, -2] };
  // Reused for every line and every whitespace skip: these run several times per line, and
  // allocating a cursor or a [pos, col] pair each time showed up in profiles.
  const cur: Cursor = { pos: 0, col: 0, vcol: 0 };
  const ws: WsEnd = { pos: 0, col: 0 };
  for (let ln = firstLine; ln < lines.length; ln++) {
    const text = lines[ln]!.text;
    const len = text.length;
    resetBreakTails(tb, text);

    // A `%%` comment left open swallows whole lines, block structure included.
    if (inline.inPercentComment) {
      if (text.indexOf('%%') < 0) continue;
      scanText(ln, text, 0, false);
      continue;
    }

    cur.pos = 0;
    cur.col = 0;
    cur.vcol = 0;
    let quoteBase = 0;
    let matched = 0;
    if (quotes === 0 && isBlankLine(text)) matched = stack.length; // blank lines continue every list item
    for (; matched < stack.length; matched++) {
      const box = stack[matched]!;
      skipWs(text, cur.pos, cur.col, ws);
      const fp = ws.pos;
      const fc = ws.col;
      if (box.kind === 'quote') {
        if (fp < len && fc - cur.vcol <= 3 && text.charCodeAt(fp) === 62) {
          consumeQuote(text, cur, fp, fc);
          quoteBase = cur.vcol;
        } else break;
      } else if (fp >= len) {
        // Blank lines never end a list item on their own.
      } else if (fc >= box.contentCol) {
        advanceTo(text, cur, box.contentCol);
      } else break;
    }
    let allMatched = matched === stack.length;

    if (fence) {
      if (allMatched) {
        skipWs(text, cur.pos, cur.col, ws);
        if (ws.col - cur.vcol <= 3 && isFenceClose(text, ws.pos, fence)) fence = null;
        continue;
      }
      fence = null;
    }
    if (htmlBlock) {
      if (allMatched) {
        if (text.indexOf('-->', cur.pos) >= 0) htmlBlock = false;
        continue;
      }
      htmlBlock = false;
    }

    // New containers: blockquote markers and list items, as many as the line opens.
    let opened = false;
    let inlineFrom = -1;
    for (;;) {
      skipWs(text, cur.pos, cur.col, ws);
      const fp = ws.pos;
      const fc = ws.col;
      if (fp >= len || fc - cur.vcol > 3 || stack.length >= MAX_NESTING) break;
      const ch = text.charCodeAt(fp);
      if (ch === 62 /* > */) {
        if (!opened && !allMatched) truncate(matched);
        if (paragraphOpen) closeParagraph();
        stack.push({ kind: 'quote' });
        quotes++;
        consumeQuote(text, cur, fp, fc);
        quoteBase = cur.vcol;
        opened = true;
        allMatched = true;
        matched = stack.length;
        continue;
      }
      if (isThematicBreak(tb, fp)) break;
      const marker = listMarker(text, fp);
      if (!marker) break;
      const markerEndCol = fc + (marker.end - fp);
      skipWs(text, marker.end, markerEndCol, ws);
      const ap = ws.pos;
      const ac = ws.col;
      const empty = ap >= len;
      if (paragraphOpen && allMatched && !opened && (empty || (marker.ordered && marker.number !== 1))) break;
      if (!opened && !allMatched) truncate(matched);
      if (paragraphOpen) closeParagraph();
      const wide = !empty && ac - markerEndCol >= 5;
      const contentCol = empty || wide ? markerEndCol + 1 : ac;
      let checkbox: string | null = null;
      let contentStart = empty ? len : ap;
      if (!empty && !wide) {
        const box = checkboxAt(text, ap);
        if (box) {
          checkbox = box.symbol;
          contentStart = skipBlanks(text, box.end);
        }
      }
      let parent = -1;
      for (let k = stack.length - 1; k >= 0; k--) {
        const b = stack[k]!;
        if (b.kind === 'item') {
          parent = b.index;
          break;
        }
      }
      const index = out.listItems.length;
      out.listItems.push({
        line: ln,
        prefix: text.slice(0, fp),
        marker: text.slice(fp, marker.end),
        indent: fc - quoteBase,
        parent,
        checkbox,
        contentStart,
      });
      stack.push({ kind: 'item', contentCol, index });
      cur.pos = marker.end;
      cur.col = markerEndCol;
      cur.vcol = markerEndCol;
      advanceTo(text, cur, contentCol);
      inlineFrom = contentStart;
      opened = true;
      allMatched = true;
      matched = stack.length;
    }

    skipWs(text, cur.pos, cur.col, ws);
    const fp = ws.pos;
    const fc = ws.col;
    const blank = fp >= len;
    const rel = fc - cur.vcol;

    if (!allMatched) {
      const lazy = paragraphOpen && !blank && !(rel <= 3 && startsNonParagraphBlock(tb, fp));
      if (lazy) {
        addParagraphLine(ln, text, fp);
        continue;
      }
      truncate(matched);
      if (paragraphOpen) closeParagraph();
    }

    if (blank) {
      if (paragraphOpen) closeParagraph();
      continue;
    }
    if (rel >= 4 && !paragraphOpen) continue; // indented code
    if (rel <= 3) {
      const heading = atxHeading(text, fp);
      if (heading) {
        if (paragraphOpen) closeParagraph();
        const level = heading.level;
        out.headings.push({
          level,
          text: text.slice(heading.start, heading.end),
          line: ln,
          range: { start: { line: ln, character: fp }, end: { line: ln, character: trimEnd(text, len) } },
        });
        const id = scanText(ln, text, heading.start, true);
        if (id) out.blockIds.push(id);
        continue;
      }
      const f = fenceOpen(text, fp);
      if (f) {
        if (paragraphOpen) closeParagraph();
        fence = f;
        continue;
      }
      if (text.startsWith('<!--', fp)) {
        if (paragraphOpen) closeParagraph();
        htmlBlock = text.indexOf('-->', fp + 4) < 0;
        continue;
      }
      if (paragraphOpen && !opened) {
        const level = setextLevel(text, fp);
        if (level) {
          const firstLine = paragraphLines[0]!;
          const firstFrom = paragraphFroms[0]!;
          const parts: string[] = [];
          for (let k = 0; k < paragraphLength; k++) {
            parts.push(lines[paragraphLines[k]!]!.text.slice(paragraphFroms[k]).trim());
          }
          const headingText = parts.join(' ');
          out.headings.push({
            level,
            text: headingText,
            line: firstLine,
            range: { start: { line: firstLine, character: firstFrom }, end: { line: ln, character: trimEnd(text, len) } },
          });
          closeParagraph();
          continue;
        }
      }
      if (isThematicBreak(tb, fp)) {
        if (paragraphOpen) closeParagraph();
        continue;
      }
    }
    addParagraphLine(ln, text, inlineFrom >= 0 ? inlineFrom : fp);
  }
  if (paragraphOpen) closeParagraph();
}

function isBlankLine(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Where a run of spaces and tabs ends: its index and visual column. */
interface WsEnd {
  pos: number;
  col: number;
}

/** Skips spaces and tabs, tracking the visual column; writes the end into `into` (no allocation). */
function skipWs(text: string, pos: number, col: number, into: WsEnd): void {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c === 32) col++;
    else if (c === 9) col += 4 - (col % 4);
    else break;
    pos++;
  }
  into.pos = pos;
  into.col = col;
}

/** Skips spaces and tabs when only the index matters. */
function skipBlanks(text: string, pos: number): number {
  while (pos < text.length) {
    const c = text.charCodeAt(pos);
    if (c !== 32 && c !== 9) break;
    pos++;
  }
  return pos;
}

/** Consumes whitespace up to a visual column; a tab straddling it is left partly consumed. */
function advanceTo(text: string, cur: Cursor, target: number): void {
  while (cur.pos < text.length) {
    const c = text.charCodeAt(cur.pos);
    let end: number;
    if (c === 32) end = cur.col + 1;
    else if (c === 9) end = cur.col + 4 - (cur.col % 4);
    else break;
    if (end > target) break;
    cur.pos++;
    cur.col = end;
  }
  cur.vcol = Math.max(cur.col, target);
}

/** `>` plus one optional space (or one column of a tab). */
function consumeQuote(text: string, cur: Cursor, fp: number, fc: number): void {
  cur.pos = fp + 1;
  cur.col = fc + 1;
  cur.vcol = cur.col;
  const c = text.charCodeAt(cur.pos);
  if (c === 32) {
    cur.pos++;
    cur.col++;
    cur.vcol = cur.col;
  } else if (c === 9) {
    cur.vcol = cur.col + 1;
  }
}

function listMarker(text: string, p: number): Marker | null {
  const c = text.charCodeAt(p);
  let end: number;
  let ordered = false;
  let number = 0;
  if (c === 45 || c === 42 || c === 43) end = p + 1;
  else {
    let k = p;
    while (k < text.length && k - p < 10) {
      const d = text.charCodeAt(k);
      if (d < 48 || d > 57) break;
      k++;
    }
    if (k === p || k - p > 9) return null;
    const d = text.charCodeAt(k);
    if (d !== 46 && d !== 41) return null;
    ordered = true;
    number = Number(text.slice(p, k));
    end = k + 1;
  }
  const after = text.charCodeAt(end);
  if (end < text.length && after !== 32 && after !== 9) return null;
  return { end, ordered, number };
}

/** `[c]` with exactly one character (one code point), followed by whitespace or the line end. */
function checkboxAt(text: string, p: number): { symbol: string; end: number } | null {
  if (text.charCodeAt(p) !== 91) return null;
  const first = text.charCodeAt(p + 1);
  if (Number.isNaN(first)) return null;
  const width = first >= 0xd800 && first <= 0xdbff && p + 2 < text.length ? 2 : 1;
  const close = p + 1 + width;
  if (text.charCodeAt(close) !== 93) return null;
  const after = text.charCodeAt(close + 1);
  if (close + 1 < text.length && after !== 32 && after !== 9) return null;
  return { symbol: text.slice(p + 1, close), end: close + 1 };
}

/**
 * Per line, where the trailing run of one break character (with spaces) starts, so that asking
 * "is the rest a thematic break?" at each of up to MAX_NESTING markers stays O(1).
 */
interface BreakTails {
  text: string;
  tails: number[];
}

/** Plain stores: `Array.prototype.fill` on three slots, once per line, showed up in profiles. */
function resetBreakTails(tb: BreakTails, text: string): void {
  tb.text = text;
  tb.tails[0] = -2;
  tb.tails[1] = -2;
  tb.tails[2] = -2;
}

function isThematicBreak(tb: BreakTails, p: number): boolean {
  const text = tb.text;
  const c = text.charCodeAt(p);
  const slot = c === 45 ? 0 : c === 42 ? 1 : c === 95 ? 2 : -1;
  if (slot < 0) return false;
  let tail = tb.tails[slot]!;
  if (tail === -2) {
    tail = text.length;
    while (tail > 0) {
      const d = text.charCodeAt(tail - 1);
      if (d !== c && d !== 32 && d !== 9) break;
      tail--;
    }
    tb.tails[slot] = tail;
  }
  if (p < tail) return false;
  let count = 0;
  for (let k = p; k < text.length && count < 3; k++) if (text.charCodeAt(k) === c) count++;
  return count >= 3;
}

function atxHeading(text: string, p: number): { level: number; start: number; end: number } | null {
  let k = p;
  while (k < text.length && text.charCodeAt(k) === 35 && k - p < 7) k++;
  const level = k - p;
  if (level < 1 || level > 6) return null;
  if (k < text.length && text.charCodeAt(k) !== 32 && text.charCodeAt(k) !== 9) return null;
  let start = skipBlanks(text, k);
  let end = trimEnd(text, text.length);
  if (start >= end) return { level, start: end, end };
  // An optional closing run of #s, preceded by a space.
  let h = end;
  while (h > start && text.charCodeAt(h - 1) === 35) h--;
  if (h < end) {
    if (h === start) end = start;
    else if (text.charCodeAt(h - 1) === 32 || text.charCodeAt(h - 1) === 9) end = trimEnd(text, h);
  }
  if (start > end) start = end;
  return { level, start, end };
}

function fenceOpen(text: string, p: number): Fence | null {
  const ch = text.charCodeAt(p);
  if (ch !== 96 && ch !== 126) return null;
  let k = p;
  while (k < text.length && text.charCodeAt(k) === ch) k++;
  const len = k - p;
  if (len < 3) return null;
  if (ch === 96 && text.indexOf('`', k) >= 0) return null;
  return { ch, len };
}

function isFenceClose(text: string, p: number, fence: Fence): boolean {
  let k = p;
  while (k < text.length && text.charCodeAt(k) === fence.ch) k++;
  if (k - p < fence.len) return false;
  return skipBlanks(text, k) >= text.length;
}

function setextLevel(text: string, p: number): 1 | 2 | 0 {
  const c = text.charCodeAt(p);
  if (c !== 61 && c !== 45) return 0;
  let k = p;
  while (k < text.length && text.charCodeAt(k) === c) k++;
  if (skipBlanks(text, k) < text.length) return 0;
  return c === 61 ? 1 : 2;
}

/** What may not continue a paragraph lazily: these blocks would start instead. */
function startsNonParagraphBlock(tb: BreakTails, p: number): boolean {
  const text = tb.text;
  return (
    atxHeading(text, p) !== null ||
    fenceOpen(text, p) !== null ||
    text.startsWith('<!--', p) ||
    isThematicBreak(tb, p)
  );
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return end;
}
