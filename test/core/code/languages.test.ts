import { describe, expect, it } from 'vitest';
import { src, summary, todos } from './helpers.js';

describe('TypeScript / JavaScript', () => {
  it('finds line and block comments in real-looking code', () => {
    const text = src(
      "import { x } from './x.js';",
      '',
      'export function parse(input: string): number {',
      '  // TODO(alice): handle negative numbers',
      '  const n = Number(input); /* FIXME: NaN */',
      '  return n; // HACK - until the parser lands',
      '}',
    );
    expect(summary('src/parse.ts', text)).toEqual([
      '3: TODO(alice) handle negative numbers',
      '4: FIXME NaN',
      '5: HACK until the parser lands',
    ]);
  });

  it('ignores keywords in strings and template literals', () => {
    const text = src(
      'const a = "// TODO: in double quotes";',
      "const b = '/* FIXME: in single quotes */';",
      'const c = `// TODO: in a template`;',
      'const d = `multi',
      '// TODO: still the template',
      '${"// TODO: string in code in template"} and ${ { k: `// XXX nested template` }.k }',
      '`; // TODO: real one',
      "const e = 'it\\'s // TODO: escaped quote'; // FIXME: real two",
    );
    expect(summary('a.ts', text)).toEqual(['6: TODO real one', '7: FIXME real two']);
  });

  it('reads comments inside ${} code of a template literal', () => {
    expect(summary('a.js', src('const t = `a ${x /* TODO: inner code comment */} b`;'))).toEqual(['0: TODO inner code comment']);
  });

  it('does not take a URL in a string for a comment', () => {
    expect(summary('a.ts', src('fetch("http://example.com/TODO"); // TODO: retry', "const u = 'https://x.y/#/TODO';"))).toEqual([
      '0: TODO retry',
    ]);
  });

  it('tells regex literals from division', () => {
    const text = src(
      'const re = /"\\/\\/ TODO/g; // TODO: after regex',
      "const cls = /[/'\"]/; // FIXME: after class",
      'const q = a / b; // HACK: division',
      'const r = x(1) / 2 / y; // XXX: double division',
      'if (ok) return /\\/* not a comment/.test(s); // BUG: after return regex',
    );
    expect(summary('a.js', text)).toEqual([
      '0: TODO after regex',
      '1: FIXME after class',
      '2: HACK division',
      '3: XXX double division',
      '4: BUG after return regex',
    ]);
  });

  it('survives JSX text with an apostrophe (damage limited to the line)', () => {
    const text = src('const el = <p>Don\'t panic</p>;', '// TODO: next line still found');
    expect(summary('a.tsx', text)).toEqual(['1: TODO next line still found']);
  });
});

describe('Python', () => {
  it('reads # comments and docstrings, not strings', () => {
    const text = src(
      'def f(x):',
      '    """TODO: document f."""',
      '    s = "# TODO: not a comment"',
      "    t = '''",
      '    # FIXME: inside a string assigned to t',
      "    '''",
      '    return x  # XXX: real',
      '',
      'class A:',
      '    r"""',
      '    HACK(bob): raw docstring, second line',
      '    """',
      "    u = f'{x} # TODO: f-string'",
    );
    expect(summary('m.py', text)).toEqual(['1: TODO document f.', '6: XXX real', '10: HACK(bob) raw docstring, second line']);
  });

  it('marks docstring lines as block comments, # comments as line comments', () => {
    const found = todos('m.py', src('"""', 'TODO: module doc', '"""', '# TODO: line'));
    expect(found.map((t) => t.commentKind)).toEqual(['block', 'line']);
  });
});

describe('Rust', () => {
  it('handles nested block comments, doc comments, raw strings, lifetimes and chars', () => {
    const text = src(
      '/// TODO: document Parser',
      "pub struct Parser<'a> { src: &'a str }",
      '/* outer /* inner */ TODO: not at the start of a piece */',
      '/* outer',
      '   /* TODO(ann): nested, on its own line */',
      '   still outer */ fn f() {}',
      'let s = r#"// TODO: raw "quoted" string"#;',
      'let t = "multi',
      '// FIXME: inside a normal multi-line string";',
      "let q = '\"'; // FIXME: after a char literal",
      "let b = b'\\''; // HACK: after an escaped byte",
      "fn g<'b>(x: &'b str) -> &'b str { x } // XXX: after lifetimes",
    );
    expect(summary('lib.rs', text)).toEqual([
      '0: TODO document Parser',
      '4: TODO(ann) nested, on its own line',
      '9: FIXME after a char literal',
      '10: HACK after an escaped byte',
      '11: XXX after lifetimes',
    ]);
  });

  it('does not end a nested comment at the first closer', () => {
    const text = src('/* a /* b */', 'let x = 1; // TODO: would be a comment had the block ended', '*/ // FIXME: outside');
    expect(summary('a.rs', text)).toEqual(['2: FIXME outside']);
  });
});

