/**
 * Comment syntaxes of source files, chosen by file extension or file name.
 *
 * A syntax is plain data: the comment markers, plus just enough about the language's string
 * literals (and a few lexical oddities) for the lexer in `lexer.ts` to tell a real comment from
 * `"// TODO"` inside a string. It is deliberately not a tokenizer for the language: every rule
 * here exists because a comment marker can hide inside that construct.
 *
 * Markdown is not a code file here: notes are parsed by core/markdown.
 */

export interface LineCommentSyntax {
  /** The marker, e.g. `//`, `#`, `--`. Longer variants (`///`, `//!`, `##`) need no entry. */
  readonly open: string;
  /**
   * Only where a shell word may start: at a line start, after whitespace or after one of
   * `;|&()`. In shell and YAML `a#b`, `${#x}` and `http://x/#frag` are not comments.
   */
  readonly atWordStart?: boolean;
  /** Only as the first thing on its line (after indentation), as in INI files. */
  readonly atLineStart?: boolean;
  /** Not a comment right after one of these characters (Perl `$#array`). */
  readonly notAfter?: string;
  /** Not a comment right after an identifier character (Perl `s#a#b#`, `qw#x#`). */
  readonly notAfterWord?: boolean;
  /**
   * Not a comment when the marker, with any repeats of its last character, is followed by one of
   * these (PHP's `#[Attribute]`, Haskell operators such as `-->`).
   */
  readonly notFollowedBy?: string;
}

export interface BlockCommentSyntax {
  readonly open: string;
  readonly close: string;
  /** Comments nest (Rust, Swift, Kotlin, Scala, Dart, Haskell, OCaml, Julia, Nim). */
  readonly nested?: boolean;
  /** Opener and closer only count at the start of a line (Ruby `=begin`/`=end`, Perl POD). */
  readonly atLineStart?: boolean;
}

export interface StringSyntax {
  readonly open: string;
  /** `'\n'` for strings that run to the end of the line (Zig's `\\` lines). */
  readonly close: string;
  /** The escape character inside the string: `\` mostly, `` ` `` in PowerShell. None if absent. */
  readonly escape?: string;
  /** A doubled closer stands for one closer inside the string (SQL `'it''s'`). */
  readonly doubled?: boolean;
  /**
   * The string may span lines. A single-line string that is still open at a line end stops
   * there, which keeps the damage of a misread quote (an apostrophe in JSX text) to one line.
   */
  readonly multiline?: boolean;
  /** Only where a value may start: at a line start, after whitespace or `[{,(` (YAML `it's`). */
  readonly atWordStart?: boolean;
  /**
   * When this string is the first thing on its line it is a docstring, read as a block comment
   * (Python and Julia `"""`). Anywhere else (`x = """…"""`) it is a string.
   */
  readonly docstring?: boolean;
}

export interface EmbeddedSyntaxes {
  /** The content of `<script>` elements. */
  readonly script: CommentSyntax;
  /** The content of `<style>` elements, by `lang` attribute; `''` is plain CSS. */
  readonly style: Readonly<Record<string, CommentSyntax>>;
}

