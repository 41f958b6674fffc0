/**
 * A small, linear-time lexer that finds the comments of a source file, driven by a
 * {@link CommentSyntax}. It knows strings, character literals, raw strings, template and regex
 * literals, here-documents and embedded `<script>`/`<style>` only as far as needed to skip them:
 * a comment marker inside any of those is not a comment.
 *
 * Every construct is scanned once, left to right; a construct that cannot be closed ends at the
 * end of its line (single-line strings, regex literals) or of the file (block comments,
 * multi-line strings). Nothing here throws on any input.
 */
import type { BlockCommentSyntax, CommentSyntax, LineCommentSyntax, StringSyntax } from './commentSyntax.js';

/** The text of one comment, or of one piece of a nested block comment. */
export interface CommentSegment {
  /** UTF-16 offsets of the comment's content: openers and closers excluded. May span lines. */
  start: number;
  end: number;
  kind: 'line' | 'block';
  /** The opener of a line comment (`//`, `#`, `--`), null for block comments. */
  marker: string | null;
  /** A block comment piece that ends at its closer (so its last line may end with decoration). */
  closed: boolean;
  /**
   * The piece resumes an outer nested comment after an inner one closed (the text after the
   * inner closer in `/* a /* b` + closer + ` here`): its first line is not the start of a comment.
   */
  resumes: boolean;
}

const LF = 10;
const CR = 13;
const TAB = 9;
const SPACE = 32;
const DQUOTE = 34;
const HASH = 35;
const DOLLAR = 36;
const QUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const SLASH = 47;
const LT = 60;
const EQUALS = 61;
const LBRACKET = 91;
const BACKSLASH = 92;
const RBRACKET = 93;
const BACKTICK = 96;
const LBRACE = 123;
const RBRACE = 125;
const MINUS = 45;

export function isLineBreak(c: number): boolean {
  return c === LF || c === CR;
}

/** Horizontal whitespace, including NBSP and a BOM (which never starts a construct). */
export function isBlank(c: number): boolean {
  return c === SPACE || c === TAB || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff ||
    c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f;
}

/** Identifier characters: ASCII letters, digits, `_`, `$`, and anything non-ASCII that is not blank. */
export function isIdentChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === DOLLAR;
  return !isBlank(c) && c !== 0x2028 && c !== 0x2029 && c === c; // c === c: not NaN
}

const regexKeywords = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

interface Compiled {
  syntax: CommentSyntax;
  /** ASCII characters that may start a construct of this syntax. */
  starts: Uint8Array;
  blocks: readonly BlockCommentSyntax[];
  lines: readonly LineCommentSyntax[];
  strings: readonly StringSyntax[];
}

const compiledCache = new WeakMap<CommentSyntax, Compiled>();

function compile(syntax: CommentSyntax): Compiled {
  const cached = compiledCache.get(syntax);
  if (cached) return cached;
  const starts = new Uint8Array(128);
  const mark = (s: string): void => {
    const c = s.charCodeAt(0);
    if (c < 128) starts[c] = 1;
  };
  for (const b of syntax.blockComments) mark(b.open);
  for (const l of syntax.lineComments) mark(l.open);
  for (const s of syntax.strings) mark(s.open);
  if (syntax.charLiterals) mark("'");
  if (syntax.templateLiterals) mark('`');
  if (syntax.regexLiterals) mark('/');
  if (syntax.rawStrings === 'swift') mark('#');
  if (syntax.longBrackets) { mark('['); mark('-'); }
  if (syntax.heredocs) mark('<');
  if (syntax.escapeOutsideStrings) mark('\\');
  if (syntax.embedded) mark('<');
  const byLength = <T extends { open: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => b.open.length - a.open.length);
  const compiled: Compiled = {
    syntax,
    starts,
    blocks: byLength(syntax.blockComments),
    lines: byLength(syntax.lineComments),
    strings: byLength(syntax.strings),
  };
  compiledCache.set(syntax, compiled);
  return compiled;
}

/**
 * Calls `emit` for every comment of `text`, in order. A leading `#!` line (a shebang, not Rust's
 * `#![attr]`) is skipped. Linear in the length of the text.
 */