describe('Go, C, C++, Java, C#, Kotlin, Swift', () => {
  it('Go: raw strings and runes', () => {
    const text = src(
      'package main',
      '// TODO(rsc): remove',
      'var s = `raw // TODO: no',
      '/* FIXME: no */`',
      "var r = '\"' // HACK: after rune",
    );
    expect(summary('main.go', text)).toEqual(['1: TODO(rsc) remove', '4: HACK after rune']);
  });

  it('C: char literals with quotes, strings with escapes', () => {
    const text = src(
      '#include <stdio.h>',
      "if (c == '\"') { /* TODO: after a quote char */ }",
      'printf("%s // FIXME: no \\" still string");',
      'int x; // XXX: real',
    );
    expect(summary('a.c', text)).toEqual(['1: TODO after a quote char', '3: XXX real']);
  });

  it('C++: raw strings and digit separators', () => {
    const text = src(
      'auto s = R"json({"a": "// TODO: no"})json";',
      "int n = 1'000'000; // TODO: after separators",
      'auto t = u8R"(/* FIXME: no */)"; // HACK: after u8R',
    );
    expect(summary('a.cpp', text)).toEqual(['1: TODO after separators', '2: HACK after u8R']);
  });

  it('Java text blocks and C# verbatim strings', () => {
    expect(summary('A.java', src('String s = """', '  // TODO: no', '  """; // FIXME: yes'))).toEqual(['2: FIXME yes']);
    expect(summary('A.cs', src('var p = @"C:\\dir\\"; // TODO: after verbatim', 'var q = @"a ""// FIXME no"" b";'))).toEqual([
      '0: TODO after verbatim',
    ]);
  });

  it('Kotlin and Swift nest block comments', () => {
    expect(summary('A.kt', '/* a /* b */ c */ val x = 1 // TODO: after')).toEqual(['0: TODO after']);
    expect(summary('A.swift', src('let s = #"// TODO: raw"#', '/* /* */ still */ // FIXME: yes'))).toEqual(['1: FIXME yes']);
  });
});

describe('#-comment languages', () => {
  it('shell: # only at a word start, quotes, here-documents', () => {
    const text = src(
      '#!/bin/bash',
      'echo "# TODO: quoted" # TODO: real',
      "echo 'FIXME # no' a#b ${#arr[@]} $# # HACK: counted",
      'cat <<EOF',
      "don't # TODO: here-doc text",
      'EOF',
      'curl http://x/#TODO # XXX: after url',
    );
    expect(summary('run.sh', text)).toEqual(['1: TODO real', '2: HACK counted', '6: XXX after url']);
  });

  it('YAML: # after whitespace, quoted scalars, apostrophes in plain scalars', () => {
    const text = src(
      'name: ci # TODO: rename',
      "title: it's fine # FIXME: apostrophe in plain scalar",
      'url: http://example.com/#TODO',
      "quoted: '# TODO: not a comment'",
      '# HACK: whole line',
    );
    expect(summary('ci.yml', text)).toEqual(['0: TODO rename', '1: FIXME apostrophe in plain scalar', '4: HACK whole line']);
  });

  it('TOML, Ruby, Perl, R, Makefile, Dockerfile', () => {
    expect(summary('Cargo.toml', src('a = "# TODO: no" # TODO: yes', "b = '''", '# FIXME: no', "'''"))).toEqual(['0: TODO yes']);
    expect(summary('a.rb', src('x = "#{y} # TODO: no" # TODO: yes', '=begin', 'FIXME: block comment', '=end', 'z = <<~EOS', '  # XXX: heredoc', 'EOS'))).toEqual([
      '0: TODO yes',
      '2: FIXME block comment',
    ]);
    expect(summary('a.pl', src('=head1 TODO', '', 'HACK: pod text', '', '=cut', "s/'/\\'/g; # a quote in a regex costs this line's comment", '# XXX: not the next line', 'my $n = $#arr; # TODO: last index', 's#a#b#; # FIXME: after substitution'))).toEqual([
      '2: HACK pod text',
      '6: XXX not the next line',
      '7: TODO last index',
      '8: FIXME after substitution',
    ]);
    expect(summary('a.R', src('x <- "# no" # TODO: yes'))).toEqual(['0: TODO yes']);
    expect(summary('Makefile', src('all: ## TODO: build', '\techo "# FIXME no" \\# not a comment # HACK: yes'))).toEqual([
      '0: TODO build',
      '1: HACK yes',
    ]);
    expect(summary('Dockerfile', src('FROM node:20 # TODO: pin digest', 'RUN echo "# FIXME no"'))).toEqual(['0: TODO pin digest']);
  });
});

