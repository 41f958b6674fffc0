/**
 * TODO / FIXME / HACK / XXX / BUG comments in source files, found as tasks.
 *
 * What counts (the conventions of Todo Tree and leasot):
 * - The keyword must be inside a real comment of the file's language (see `lexer.ts`): a
 *   `"// TODO"` in a string, a template literal, a raw string or a here-document is not a task.
 * - It must be the first word of the comment, after the marker and any decoration (`///`, `//!`,
 *   ` * ` in a block, `##`, `--`), optionally with `@` (`@TODO`). One exception: a line comment
 *   may hold a second marker, as in `x = 1  # noqa: E501  # TODO: y`.
 * - Whole words, upper-case by default: `todo` in prose, `TODOS`, `TODO_LIST`, `XXXL` are not
 *   tasks. `caseSensitive: false` accepts `todo:` too.
 * - After the keyword: `:`, `(owner)` (then `:` or whitespace or nothing), whitespace (then an
 *   optional `-` or `:` separator), or the end of the comment. `TODO.`, `TODO-x`, `TODO=` are not.
 * - One task per comment line. In a block comment every line is looked at on its own: a TODO on
 *   any line counts, and the lines that follow it are not merged into its body (they are often
 *   unrelated, and a task is one line everywhere else in Scriptorium). At most one task per
 *   physical line: the first.
 *
 * Columns are UTF-16 offsets into the line as it appears in `text` (a BOM, if left in the text,
 * is column 0 of line 0); lines end at `\n`, `\r\n` or `\r`.
 */
import { commentSyntaxFor, type CommentSyntax } from './commentSyntax.js';
import { isBlank, isIdentChar, isLineBreak, lexComments, type CommentSegment } from './lexer.js';

export interface TodoComment {
  /** Zero-based line. */
  line: number;
  /** The keyword as written, e.g. `TODO` (or `todo` when matching case-insensitively). */
  keyword: string;
  /** UTF-16 column of the keyword in its line (after an `@`, if any). */
  keywordColumn: number;
  /** `alice` in `TODO(alice): …`; null when absent or empty. */
  owner: string | null;
  /**
   * The text after `TODO:` / `TODO(x):` / `TODO -`, trimmed, without the comment's closer
   * (star-slash, `-->`, `-}`, `"""`) or closing decoration (`**` before star-slash). May be empty (`// TODO`).
   */
  body: string;
  /** UTF-16 columns of the body in its line: `lineText.slice(bodyStart, bodyEnd) === body`. */
  bodyStart: number;
  bodyEnd: number;
  commentKind: 'line' | 'block';
}

export interface TodoCommentOptions {
  /** Keywords to look for; default {@link DEFAULT_TODO_KEYWORDS}. Empty strings are ignored. */
  keywords?: readonly string[];
  /** Match keywords case-sensitively (default true: `todo` in prose is not a task). */
  caseSensitive?: boolean;
}

/**
 * Todo Tree's default tags, less its markdown checkboxes. NOTE is left out on purpose: a note is
 * not a task. Add it (or anything else) with `options.keywords`.
 */
export const DEFAULT_TODO_KEYWORDS: readonly string[] = Object.freeze(['TODO', 'FIXME', 'HACK', 'XXX', 'BUG']);

/** The TODO comments of a source file; [] for files without a known comment syntax. */
export function extractTodoComments(path: string, text: string, options?: TodoCommentOptions): TodoComment[] {
  const syntax = commentSyntaxFor(path);
  return syntax ? extractTodoCommentsWithSyntax(syntax, text, options) : [];
}