export interface CommentSyntax {
  /** A short language (family) name, e.g. `typescript`, `python`, `shell`. */
  readonly language: string;
  readonly lineComments: readonly LineCommentSyntax[];
  readonly blockComments: readonly BlockCommentSyntax[];
  /** Longer openers are tried first whatever their order here. */
  readonly strings: readonly StringSyntax[];
  /** `'x'` / `'\n'` are character literals; a lone `'` (Rust lifetime, OCaml type variable) is not. */
  readonly charLiterals?: boolean;
  /** `'` after an identifier or a closing bracket is part of the name or an operator (Haskell `foldl'`, Julia `A'`). */
  readonly primeIdentifiers?: boolean;
  /** `'` inside a number is a digit separator (C++14 `1'000'000`). */
  readonly digitSeparators?: boolean;
  /** JavaScript template literals, with `${…}` code inside them. */
  readonly templateLiterals?: boolean;
  /** JavaScript regular expression literals (`/"/`), told from division by the token before. */
  readonly regexLiterals?: boolean;
  /** Raw strings: Rust `r#"…"#`, C++ `R"d(…)d"`, Swift `#"…"#`. */
  readonly rawStrings?: 'rust' | 'cpp' | 'swift';
  /** Lua long brackets: strings `[[…]]`, `[==[…]==]` and comments `--[[…]]`. */
  readonly longBrackets?: boolean;
  /** Here-documents, whose lines are text, not code. */
  readonly heredocs?: 'shell' | 'ruby' | 'perl' | 'php';
  /** A backslash outside strings escapes the next character (shell `\#`, Make `\#`, TeX `\%`, Clojure `\"`). */
  readonly escapeOutsideStrings?: boolean;
  /** HTML-like files: `<script>` and `<style>` contents are read with these syntaxes. */
  readonly embedded?: EmbeddedSyntaxes;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const slashLine: LineCommentSyntax = { open: '//' };
const hashLine: LineCommentSyntax = { open: '#' };
const hashWordLine: LineCommentSyntax = { open: '#', atWordStart: true };
const dashLine: LineCommentSyntax = { open: '--' };
const cBlock: BlockCommentSyntax = { open: '/*', close: '*/' };
const cNestedBlock: BlockCommentSyntax = { open: '/*', close: '*/', nested: true };

const dq = (extra: Partial<StringSyntax> = {}): StringSyntax => ({ open: '"', close: '"', escape: '\\', ...extra });
const sq = (extra: Partial<StringSyntax> = {}): StringSyntax => ({ open: "'", close: "'", escape: '\\', ...extra });
const tripleDq = (extra: Partial<StringSyntax> = {}): StringSyntax => ({ open: '"""', close: '"""', escape: '\\', multiline: true, ...extra });
const tripleSq = (extra: Partial<StringSyntax> = {}): StringSyntax => ({ open: "'''", close: "'''", escape: '\\', multiline: true, ...extra });

function syntax(language: string, rest: Partial<CommentSyntax>): CommentSyntax {
  return Object.freeze({ lineComments: [], blockComments: [], strings: [], ...rest, language });
}

// ---------------------------------------------------------------------------------------------
// Languages

export const javascriptSyntax = syntax('javascript', {
  lineComments: [slashLine],
  blockComments: [cBlock],
  strings: [dq(), sq()],
  templateLiterals: true,
  regexLiterals: true,
});

const jsonc = syntax('jsonc', { lineComments: [slashLine], blockComments: [cBlock], strings: [dq(), sq()] });

const cLike = (language: string, extra: Partial<CommentSyntax> = {}): CommentSyntax =>
  syntax(language, { lineComments: [slashLine], blockComments: [cBlock], strings: [dq()], charLiterals: true, ...extra });

const c = cLike('c');
const cpp = cLike('cpp', { rawStrings: 'cpp', digitSeparators: true });
const objc = cLike('objective-c');
const java = cLike('java', { strings: [tripleDq(), dq()] });
const csharp = cLike('csharp', {
  strings: [
    { open: '"""', close: '"""', multiline: true },
    { open: '@"', close: '"', doubled: true, multiline: true },
    { open: '$@"', close: '"', doubled: true, multiline: true },
    { open: '@$"', close: '"', doubled: true, multiline: true },
    dq(),
  ],
});
const kotlin = cLike('kotlin', { blockComments: [cNestedBlock], strings: [{ open: '"""', close: '"""', multiline: true }, dq()] });
const scala = cLike('scala', { blockComments: [cNestedBlock], strings: [{ open: '"""', close: '"""', multiline: true }, dq()] });
const groovy = cLike('groovy', { strings: [tripleDq(), tripleSq(), dq(), sq()], charLiterals: false });
const swift = cLike('swift', { blockComments: [cNestedBlock], strings: [tripleDq(), dq()], charLiterals: false, rawStrings: 'swift' });
const dart = cLike('dart', { blockComments: [cNestedBlock], strings: [tripleDq(), tripleSq(), dq(), sq()], charLiterals: false });
const go = cLike('go', { strings: [dq(), { open: '`', close: '`', multiline: true }] });
const rust = cLike('rust', { blockComments: [cNestedBlock], strings: [dq({ multiline: true })], rawStrings: 'rust' });
const zig = cLike('zig', { blockComments: [], strings: [dq(), { open: '\\\\', close: '\n' }] });
const solidity = cLike('solidity', { strings: [dq(), sq()], charLiterals: false });
const php = syntax('php', {
  lineComments: [slashLine, { open: '#', notFollowedBy: '[' }],
  blockComments: [cBlock],
  strings: [dq(), sq()],
  heredocs: 'php',
});
const hcl = syntax('hcl', { lineComments: [hashLine, slashLine], blockComments: [cBlock], strings: [dq()], heredocs: 'shell' });
const graphql = syntax('graphql', { lineComments: [hashLine], strings: [tripleDq(), dq()] });

const python = syntax('python', {
  lineComments: [hashLine],
  strings: [tripleDq({ docstring: true }), tripleSq({ docstring: true }), dq(), sq()],
});
const julia = syntax('julia', {
  lineComments: [hashLine],
  blockComments: [{ open: '#=', close: '=#', nested: true }],
  strings: [tripleDq({ docstring: true }), dq({ multiline: true })],
  charLiterals: true,
  primeIdentifiers: true,
});
const nim = syntax('nim', {
  lineComments: [hashLine],
  blockComments: [{ open: '#[', close: ']#', nested: true }],
  strings: [{ open: '"""', close: '"""', multiline: true }, dq()],
  charLiterals: true,
});
const elixir = syntax('elixir', { lineComments: [hashLine], strings: [tripleDq(), tripleSq(), dq({ multiline: true }), sq({ multiline: true })] });
const ruby = syntax('ruby', {
  lineComments: [hashLine],
  blockComments: [{ open: '=begin', close: '=end', atLineStart: true }],
  // Single-line, as for Perl: regex literals and %q() are not lexed; multi-line text is mostly
  // in here-documents, which are.
  strings: [dq(), sq(), { open: '`', close: '`', escape: '\\' }],
  heredocs: 'ruby',
});
const perlPod = ['=pod', '=head1', '=head2', '=head3', '=head4', '=over', '=item', '=begin', '=for', '=encoding'].map(
  (open): BlockCommentSyntax => ({ open, close: '=cut', atLineStart: true }),
);
const perl = syntax('perl', {
  lineComments: [{ open: '#', notAfter: '$', notAfterWord: true }],
  blockComments: perlPod,
  // Single-line: Perl's regexes and q{}/qw() quoting are not lexed, and a quote inside one
  // (`s/'/\\'/g`) must not swallow the lines after it.
  strings: [dq(), sq()],
  heredocs: 'perl',
});
const r = syntax('r', { lineComments: [hashLine], strings: [dq({ multiline: true }), sq({ multiline: true })] });
const shell = syntax('shell', {
  lineComments: [hashWordLine],
  strings: [dq({ multiline: true }), { open: "'", close: "'", multiline: true }],
  heredocs: 'shell',
  escapeOutsideStrings: true,
});
const dockerfile = syntax('dockerfile', {
  lineComments: [hashWordLine],
  strings: [dq(), { open: "'", close: "'" }],
  escapeOutsideStrings: true,
});
const makefile = syntax('makefile', {
  lineComments: [hashLine],
  strings: [dq(), { open: "'", close: "'" }],
  escapeOutsideStrings: true,
});
const cmake = syntax('cmake', {
  lineComments: [hashLine],
  blockComments: [{ open: '#[[', close: ']]' }],
  strings: [dq({ multiline: true })],
});
const powershell = syntax('powershell', {
  lineComments: [hashWordLine],
  blockComments: [{ open: '<#', close: '#>' }],
  strings: [{ open: '"', close: '"', escape: '`', doubled: true }, { open: "'", close: "'", doubled: true }],
});
const yaml = syntax('yaml', {
  lineComments: [hashWordLine],
  strings: [dq({ atWordStart: true }), { open: "'", close: "'", doubled: true, atWordStart: true }],
});
const toml = syntax('toml', {
  lineComments: [hashLine],
  strings: [tripleDq(), { open: "'''", close: "'''", multiline: true }, dq(), { open: "'", close: "'" }],
});
const ini = syntax('ini', { lineComments: [{ open: ';', atLineStart: true }, { open: '#', atLineStart: true }] });
const properties = syntax('properties', { lineComments: [{ open: '#', atLineStart: true }, { open: '!', atLineStart: true }] });
const nix = syntax('nix', {
  lineComments: [hashLine],
  blockComments: [cBlock],
  strings: [dq({ multiline: true }), { open: "''", close: "''", multiline: true }],
});

const css = syntax('css', { blockComments: [cBlock], strings: [dq(), sq()] });
/** SCSS and Less add `//`; `url(http://x)` is a value, not a comment. */
const scss = syntax('scss', {
  lineComments: [slashLine],
  blockComments: [cBlock],
  strings: [dq(), sq(), { open: 'url(', close: ')' }],
});
const less = syntax('less', { ...scss, language: 'less' });

const xml = syntax('xml', {
  blockComments: [{ open: '<!--', close: '-->' }],
  strings: [{ open: '<![CDATA[', close: ']]>', multiline: true }],
});
const html = syntax('html', {
  ...xml,
  embedded: { script: javascriptSyntax, style: { '': css, css, scss, less, sass: scss, postcss: css } },
});
const vue = syntax('vue', { ...html, language: 'vue' });
const svelte = syntax('svelte', { ...html, language: 'svelte' });

const sql = syntax('sql', {
  lineComments: [dashLine],
  blockComments: [cBlock],
  strings: [
    { open: "'", close: "'", doubled: true },
    { open: '"', close: '"', doubled: true },
    { open: '`', close: '`', doubled: true },
  ],
});
const lua = syntax('lua', { lineComments: [dashLine], strings: [dq(), sq()], longBrackets: true });
const haskell = syntax('haskell', {
  lineComments: [{ open: '--', notFollowedBy: '!#$%&*+./<=>?@\\^|~:' }],
  blockComments: [{ open: '{-', close: '-}', nested: true }],
  strings: [dq()],
  charLiterals: true,
  primeIdentifiers: true,
});
const ada = syntax('ada', { lineComments: [dashLine], strings: [{ open: '"', close: '"', doubled: true }] });
const ocaml = syntax('ocaml', {
  blockComments: [{ open: '(*', close: '*)', nested: true }],
  strings: [dq({ multiline: true })],
  charLiterals: true,
  primeIdentifiers: true,
});
const fsharp = syntax('fsharp', {
  lineComments: [slashLine],
  blockComments: [{ open: '(*', close: '*)', nested: true }],
  strings: [{ open: '"""', close: '"""', multiline: true }, { open: '@"', close: '"', doubled: true, multiline: true }, dq({ multiline: true })],
  charLiterals: true,
  primeIdentifiers: true,
});
const lisp = syntax('lisp', {
  lineComments: [{ open: ';' }],
  blockComments: [{ open: '#|', close: '|#', nested: true }],
  strings: [dq({ multiline: true })],
  escapeOutsideStrings: true,
});
const erlang = syntax('erlang', { lineComments: [{ open: '%' }], strings: [dq({ multiline: true })] });
const tex = syntax('tex', { lineComments: [{ open: '%' }], escapeOutsideStrings: true });

// ---------------------------------------------------------------------------------------------
// Lookup

const byExtension: Readonly<Record<string, CommentSyntax>> = {
  ts: javascriptSyntax, tsx: javascriptSyntax, mts: javascriptSyntax, cts: javascriptSyntax,
  js: javascriptSyntax, jsx: javascriptSyntax, mjs: javascriptSyntax, cjs: javascriptSyntax,
  jsonc: jsonc, json5: jsonc,
  c: c, h: c,
  cpp: cpp, cc: cpp, cxx: cpp, 'c++': cpp, hpp: cpp, hh: cpp, hxx: cpp, 'h++': cpp, ino: cpp, cu: cpp, cuh: cpp,
  m: objc, mm: objc,
  java: java, cs: csharp, kt: kotlin, kts: kotlin, scala: scala, sc: scala,
  groovy: groovy, gradle: groovy, swift: swift, dart: dart, go: go, rs: rust, zig: zig, sol: solidity,
  php: php, tf: hcl, tfvars: hcl, hcl: hcl, graphql: graphql, gql: graphql, proto: c,
  py: python, pyi: python, pyw: python, bzl: python, star: python, bazel: python,
  jl: julia, nim: nim, ex: elixir, exs: elixir,
  rb: ruby, rake: ruby, gemspec: ruby, pl: perl, pm: perl, t: perl, r: r,
  sh: shell, bash: shell, zsh: shell, ksh: shell, fish: shell, bats: shell,
  dockerfile: dockerfile, mk: makefile, mak: makefile, cmake: cmake,
  ps1: powershell, psm1: powershell, psd1: powershell,
  yml: yaml, yaml: yaml, toml: toml, ini: ini, cfg: ini, properties: properties, nix: nix,
  css: css, scss: scss, sass: scss, less: less, styl: scss,
  html: html, htm: html, xhtml: html, vue: vue, svelte: svelte,
  xml: xml, xsd: xml, xsl: xml, xslt: xml, svg: xml, plist: xml, xaml: xml, csproj: xml, fsproj: xml,
  sql: sql, psql: sql, pgsql: sql, lua: lua,
  hs: haskell, elm: haskell, purs: haskell, adb: ada, ads: ada, vhd: ada, vhdl: ada,
  ml: ocaml, mli: ocaml, fs: fsharp, fsi: fsharp, fsx: fsharp,
  clj: lisp, cljs: lisp, cljc: lisp, edn: lisp, lisp: lisp, lsp: lisp, el: lisp, scm: lisp, ss: lisp, rkt: lisp, fnl: lisp,
  erl: erlang, hrl: erlang, tex: tex, sty: tex, cls: tex,
};

/** Files known by their (lower-cased) name rather than their extension. */
const byFileName: Readonly<Record<string, CommentSyntax>> = {
  dockerfile: dockerfile, containerfile: dockerfile,
  makefile: makefile, gnumakefile: makefile,
  'cmakelists.txt': cmake,
  rakefile: ruby, gemfile: ruby, vagrantfile: ruby, podfile: ruby, brewfile: ruby,
  jenkinsfile: groovy,
  build: python, workspace: python, 'build.bazel': python, 'workspace.bazel': python,
  justfile: shell, '.bashrc': shell, '.bash_profile': shell, '.zshrc': shell, '.zprofile': shell,
  '.profile': shell, '.envrc': shell,
};

/**
 * The comment syntax of a file, from its name (`Dockerfile`, `Makefile`, `CMakeLists.txt`, …) or
 * its extension (case-insensitive); null for files we do not read comments from, markdown included.
 * Accepts `/` or `\` separated paths.
 */
export function commentSyntaxFor(path: string): CommentSyntax | null {
  const slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const name = path.slice(slash + 1).toLowerCase();
  if (name === '') return null;
  const named = byFileName[name];
  if (named) return named;
  // Dockerfile.dev, Makefile.am, Containerfile.prod
  const dot = name.indexOf('.');
  if (dot > 0) {
    const stem = name.slice(0, dot);
    if (stem === 'dockerfile' || stem === 'containerfile') return dockerfile;
    if (stem === 'makefile' || stem === 'gnumakefile') return makefile;
  }
  const lastDot = name.lastIndexOf('.');
  if (lastDot < 0 || lastDot === name.length - 1) return null;
  // '.bashrc' alone is a name, not an extension; '.eslintrc.js' is JavaScript.
  if (lastDot === 0) return null;
  return byExtension[name.slice(lastDot + 1)] ?? null;
}

/** Every syntax, by language name (for tests and for hosts that let a user pick one). */
export const commentSyntaxes: Readonly<Record<string, CommentSyntax>> = Object.freeze(
  Object.fromEntries(
    [...new Set([...Object.values(byExtension), ...Object.values(byFileName)])].map((s) => [s.language, s]),
  ),
);