export function lexComments(text: string, syntax: CommentSyntax, emit: (segment: CommentSegment) => void): void {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  if (text.startsWith('#!', start) && text.charCodeAt(start + 2) !== LBRACKET) {
    while (start < text.length && !isLineBreak(text.charCodeAt(start))) start++;
  }
  new Lexer(text, 0, compile(syntax), emit).run(start);
}

interface Heredoc {
  delimiter: string;
  indented: boolean;
}

class Lexer {
  private readonly n: number;
  private readonly syntax: CommentSyntax;
  /** A `/` here would start a regex literal (JavaScript). */
  private regexOk = true;
  /** Regex literals are off until this offset, after one failed to close on its line. */
  private noRegexBefore = -1;
  /** Only blanks (or a string prefix) since the start of the line. */
  private lineStart = true;
  /** Brace depth inside the current `${…}`, and the depths of the enclosing ones. */
  private braceDepth = 0;
  private readonly templates: number[] = [];
  private readonly heredocs: Heredoc[] = [];
  /** Where the closer of the last scanned string began. */
  private closeStart = 0;
  /**
   * Set when a run of characters turned out not to start a construct (Haskell `--->`, PHP `##[`,
   * Swift `###` without a quote): the run is skipped whole, so it is never rescanned.
   */
  private runEnd = -1;
  /** Memo: there is no `>` at or after this offset, so no more tags to read. */
  private noTagEndAfter = Number.POSITIVE_INFINITY;

  constructor(
    private readonly src: string,
    /** Offset of `src` in the whole text (embedded sections are lexed from a slice). */
    private readonly base: number,
    private readonly compiled: Compiled,
    private readonly emit: (segment: CommentSegment) => void,
  ) {
    this.n = src.length;
    this.syntax = compiled.syntax;
  }

  run(from: number): void {
    const { src, n } = this;
    const starts = this.compiled.starts;
    let i = from;
    while (i < n) {
      const c = src.charCodeAt(i);
      if (c === LF || c === CR) {
        i++;
        if (c === CR && src.charCodeAt(i) === LF) i++;
        this.lineStart = true;
        if (this.heredocs.length > 0) i = this.skipHeredocs(i);
        continue;
      }
      if (isBlank(c)) {
        i++;
        continue;
      }
      if (c < 128 && starts[c] === 1) {
        const next = this.construct(i, c);
        if (next >= 0) {
          i = next;
          continue;
        }
      }
      if (isIdentChar(c)) {
        i = this.word(i);
        continue;
      }
      i = this.punctuation(i, c);
    }
  }

  private segment(start: number, end: number, kind: 'line' | 'block', marker: string | null, closed: boolean, resumes = false): void {
    this.emit({ start: this.base + start, end: this.base + end, kind, marker, closed, resumes });
  }

  private punctuation(i: number, c: number): number {
    this.lineStart = false;
    this.regexOk = !(c === RPAREN || c === RBRACKET);
    if (this.syntax.templateLiterals) {
      if (c === LBRACE) this.braceDepth++;
      else if (c === RBRACE) {
        if (this.braceDepth === 0 && this.templates.length > 0) {
          this.braceDepth = this.templates.pop() ?? 0;
          return this.template(i + 1);
        }
        if (this.braceDepth > 0) this.braceDepth--;
      }
    }
    return i + 1;
  }

  /** Scans an identifier or number; handles raw-string and docstring prefixes. */
  private word(i: number): number {
    const { src, n, syntax } = this;
    const first = src.charCodeAt(i);
    const isNumber = first >= 48 && first <= 57;
    let j = i + 1;
    while (j < n) {
      const ch = src.charCodeAt(j);
      if (isIdentChar(ch)) {
        j++;
        continue;
      }
      if (ch === QUOTE) {
        if (isNumber ? syntax.digitSeparators && isIdentChar(src.charCodeAt(j + 1)) : syntax.primeIdentifiers) {
          j++;
          continue;
        }
      }
      break;
    }
    const next = src.charCodeAt(j);
    const length = j - i;
    if (syntax.rawStrings === 'rust' && length <= 2 && (next === DQUOTE || next === HASH)) {
      const w = src.slice(i, j);
      if (w === 'r' || w === 'br' || w === 'cr') {
        const end = this.hashedRaw(j);
        if (end >= 0) return this.afterLiteral(end);
      }
    }
    if (syntax.rawStrings === 'cpp' && next === DQUOTE && length <= 3 && src.charCodeAt(j - 1) === 82 /* R */) {
      const w = src.slice(i, j);
      if (w === 'R' || w === 'u8R' || w === 'uR' || w === 'UR' || w === 'LR') {
        const end = this.cppRaw(j);
        if (end >= 0) return this.afterLiteral(end);
      }
    }
    if (this.lineStart && length <= 2 && (next === DQUOTE || next === QUOTE) && /^[rbuft]{1,2}$/i.test(src.slice(i, j))) {
      // A Python string prefix: the string that follows may still be a docstring.
      this.regexOk = false;
      return j;
    }
    this.lineStart = false;
    this.regexOk = syntax.regexLiterals === true && length <= 10 && regexKeywords.has(src.slice(i, j));
    return j;
  }

