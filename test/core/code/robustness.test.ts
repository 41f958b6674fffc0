import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commentSyntaxes } from '../../../core/code/commentSyntax.js';
import { lexComments } from '../../../core/code/lexer.js';
import { extractTodoComments, extractTodoCommentsWithSyntax, type TodoComment } from '../../../core/code/todoComments.js';
import { linesOf } from './helpers.js';

const syntaxes = Object.values(commentSyntaxes);

/** One representative path per language family, to go through commentSyntaxFor too. */
const paths = [
  'a.ts', 'a.py', 'a.rs', 'a.go', 'a.c', 'a.cpp', 'a.java', 'a.cs', 'a.kt', 'a.swift', 'a.sh', 'a.yml', 'a.toml',
  'a.rb', 'a.pl', 'a.css', 'a.scss', 'a.html', 'a.vue', 'a.xml', 'a.sql', 'a.lua', 'a.hs', 'a.php', 'a.ml', 'a.clj',
  'a.jl', 'a.ps1', 'Makefile', 'Dockerfile', 'a.ini', 'a.zig', 'a.nix', 'a.tex',
];

/** The invariants every result must keep, whatever the input. */
function checkInvariants(text: string, found: TodoComment[]): void {
  const lines = linesOf(text);
  let previous = -1;
  for (const t of found) {
    expect(t.line).toBeGreaterThan(previous); // ordered, one per line
    previous = t.line;
    const line = lines[t.line];
    expect(line).toBeDefined();
    expect(line?.slice(t.bodyStart, t.bodyEnd)).toBe(t.body);
    expect(line?.slice(t.keywordColumn, t.keywordColumn + t.keyword.length)).toBe(t.keyword);
    expect(t.bodyStart).toBeLessThanOrEqual(t.bodyEnd);
    expect(t.body).toBe(t.body.trim());
    expect(t.body).not.toMatch(/[\r\n]/);
  }
}

/** Text built from the pieces that matter to a lexer: markers, quotes, escapes, keywords, breaks. */
const lexicalSoup = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '//', '/*', '*/', '#', '--', '<!--', '-->', '{-', '-}', '(*', '*)', '--[[', ']]', '[==[', ']==]', '"', "'", '`',
        '"""', "'''", '\\', '${', '}', '{', '/', '[', ']', 'r#"', '"#', 'R"x(', ')x"', '<<EOF', 'EOF', '<script>',
        '</script>', '<style lang="scss">', '</style>', '=begin', '=end', '@"', 'TODO', 'TODO:', 'TODO(a):', 'FIXME ',
        'XXX', 'todo', ' ', '\t', '\n', '\r\n', '\r', '\uFEFF', '\u0000', '\uD800', '😀', 'é', 'x', '1', "'a'", '#!',
      ),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('never throws, always consistent', () => {
  it('random lexical soup, every syntax', () => {
    fc.assert(
      fc.property(lexicalSoup, (text) => {
        for (const syntax of syntaxes) {
          const found = extractTodoCommentsWithSyntax(syntax, text);
          checkInvariants(text, found);
          const lower = extractTodoCommentsWithSyntax(syntax, text, { caseSensitive: false, keywords: ['todo', 'NOTE'] });
          checkInvariants(text, lower);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary strings, including lone surrogates, through file paths', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...paths), (text, path) => {
        checkInvariants(text, extractTodoComments(path, text));
      }),
      { numRuns: 500 },
    );
  });

  it('comment segments are ordered, disjoint and inside the text', () => {
    fc.assert(
      fc.property(lexicalSoup, (text) => {
        for (const syntax of syntaxes) {
          let last = 0;
          lexComments(text, syntax, (s) => {
            expect(s.start).toBeGreaterThanOrEqual(last);
            expect(s.end).toBeGreaterThanOrEqual(s.start);
            expect(s.end).toBeLessThanOrEqual(text.length);
            last = s.end;
          });
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a TODO comment appended on its own line is found in (nearly) any file', () => {
    // After arbitrary code that ends cleanly (no open string or comment), a fresh comment is read.
    const code = fc.array(fc.constantFrom('let x = 1;', 'f(a, b);', 'x = y / 2;', 'if (a) { b(); }', ''), { maxLength: 10 });
    fc.assert(
      fc.property(code, fc.constantFrom('a.ts', 'a.go', 'a.rs', 'a.java', 'a.c'), (lines, path) => {
        const text = [...lines, '// TODO: appended'].join('\n');
        const found = extractTodoComments(path, text);
        expect(found.map((t) => [t.line, t.body])).toEqual([[lines.length, 'appended']]);
      }),
      { numRuns: 100 },
    );
  });
});

describe('large and hostile input (a quadratic scan would time out here)', () => {
  const MB = 1 << 20;
  const repeat = (s: string): string => s.repeat(Math.ceil(MB / s.length));

  it('a 1 MB minified JavaScript line', () => {
    const chunk = 'function a(b){return b/2+"x"+\'y\'+`t${b}`+/re[/]/g.source}var c={d:1,e:[1,2]};';
    const text = `${repeat(chunk)}// TODO: at the very end`;
    const found = extractTodoComments('bundle.min.js', text);
    expect(found).toHaveLength(1);
    expect(found[0]?.body).toBe('at the very end');
  });

  // 128 KB of each run for every syntax: a quadratic rescan here costs ~10^10 steps for one case.
  // (Measured by hand at 1-8 MB: time doubles with size for each of these; budgets live in test/bench.)
  it('pathological runs for every syntax', () => {
    const hostile = [
      '/[', '/', "'", '"\\', '`${', '}', '{', '#', '-', '--->', '##[', '#', '[=', '--[=', 'r#', 'R"', '<<A ', '<script ',
      '<script>', '<style>', '/*', '(*', '{-', '// a ', '# TODO(', 'TODO(', '@', '*', '\r\n', '\\\n', '=', '$#', "a'",
    ];
    for (const piece of hostile) {
      const text = piece.repeat(Math.ceil((128 << 10) / piece.length));
      for (const syntax of syntaxes) {
        expect(() => extractTodoCommentsWithSyntax(syntax, `// TODO: x\n# TODO: y\n${text}`)).not.toThrow();
      }
    }
  });

  it('many tasks', () => {
    const text = '// TODO: a task\n'.repeat(50_000);
    const found = extractTodoComments('a.ts', text);
    expect(found).toHaveLength(50_000);
    expect(found[49_999]?.line).toBe(49_999);
  });

  it('binary-looking input', () => {
    let bytes = '';
    let seed = 42;
    for (let i = 0; i < MB; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      bytes += String.fromCharCode(seed % 256);
    }
    for (const path of paths) expect(() => extractTodoComments(path, `${bytes}TODO`)).not.toThrow();
  });
});
