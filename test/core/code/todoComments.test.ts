import { describe, expect, it } from 'vitest';
import { DEFAULT_TODO_KEYWORDS } from '../../../core/code/todoComments.js';
import { src, summary, todos } from './helpers.js';

describe('the keyword forms', () => {
  it('reads TODO:, TODO(owner):, TODO - and TODO followed by whitespace', () => {
    const text = src(
      '// TODO: colon form',
      '// TODO(alice): owner form',
      '// TODO - dash form',
      '// TODO plain form',
      '// TODO(bob) owner without colon',
      '// FIXME:no space after colon',
      '// TODO : spaced colon',
      '// TODO — em dash',
    );
    expect(summary('a.ts', text)).toEqual([
      '0: TODO colon form',
      '1: TODO(alice) owner form',
      '2: TODO dash form',
      '3: TODO plain form',
      '4: TODO(bob) owner without colon',
      '5: FIXME no space after colon',
      '6: TODO spaced colon',
      '7: TODO em dash',
    ]);
  });

  it('gives every field of a task, with exact columns', () => {
    const line = '    foo(); // TODO(alice): ship it 📅 2024-05-01 [role:: coder]';
    const [t] = todos('a.ts', line);
    expect(t).toEqual({
      line: 0,
      keyword: 'TODO',
      keywordColumn: line.indexOf('TODO'),
      owner: 'alice',
      body: 'ship it 📅 2024-05-01 [role:: coder]',
      bodyStart: line.indexOf('ship'),
      bodyEnd: line.length,
      commentKind: 'line',
    });
  });

  it('accepts a bare keyword with an empty body', () => {
    const [t] = todos('a.ts', 'x(); // TODO');
    expect(t?.body).toBe('');
    expect(t?.bodyStart).toBe(t?.bodyEnd);
    expect(summary('a.c', '/* FIXME */')).toEqual(['0: FIXME']);
  });

  it('trims an empty owner to null and keeps the owner as written otherwise', () => {
    expect(todos('a.ts', '// TODO(): x')[0]?.owner).toBeNull();
    expect(todos('a.ts', '// TODO( @carol ): x')[0]?.owner).toBe('@carol');
    expect(todos('a.go', '// TODO(rsc): remove in Go 2')[0]?.owner).toBe('rsc');
  });

  it('has the documented default keywords', () => {
    expect(DEFAULT_TODO_KEYWORDS).toEqual(['TODO', 'FIXME', 'HACK', 'XXX', 'BUG']);
    expect(summary('a.ts', src('// HACK: a', '// XXX: b', '// BUG: c', '// NOTE: not a task'))).toEqual([
      '0: HACK a', '1: XXX b', '2: BUG c',
    ]);
  });

  it('accepts an @ before the keyword (JSDoc style)', () => {
    expect(summary('a.ts', '/** @TODO write docs */')).toEqual(['0: TODO write docs']);
  });
});

describe('what is not a task', () => {
  it('needs whole, upper-case words by default', () => {
    const text = src(
      '// TODOS: plural',
      '// TODO_LIST is a constant',
      '// XXXL shirts',
      '// todo: lower case',
      '// Todo: title case',
      '// FIXMEs later',
      '// TODO.md is a file',
      '// TODO-list',
      '// TODO(unclosed owner',
    );
    expect(summary('a.ts', text)).toEqual([]);
  });

  it('needs the keyword to start the comment', () => {
    expect(summary('a.ts', src('// see the TODO list', '// we should FIXME: later', '/* a HACK */'))).toEqual([]);
  });

  it('matches case-insensitively when asked', () => {
    expect(summary('a.ts', src('// todo: lower', '// Fixme - title', '// todos no'), { caseSensitive: false })).toEqual([
      '0: todo lower',
      '1: Fixme title',
    ]);
  });

  it('uses custom keywords, longest first', () => {
    const opts = { keywords: ['NOTE', 'FIX', 'FIXME', ''] };
    expect(summary('a.ts', src('// NOTE: n', '// FIXME: f', '// FIX: g', '// TODO: not asked'), opts)).toEqual([
      '0: NOTE n', '1: FIXME f', '2: FIX g',
    ]);
    expect(summary('a.ts', '// TODO: x', { keywords: [] })).toEqual([]);
  });

  it('ignores keywords that are code, not comments', () => {
    expect(summary('a.ts', src('const TODO = 1;', 'TODO: while (x) {}', 'XXX();'))).toEqual([]);
  });
});