  private afterLiteral(end: number): number {
    this.regexOk = false;
    this.lineStart = false;
    return end;
  }

  private atLineStart(i: number): boolean {
    return i === 0 || isLineBreak(this.src.charCodeAt(i - 1));
  }

  /** Tries every construct that can start with `c` at `i`; the offset after it, or -1. */
  private construct(i: number, c: number): number {
    const { src, syntax, compiled } = this;
    if (c === BACKSLASH && syntax.escapeOutsideStrings) {
      return isLineBreak(src.charCodeAt(i + 1)) ? i + 1 : Math.min(i + 2, this.n);
    }
    if (syntax.longBrackets && c === MINUS && src.startsWith('--[', i)) {
      const end = this.longBracket(i + 2, 'block');
      if (end >= 0) return end;
    }
    for (const block of compiled.blocks) {
      if (block.open.charCodeAt(0) === c && src.startsWith(block.open, i) && (!block.atLineStart || this.atLineStart(i))) {
        return this.blockComment(i, block);
      }
    }
    for (const line of compiled.lines) {
      if (line.open.charCodeAt(0) === c && src.startsWith(line.open, i) && this.lineCommentHere(i, line)) {
        return this.lineComment(i, line.open);
      }
    }
    if (syntax.rawStrings === 'swift' && c === HASH) {
      const end = this.hashedRaw(i);
      if (end >= 0) return this.afterLiteral(end);
    }
    if (this.runEnd > i) {
      const end = this.runEnd;
      this.runEnd = -1;
      this.lineStart = false;
      this.regexOk = true;
      return end;
    }
    for (const str of compiled.strings) {
      if (str.open.charCodeAt(0) === c && src.startsWith(str.open, i) && (!str.atWordStart || this.atWordStart(i, '[{,('))) {
        return this.string(i, str);
      }
    }
    if (c === QUOTE && syntax.charLiterals) {
      const prev = src.charCodeAt(i - 1);
      if (syntax.primeIdentifiers && i > 0 && (isIdentChar(prev) || prev === RPAREN || prev === RBRACKET)) return -1;
      const end = this.charLiteral(i);
      return end >= 0 ? this.afterLiteral(end) : -1;
    }
    if (c === BACKTICK && syntax.templateLiterals) {
      this.lineStart = false;
      return this.template(i + 1);
    }
    if (c === SLASH && syntax.regexLiterals && this.regexOk && i >= this.noRegexBefore) {
      return this.regex(i);
    }
    if (c === LBRACKET && syntax.longBrackets) {
      const end = this.longBracket(i, 'string');
      if (end >= 0) return this.afterLiteral(end);
    }
    if (c === LT && syntax.heredocs && src.charCodeAt(i + 1) === LT) {
      return this.heredoc(i);
    }
    if (c === LT && syntax.embedded) {
      return this.embedded(i);
    }
    return -1;
  }

  private atWordStart(i: number, extra: string): boolean {
    if (i === 0) return true;
    const prev = this.src.charCodeAt(i - 1);
    return isBlank(prev) || isLineBreak(prev) || extra.includes(this.src.charAt(i - 1));
  }

