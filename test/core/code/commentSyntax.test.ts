import { describe, expect, it } from 'vitest';
import { commentSyntaxes, commentSyntaxFor } from '../../../core/code/commentSyntax.js';

const language = (path: string): string | null => commentSyntaxFor(path)?.language ?? null;

describe('commentSyntaxFor', () => {
  it('knows the JavaScript / TypeScript extensions', () => {
    for (const ext of ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'mts', 'cts']) {
      expect(language(`src/a.${ext}`), ext).toBe('javascript');
    }
  });

  it('maps each language family', () => {
    const expected: Record<string, string> = {
      'a.py': 'python', 'a.pyi': 'python', 'a.rs': 'rust', 'a.go': 'go', 'a.c': 'c', 'a.h': 'c',
      'a.cpp': 'cpp', 'a.hpp': 'cpp', 'a.java': 'java', 'a.cs': 'csharp', 'a.kt': 'kotlin',
      'a.swift': 'swift', 'a.sh': 'shell', 'a.bash': 'shell', 'a.yml': 'yaml', 'a.yaml': 'yaml',
      'a.toml': 'toml', 'a.rb': 'ruby', 'a.pl': 'perl', 'a.r': 'r', 'a.R': 'r', 'a.css': 'css',
      'a.scss': 'scss', 'a.less': 'less', 'a.html': 'html', 'a.xml': 'xml', 'a.vue': 'vue',
      'a.svelte': 'svelte', 'a.sql': 'sql', 'a.lua': 'lua', 'a.hs': 'haskell', 'a.php': 'php',
      'a.scala': 'scala', 'a.dart': 'dart', 'a.ml': 'ocaml', 'a.clj': 'lisp', 'a.ex': 'elixir',
      'a.tf': 'hcl', 'a.mk': 'makefile', 'a.ps1': 'powershell', 'a.jsonc': 'jsonc',
    };
    for (const [path, lang] of Object.entries(expected)) expect(language(path), path).toBe(lang);
  });

  it('knows files by name, in any case and folder', () => {
    expect(language('Dockerfile')).toBe('dockerfile');
    expect(language('docker/Dockerfile.dev')).toBe('dockerfile');
    expect(language('build/app.dockerfile')).toBe('dockerfile');
    expect(language('Containerfile')).toBe('dockerfile');
    expect(language('Makefile')).toBe('makefile');
    expect(language('sub\\dir\\makefile')).toBe('makefile');
    expect(language('GNUmakefile')).toBe('makefile');
    expect(language('CMakeLists.txt')).toBe('cmake');
    expect(language('Gemfile')).toBe('ruby');
    expect(language('Rakefile')).toBe('ruby');
    expect(language('Jenkinsfile')).toBe('groovy');
    expect(language('BUILD.bazel')).toBe('python');
    expect(language('home/.bashrc')).toBe('shell');
  });

  it('is case-insensitive on extensions', () => {
    expect(language('A.TS')).toBe('javascript');
    expect(language('Main.Java')).toBe('java');
  });

  it('returns null for markdown, text, data and unknown files', () => {
    for (const path of ['note.md', 'README.markdown', 'notes.txt', 'data.json', 'image.png', 'LICENSE', 'a.', '', 'dir/', '.gitignore', 'x.unknown']) {
      expect(commentSyntaxFor(path), path).toBeNull();
    }
  });

  it('describes the comment markers', () => {
    const ts = commentSyntaxFor('a.ts');
    expect(ts?.lineComments.map((l) => l.open)).toEqual(['//']);
    expect(ts?.blockComments).toEqual([{ open: '/*', close: '*/' }]);
    expect(commentSyntaxFor('a.rs')?.blockComments[0]?.nested).toBe(true);
    expect(commentSyntaxFor('a.html')?.blockComments[0]).toEqual({ open: '<!--', close: '-->' });
    expect(commentSyntaxFor('a.sql')?.lineComments.map((l) => l.open)).toEqual(['--']);
    expect(commentSyntaxFor('a.lua')?.longBrackets).toBe(true);
    expect(commentSyntaxFor('a.hs')?.blockComments[0]).toEqual({ open: '{-', close: '-}', nested: true });
    expect(commentSyntaxFor('a.scss')?.lineComments.map((l) => l.open)).toEqual(['//']);
    expect(commentSyntaxFor('a.css')?.lineComments).toEqual([]);
    expect(commentSyntaxFor('a.py')?.strings.some((s) => s.open === '"""' && s.docstring)).toBe(true);
  });

  it('exposes every syntax by language, frozen', () => {
    expect(Object.keys(commentSyntaxes).length).toBeGreaterThan(40);
    for (const s of Object.values(commentSyntaxes)) expect(Object.isFrozen(s)).toBe(true);
  });
});