/** The same, for a syntax chosen by the caller (a language id from the editor, say). */
export function extractTodoCommentsWithSyntax(syntax: CommentSyntax, text: string, options?: TodoCommentOptions): TodoComment[] {
  const caseSensitive = options?.caseSensitive ?? true;
  const keywords = [...new Set((options?.keywords ?? DEFAULT_TODO_KEYWORDS).filter((k) => k.length > 0))]
    .sort((a, b) => b.length - a.length);
  if (keywords.length === 0 || typeof text !== 'string' || text.length === 0) return [];
  // Most files have no keyword at all: one linear search saves lexing them.
  const anyKeyword = new RegExp(keywords.map(escapeRegExp).join('|'), caseSensitive ? '' : 'i');
  if (!anyKeyword.test(text)) return [];

  const matcher = new Matcher(text, keywords, caseSensitive);
  lexComments(text, syntax, (segment) => matcher.segment(segment));
  return matcher.found;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Decoration allowed between a comment marker and the keyword. */
const decoration = new Set([...'*!/#-;%|=~'].map((ch) => ch.charCodeAt(0)));
const COLON = 58;
const LPAREN = 40;
const RPAREN = 41;
const AT = 64;
const dashes = new Set([45, 0x2013, 0x2014]); // - – —
const MAX_OWNER = 120;

interface Match {
  keywordStart: number;
  keywordEnd: number;
  owner: string | null;
  bodyStart: number;
  bodyEnd: number;
}

class Matcher {
  readonly found: TodoComment[] = [];
  private lineStarts: number[] | null = null;
  private lastLine = -1;
  private readonly upperKeywords: string[];

  constructor(
    private readonly text: string,
    private readonly keywords: readonly string[],
    private readonly caseSensitive: boolean,
  ) {
    this.upperKeywords = keywords.map((k) => k.toUpperCase());
  }

  /** Splits a comment into its lines and looks for a keyword in each. */
  segment(seg: CommentSegment): void {
    const { text } = this;
    let pieceStart = seg.start;
    let pieceLine = -1; // computed lazily, only when a piece matches
    for (let j = seg.start; j <= seg.end; j++) {
      const atEnd = j === seg.end;
      const ch = atEnd ? -1 : text.charCodeAt(j);
      if (!atEnd && !isLineBreak(ch)) continue;
      const resumed = seg.resumes && pieceStart === seg.start;
      const match = resumed ? null : this.piece(pieceStart, j, seg, atEnd && seg.closed);
      if (match) {
        if (pieceLine < 0) pieceLine = this.lineOf(pieceStart);
        this.record(pieceLine, match, seg.kind);
      }
      if (atEnd) break;
      if (ch === 13 && text.charCodeAt(j + 1) === 10 && j + 1 < seg.end) j++;
      pieceStart = j + 1;
      if (pieceLine >= 0) pieceLine++;
    }
  }

  private record(line: number, m: Match, kind: 'line' | 'block'): void {
    if (line <= this.lastLine) return; // one task per line
    this.lastLine = line;
    const lineStart = this.lineStarts?.[line] ?? 0;
    const { text } = this;
    this.found.push({
      line,
      keyword: text.slice(m.keywordStart, m.keywordEnd),
      keywordColumn: m.keywordStart - lineStart,
      owner: m.owner,
      body: text.slice(m.bodyStart, m.bodyEnd),
      bodyStart: m.bodyStart - lineStart,
      bodyEnd: m.bodyEnd - lineStart,
      commentKind: kind,
    });
  }

  private lineOf(offset: number): number {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** One line of a comment, [start, end): a keyword at its start, or after a second marker. */
  private piece(start: number, end: number, seg: CommentSegment, closesComment: boolean): Match | null {
    const { text } = this;
    const first = this.skipDecoration(start, end);
    const m = this.keywordAt(first, end, closesComment);
    if (m || seg.kind !== 'line' || !seg.marker || end - first < seg.marker.length) return m;
    // `# noqa  # TODO: x`: a marker inside the comment starts another comment.
    const marker = seg.marker;
    const body = text.slice(first, end);
    let from = 1;
    while (from < body.length) {
      const k = body.indexOf(marker, from);
      if (k < 0) return null;
      const at = this.skipDecoration(first + k + marker.length, end);
      const inner = this.keywordAt(at, end, closesComment);
      if (inner) return inner;
      from = Math.max(k + 1, at - first);
    }
    return null;
  }

  private skipDecoration(p: number, end: number): number {
    const { text } = this;
    while (p < end) {
      const ch = text.charCodeAt(p);
      if (isBlank(ch) || decoration.has(ch)) p++;
      else break;
    }
    return p;
  }

  private keywordAt(p: number, end: number, closesComment: boolean): Match | null {
    const { text } = this;
    if (text.charCodeAt(p) === AT) p++;
    if (p >= end) return null;
    for (let k = 0; k < this.keywords.length; k++) {
      const keyword = this.keywords[k] ?? '';
      const q = p + keyword.length;
      if (q > end) continue;
      const same = this.caseSensitive
        ? text.startsWith(keyword, p)
        : text.slice(p, q).toUpperCase() === this.upperKeywords[k];
      if (!same) continue;
      // A whole word: the keyword cannot run on into an identifier (`TODOS`, `XXXL`).
      if (q < end && isIdentChar(text.charCodeAt(q - 1)) && isIdentChar(text.charCodeAt(q))) continue;
      const rest = this.afterKeyword(q, end, closesComment);
      if (rest) return { keywordStart: p, keywordEnd: q, ...rest };
    }
    return null;
  }

  /** `:`, `(owner)`, whitespace (+ `-`/`:`), or the end; then the body. */
  private afterKeyword(q: number, end: number, closesComment: boolean): Omit<Match, 'keywordStart' | 'keywordEnd'> | null {
    const { text } = this;
    let owner: string | null = null;
    let r = q;
    if (r < end && text.charCodeAt(r) === LPAREN) {
      const limit = Math.min(end, r + MAX_OWNER);
      let close = -1;
      for (let k = r + 1; k < limit; k++) {
        if (text.charCodeAt(k) === RPAREN) {
          close = k;
          break;
        }
      }
      if (close < 0) return null;
      owner = text.slice(r + 1, close).trim() || null;
      r = close + 1;
    }
    if (r < end) {
      const ch = text.charCodeAt(r);
      if (ch === COLON) {
        r++;
      } else if (isBlank(ch)) {
        while (r < end && isBlank(text.charCodeAt(r))) r++;
        const sep = text.charCodeAt(r);
        if (r < end && (sep === COLON || (dashes.has(sep) && (r + 1 === end || isBlank(text.charCodeAt(r + 1)))))) r++;
      } else {
        return null;
      }
    }
    while (r < end && isBlank(text.charCodeAt(r))) r++;
    let bodyEnd = end;
    while (bodyEnd > r && isBlank(text.charCodeAt(bodyEnd - 1))) bodyEnd--;
    if (closesComment) {
      // `/* TODO: x **/`, `<!-- TODO: x --->`: closing decoration, after a blank, is not body.
      let d = bodyEnd;
      while (d > r && decoration.has(text.charCodeAt(d - 1))) d--;
      if (d < bodyEnd && (d === r || isBlank(text.charCodeAt(d - 1)))) {
        bodyEnd = d;
        while (bodyEnd > r && isBlank(text.charCodeAt(bodyEnd - 1))) bodyEnd--;
      }
    }
    return { owner, bodyStart: r, bodyEnd };
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