  private lineCommentHere(i: number, rule: LineCommentSyntax): boolean {
    const { src } = this;
    if (rule.atLineStart && !this.lineStart) return false;
    if (rule.atWordStart && !this.atWordStart(i, ';|&()')) return false;
    if (i > 0) {
      const prev = src.charCodeAt(i - 1);
      if (rule.notAfter && rule.notAfter.includes(src.charAt(i - 1))) return false;
      if (rule.notAfterWord && isIdentChar(prev)) return false;
    }
    if (rule.notFollowedBy) {
      const last = rule.open.charCodeAt(rule.open.length - 1);
      let j = i + rule.open.length;
      while (src.charCodeAt(j) === last) j++;
      if (j < this.n && rule.notFollowedBy.includes(src.charAt(j))) {
        this.runEnd = j;
        return false;
      }
    }
    return true;
  }

  private lineComment(i: number, marker: string): number {
    const { src, n } = this;
    let j = i + marker.length;
    while (j < n && !isLineBreak(src.charCodeAt(j))) j++;
    this.segment(i + marker.length, j, 'line', marker, false);
    return j;
  }

  private blockComment(i: number, rule: BlockCommentSyntax): number {
    const { src, n } = this;
    const { open, close } = rule;
    let j = i + open.length;
    // `=head1 TODO`, `=begin`: the rest of a line-start opener's line is a directive, not text.
    if (rule.atLineStart) while (j < n && !isLineBreak(src.charCodeAt(j))) j++;
    if (!rule.nested) {
      let k = src.indexOf(close, j);
      if (rule.atLineStart) while (k >= 0 && !this.atLineStart(k)) k = src.indexOf(close, k + 1);
      if (k < 0) {
        this.segment(j, n, 'block', null, false);
        return n;
      }
      this.segment(j, k, 'block', null, true);
      return k + close.length;
    }
    const o0 = open.charCodeAt(0);
    const c0 = close.charCodeAt(0);
    let depth = 1;
    let segmentStart = j;
    let resumes = false;
    while (j < n) {
      const ch = src.charCodeAt(j);
      if (ch === o0 && src.startsWith(open, j)) {
        this.segment(segmentStart, j, 'block', null, false, resumes);
        depth++;
        j += open.length;
        segmentStart = j;
        resumes = false;
      } else if (ch === c0 && src.startsWith(close, j)) {
        this.segment(segmentStart, j, 'block', null, true, resumes);
        depth--;
        j += close.length;
        segmentStart = j;
        resumes = true;
        if (depth === 0) return j;
      } else {
        j++;
      }
    }
    this.segment(segmentStart, n, 'block', null, false, resumes);
    return n;
  }

  private string(i: number, rule: StringSyntax): number {
    const { n } = this;
    const wasLineStart = this.lineStart;
    const start = i + rule.open.length;
    const end = this.scanString(start, rule);
    if (rule.docstring && wasLineStart) {
      this.segment(start, this.closeStart, 'block', null, this.closeStart < n);
      // The rest of the line after a docstring is code again, but not a statement start.
    }
    return this.afterLiteral(end);
  }

  /** Scans a string body from `j`; returns the offset after its closer and sets `closeStart`. */
  private scanString(j: number, rule: StringSyntax): number {
    const { src, n } = this;
    const { close } = rule;
    const escape = rule.escape ? rule.escape.charCodeAt(0) : -1;
    const c0 = close.charCodeAt(0);
    while (j < n) {
      const ch = src.charCodeAt(j);
      if (ch === escape) {
        // An escaped line break continues even a single-line string (C, Python, shell).
        j += src.charCodeAt(j + 1) === CR && src.charCodeAt(j + 2) === LF ? 3 : 2;
        continue;
      }
      if (ch === c0 && src.startsWith(close, j)) {
        if (rule.doubled && src.startsWith(close, j + close.length)) {
          j += 2 * close.length;
          continue;
        }
        this.closeStart = j;
        return ch === LF ? j : j + close.length;
      }
      if (!rule.multiline && isLineBreak(ch)) {
        this.closeStart = j;
        return j;
      }
      j++;
    }
    this.closeStart = n;
    return Math.min(j, n);
  }