describe('CSS family', () => {
  it('CSS has only block comments', () => {
    expect(summary('a.css', src('a { color: red; } /* TODO: theme */', 'b { content: "/* FIXME: no */"; }', '// HACK: not a css comment'))).toEqual([
      '0: TODO theme',
    ]);
  });

  it('SCSS and Less add //, but url(http://…) is not a comment', () => {
    expect(summary('a.scss', src('$x: 1; // TODO: variables', 'a { background: url(http://x.y/TODO.png); } // FIXME: yes'))).toEqual([
      '0: TODO variables',
      '1: FIXME yes',
    ]);
    expect(summary('a.less', '@c: red; // HACK: less')).toEqual(['0: HACK less']);
  });
});

describe('HTML / XML / Vue / Svelte', () => {
  it('reads <!-- --> comments over several lines', () => {
    const text = src('<div>', '  <!-- TODO: header -->', '  <!--', '    FIXME(kim): footer', '  -->', '  <p>TODO: not a comment</p>', '</div>');
    expect(summary('index.html', text)).toEqual(['1: TODO header', '3: FIXME(kim) footer']);
  });

  it('skips CDATA in XML', () => {
    expect(summary('a.xml', src('<![CDATA[ <!-- TODO: no --> ]]>', '<!-- TODO: yes -->'))).toEqual(['1: TODO yes']);
  });

  it('reads <script> and <style> of Vue and Svelte components with their own syntax', () => {
    const text = src(
      '<template>',
      '  <!-- TODO: template comment -->',
      "  <p>Don't // FIXME: text, not a comment</p>",
      '</template>',
      '<script setup lang="ts">',
      '// TODO(vue): script comment',
      'const s = "<!-- HACK: string -->";',
      '</script>',
      '<style lang="scss">',
      '.a { b: c; } // XXX: scss comment',
      '</style>',
    );
    expect(summary('App.vue', text)).toEqual(['1: TODO template comment', '5: TODO(vue) script comment', '9: XXX scss comment']);
    expect(summary('App.svelte', src('<script>', '  let x = 1; /* TODO: svelte */', '</script>', '<style>', 'p { } /* FIXME: css */', '</style>'))).toEqual([
      '1: TODO svelte',
      '4: FIXME css',
    ]);
  });
});

describe('SQL, Lua, Haskell', () => {
  it('SQL: -- and /* */, doubled quotes', () => {
    const text = src(
      'SELECT * FROM t -- TODO: add index',
      "WHERE name = 'it''s -- FIXME: no'",
      '/* HACK: block',
      '   XXX: second line */',
      'AND "col -- no" = 1;',
    );
    expect(summary('q.sql', text)).toEqual(['0: TODO add index', '2: HACK block', '3: XXX second line']);
  });

  it('Lua: --, --[[ ]], --[==[ ]==] and long strings', () => {
    const text = src(
      '-- TODO: line',
      '--[[ FIXME: block',
      '  HACK: second ]]',
      'local s = [[ -- XXX: not a comment ]]',
      '--[==[ BUG: leveled ]] still ]==]',
      "local t = '-- TODO: string'",
    );
    expect(summary('a.lua', text)).toEqual(['0: TODO line', '1: FIXME block', '2: HACK second', '4: BUG leveled ]] still']);
  });

  it('Haskell: -- (not operators), nested {- -}, primes and chars', () => {
    const text = src(
      "foldl' f z xs = z -- TODO: strict fold",
      'a --> b = b -- FIXME: after operator',
      '{- outer {- inner -} HACK: not at piece start -}',
      "c = '\"' -- XXX: after char",
    );
    expect(summary('a.hs', text)).toEqual(['0: TODO strict fold', '1: FIXME after operator', '3: XXX after char']);
  });
});

describe('more languages', () => {
  it('PHP, OCaml, Clojure, Elixir, Terraform, PowerShell, Julia', () => {
    expect(summary('a.php', src('#[Attr] // TODO: attr', '$s = <<<EOT', '# FIXME: heredoc', 'EOT; # HACK: after'))).toEqual([
      '0: TODO attr',
      '3: HACK after',
    ]);
    expect(summary('a.ml', "(* TODO: ocaml (* nested *) *) let f 'a = 1")).toEqual(['0: TODO ocaml']);
    expect(summary('a.clj', src('(def q \\") ; TODO: after char', '(str "; FIXME: no")'))).toEqual(['0: TODO after char']);
    expect(summary('a.ex', src('@doc """', '# TODO: in heredoc string', '"""', '# FIXME: real'))).toEqual(['3: FIXME real']);
    expect(summary('main.tf', src('# TODO: hash', '// FIXME: slashes', '/* HACK: block */'))).toEqual(['0: TODO hash', '1: FIXME slashes', '2: HACK block']);
    expect(summary('a.ps1', src('<# TODO: block #>', 'Write-Host "# no" # FIXME: line'))).toEqual(['0: TODO block', '1: FIXME line']);
    expect(summary('a.jl', src("x = A' * B' # TODO: transpose", '#= FIXME: block =#'))).toEqual(['0: TODO transpose', '1: FIXME block']);
  });
});