describe('comment decoration and closers', () => {
  it('skips doc-comment markers and block decoration', () => {
    const text = src(
      '/// TODO: rust doc',
      '//! FIXME: inner doc',
      '/**',
      ' * HACK: javadoc line',
      ' ** XXX: double star',
      ' */',
      '/*! TODO: bang */',
    );
    expect(summary('a.rs', text)).toEqual([
      '0: TODO rust doc', '1: FIXME inner doc', '3: HACK javadoc line', '4: XXX double star', '6: TODO bang',
    ]);
  });

  it('strips closers and closing decoration from the body', () => {
    expect(summary('a.c', '/* TODO: a */')).toEqual(['0: TODO a']);
    expect(summary('a.c', '/* TODO: b **/')).toEqual(['0: TODO b']);
    expect(summary('a.c', '/*** TODO: c ***/')).toEqual(['0: TODO c']);
    expect(summary('a.html', '<!-- TODO: d -->')).toEqual(['0: TODO d']);
    expect(summary('a.html', '<!-- TODO: e --->')).toEqual(['0: TODO e']);
    expect(summary('a.hs', '{- TODO: f -}')).toEqual(['0: TODO f']);
    // Decoration that is part of the text stays.
    expect(summary('a.c', '/* TODO: x*y */')).toEqual(['0: TODO x*y']);
  });

  it('finds a second marker inside a line comment', () => {
    expect(summary('a.py', 'import x  # noqa: F401  # TODO: drop')).toEqual(['0: TODO drop']);
    expect(summary('a.ts', 'f(); // eslint-disable-line // FIXME: why')).toEqual(['0: FIXME why']);
    // A URL inside a comment is not a second comment.
    expect(summary('a.ts', '// see http://example.com/TODO')).toEqual([]);
    expect(summary('a.ts', '// TODO: read http://example.com // x')).toEqual(['0: TODO read http://example.com // x']);
  });
});

describe('block comments span lines', () => {
  it('looks at every line; continuation lines are not merged', () => {
    const text = src(
      '/*',
      ' * Intro line.',
      ' * TODO: first',
      ' *   continuation of first (not merged)',
      ' * FIXME(bob): second',
      ' */',
      'code();',
    );
    const found = todos('a.ts', text);
    expect(found.map((t) => [t.line, t.keyword, t.owner, t.body, t.commentKind])).toEqual([
      [2, 'TODO', null, 'first', 'block'],
      [4, 'FIXME', 'bob', 'second', 'block'],
    ]);
  });

  it('gives one task per line', () => {
    expect(summary('a.ts', '/* TODO: a */ /* TODO: b */ // FIXME: c')).toEqual(['0: TODO a']);
  });

  it('handles a TODO on the closing line of a block', () => {
    expect(summary('a.java', src('/* start', '   TODO: last line */ int x;'))).toEqual(['1: TODO last line']);
  });
});

describe('line endings, tabs, BOM', () => {
  it('handles CRLF and lone CR', () => {
    const text = '// TODO: one\r\n/*\r\n * FIXME: two\r\n */\r// HACK: three\r';
    expect(summary('a.ts', text)).toEqual(['0: TODO one', '2: FIXME two', '4: HACK three']);
  });

  it('counts columns in UTF-16 code units, tabs as one', () => {
    const line = '\t\tconst 😀 = 1;\t// TODO:\tbody 😀 here\t';
    const [t] = todos('a.ts', line);
    expect(t?.body).toBe('body 😀 here');
    expect(t?.bodyStart).toBe(line.indexOf('body'));
  });

  it('keeps a BOM as column 0 of line 0', () => {
    const text = '\uFEFF// TODO: after bom';
    const [t] = todos('a.ts', text);
    expect(t?.keywordColumn).toBe(4); // BOM, '/', '/', ' '
    expect(t?.body).toBe('after bom');
  });

  it('skips a shebang line but not a Rust inner attribute', () => {
    expect(summary('a.js', src('#!/usr/bin/env node', 'run(); // TODO: args'))).toEqual(['1: TODO args']);
    expect(summary('a.rs', '#![allow(dead_code)] // TODO: remove')).toEqual(['0: TODO remove']);
  });
});