  /** `'x'`, `'\n'`, `'\u{1F600}'`: the offset after it, or -1 when `'` starts no character literal. */
  private charLiteral(i: number): number {
    const { src } = this;
    const c1 = src.charCodeAt(i + 1);
    if (c1 !== c1 || isLineBreak(c1) || c1 === QUOTE) return -1;
    if (c1 === BACKSLASH) {
      const limit = Math.min(this.n, i + 14);
      for (let k = i + 3; k < limit; k++) {
        const ch = src.charCodeAt(k);
        if (isLineBreak(ch)) return -1;
        if (ch === QUOTE) return k + 1;
      }
      return -1;
    }
    const width = c1 >= 0xd800 && c1 <= 0xdbff ? 2 : 1;
    return src.charCodeAt(i + 1 + width) === QUOTE ? i + 2 + width : -1;
  }

  /** Rust `r#"…"#` (from the hashes or quote after the prefix) and Swift `#"…"#`. -1 if not one. */
  private hashedRaw(j: number): number {
    const { src, n } = this;
    let k = j;
    while (src.charCodeAt(k) === HASH) k++;
    const hashes = k - j;
    if (src.charCodeAt(k) !== DQUOTE) {
      if (hashes > 1 && this.syntax.rawStrings === 'swift') this.runEnd = k;
      return -1;
    }
    if (this.syntax.rawStrings === 'swift' && hashes === 0) return -1;
    const triple = this.syntax.rawStrings === 'swift' && src.startsWith('"""', k);
    const close = (triple ? '"""' : '"') + '#'.repeat(hashes);
    const end = src.indexOf(close, k + (triple ? 3 : 1));
    return end < 0 ? n : end + close.length;
  }

  /** C++ `R"delim(…)delim"` from the quote. -1 if the delimiter is malformed. */
  private cppRaw(j: number): number {
    const { src, n } = this;
    let k = j + 1;
    while (k < n && k - j <= 17) {
      const ch = src.charCodeAt(k);
      if (ch === LPAREN) break;
      if (ch === RPAREN || ch === BACKSLASH || isBlank(ch) || isLineBreak(ch)) return -1;
      k++;
    }
    if (src.charCodeAt(k) !== LPAREN) return -1;
    const close = ')' + src.slice(j + 1, k) + '"';
    const end = src.indexOf(close, k + 1);
    return end < 0 ? n : end + close.length;
  }

  /** Lua long bracket `[==[ … ]==]` at `i`; for a comment `i` is after `--`. -1 if not one. */
  private longBracket(i: number, kind: 'block' | 'string'): number {
    const { src, n } = this;
    if (src.charCodeAt(i) !== LBRACKET) return -1;
    let k = i + 1;
    while (src.charCodeAt(k) === EQUALS) k++;
    if (src.charCodeAt(k) !== LBRACKET) return -1;
    const close = ']' + '='.repeat(k - i - 1) + ']';
    const end = src.indexOf(close, k + 1);
    if (kind === 'block') this.segment(k + 1, end < 0 ? n : end, 'block', null, end >= 0);
    return end < 0 ? n : end + close.length;
  }

  /** A template literal body from `j` up to its closing backtick or a `${`. */
  private template(j: number): number {
    const { src, n } = this;
    while (j < n) {
      const ch = src.charCodeAt(j);
      if (ch === BACKSLASH) {
        j += 2;
      } else if (ch === BACKTICK) {
        return this.afterLiteral(j + 1);
      } else if (ch === DOLLAR && src.charCodeAt(j + 1) === LBRACE) {
        this.templates.push(this.braceDepth);
        this.braceDepth = 0;
        this.regexOk = true;
        return j + 2;
      } else {
        j++;
      }
    }
    return n;
  }

  private regex(i: number): number {
    const { src, n } = this;
    let inClass = false;
    let j = i + 1;
    while (j < n) {
      const ch = src.charCodeAt(j);
      if (isLineBreak(ch)) break;
      if (ch === BACKSLASH) {
        if (isLineBreak(src.charCodeAt(j + 1))) break;
        j += 2;
        continue;
      }
      if (ch === LBRACKET) inClass = true;
      else if (ch === RBRACKET) inClass = false;
      else if (ch === SLASH && !inClass) return this.afterLiteral(j + 1);
      j++;
    }
    // Not a regex after all (or an unterminated one): division, and no regex again on this line.
    this.noRegexBefore = Math.min(j, n);
    return -1;
  }

  private heredoc(i: number): number {
    const { src } = this;
    const flavour = this.syntax.heredocs;
    let j = i + 2;
    if (src.charCodeAt(j) === LT) {
      if (flavour !== 'php') return j + 1; // shell here-string `<<<`
      j++;
    } else if (flavour === 'php') {
      return -1;
    }
    let indented = flavour === 'php';
    const flag = src.charCodeAt(j);
    if ((flag === MINUS && flavour !== 'php') || (flag === 126 /* ~ */ && (flavour === 'ruby' || flavour === 'perl'))) {
      indented = true;
      j++;
    }
    if (flavour === 'shell' || flavour === 'php') while (src.charCodeAt(j) === SPACE || src.charCodeAt(j) === TAB) j++;
    let quote = src.charCodeAt(j);
    if (quote === BACKSLASH && flavour === 'shell') quote = DQUOTE; // <<\EOF
    else if (quote !== DQUOTE && quote !== QUOTE && quote !== BACKTICK) quote = -1;
    if (quote !== -1) j++;
    const nameStart = j;
    const firstChar = src.charCodeAt(j);
    const upper = firstChar >= 65 && firstChar <= 90;
    const letter = upper || (firstChar >= 97 && firstChar <= 122) || firstChar === 95;
    if (!letter || (flavour === 'ruby' && quote === -1 && !upper)) return -1;
    while (j < this.n && isIdentChar(src.charCodeAt(j)) && src.charCodeAt(j) !== DOLLAR) j++;
    const delimiter = src.slice(nameStart, j);
    if (quote !== -1) {
      if (src.charCodeAt(j) === quote) j++;
      else if (src.charCodeAt(nameStart - 1) !== BACKSLASH) return -1;
    }
    this.heredocs.push({ delimiter, indented });
    this.lineStart = false;
    return j;
  }

  /** Skips the bodies of pending here-documents, starting at the line at `i`. */
  private skipHeredocs(i: number): number {
    const { src, n } = this;
    const php = this.syntax.heredocs === 'php';
    for (const doc of this.heredocs) {
      let found = false;
      while (i < n && !found) {
        let e = i;
        while (e < n && !isLineBreak(src.charCodeAt(e))) e++;
        const line = src.slice(i, e);
        const text = doc.indented ? line.trim() : line;
        found = text === doc.delimiter ||
          (php && text.startsWith(doc.delimiter) && !isIdentChar(text.charCodeAt(doc.delimiter.length)));
        i = e;
        if (src.charCodeAt(i) === CR) i++;
        if (src.charCodeAt(i) === LF) i++;
        if (found && php) {
          // `EOT;` or `EOT);` — the rest of the closing line is code; rescan it from the line start.
          i = e - line.length + line.indexOf(doc.delimiter) + doc.delimiter.length;
        }
      }
      if (!found) i = n;
    }
    this.heredocs.length = 0;
    return i;
  }

  /** `<script>` and `<style>` elements: their content is lexed with the embedded syntax. */
  private embedded(i: number): number {
    const { src, n } = this;
    const embedded = this.syntax.embedded;
    if (!embedded) return -1;
    const tag = src.slice(i + 1, i + 7).toLowerCase();
    const name = tag === 'script' ? 'script' : tag.startsWith('style') ? 'style' : null;
    if (!name) return -1;
    const after = src.charCodeAt(i + 1 + name.length);
    if (!(isBlank(after) || isLineBreak(after) || after === 62 /* > */ || after === SLASH)) return -1;
    if (i >= this.noTagEndAfter) return -1;
    const gt = src.indexOf('>', i);
    if (gt < 0) {
      this.noTagEndAfter = i;
      return -1;
    }
    if (src.charCodeAt(gt - 1) === SLASH) return gt + 1;
    const closer = new RegExp(`</${name}`, 'ig');
    closer.lastIndex = gt + 1;
    const found = closer.exec(src);
    const end = found ? found.index : n;
    const lang = /\blang\s*=\s*["']?([\w-]+)/i.exec(src.slice(i, gt))?.[1]?.toLowerCase() ?? '';
    const inner = name === 'script' ? embedded.script : (embedded.style[lang] ?? embedded.style['']);
    if (inner) {
      new Lexer(src.slice(gt + 1, end), this.base + gt + 1, compile(inner), this.emit).run(0);
    }
    return end;
  }
}
