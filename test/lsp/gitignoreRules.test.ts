import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listWorkspaceFiles } from '../../language-server/node/readWorkspaceFiles.js';
import { Exclusions } from '../../language-server/server/exclusions.js';
import { GitignoreRules, loadGitignoreRules, maxGitignoreChars } from '../../language-server/server/gitignoreRules.js';
import { tempVault } from '../core/store/helpers.js';

function rules(files: Record<string, string>): GitignoreRules {
  const result = new GitignoreRules();
  for (const [folder, text] of Object.entries(files)) result.add(folder, text);
  return result;
}

function kept(r: GitignoreRules, paths: string[]): string[] {
  return paths.filter((p) => !r.ignores(p));
}

describe('GitignoreRules', () => {
  it('anchors a nested file’s patterns at its folder', () => {
    const r = rules({ 'packages/app': '/dist\nbuild/\n*.log\n' });
    expect(r.ignores('packages/app/dist/main.js')).toBe(true);
    expect(r.ignores('packages/app/src/dist/main.js')).toBe(false); // `/dist` is anchored at packages/app
    expect(r.ignores('packages/app/src/build/out.js')).toBe(true); // `build/` matches folders anywhere below
    expect(r.ignores('packages/app/src/x.log')).toBe(true);
    // Nothing outside the folder is touched.
    expect(kept(r, ['dist/main.js', 'build/out.js', 'x.log', 'packages/lib/dist/a.js'])).toEqual(['dist/main.js', 'build/out.js', 'x.log', 'packages/lib/dist/a.js']);
  });

  it('matches folder-only patterns against folders, not files of that name', () => {
    const r = rules({ '': 'out/\n' });
    expect(r.ignores('out', true)).toBe(true);
    expect(r.ignores('out/a.md')).toBe(true);
    expect(r.ignores('notes/out')).toBe(false); // a file called `out`
    expect(r.ignores('notes/out/a.md')).toBe(true);
  });

  it('lets a later `!` pattern and a deeper file re-include what a shallower one excluded', () => {
    const r = rules({ '': '*.log\n!keep.log\nbuild/\n', 'packages/app': '!important.log\n!build/\n' });
    expect(r.ignores('a.log')).toBe(true);
    expect(r.ignores('keep.log')).toBe(false);
    expect(r.ignores('packages/app/important.log')).toBe(false);
    expect(r.ignores('packages/app/other.log')).toBe(true);
    // The root excludes every `build/`; packages/app re-includes its own, and what is in it.
    expect(r.ignores('build/a.md')).toBe(true);
    expect(r.ignores('packages/app/build', true)).toBe(false);
    expect(r.ignores('packages/app/build/a.md')).toBe(false);
    expect(r.ignores('packages/app/build/x.log')).toBe(true);
    // The root's own `!keep.log` decides there, not the `build/` it no longer applies.
    expect(r.ignores('packages/app/build/keep.log')).toBe(false);
  });

  it('never re-includes a file inside an excluded folder', () => {
    const r = rules({ '': 'dist/\n!dist/keep.md\n', dist: '!*\n' });
    expect(r.ignores('dist/keep.md')).toBe(true);
    expect(r.ignores('dist/sub/keep.md')).toBe(true);
    const star = rules({ '': 'vendor/*\n!vendor/mine.md\n' });
    // `vendor/*` excludes the entries, not the folder: one of them can come back.
    expect(star.ignores('vendor/mine.md')).toBe(false);
    expect(star.ignores('vendor/theirs.md')).toBe(true);
  });

  it('skips comments, blank lines and trailing spaces, and reads CRLF and a byte order mark', () => {
    const r = rules({ '': '\uFEFF# build output\r\n\r\n   \r\ntmp/   \r\n\\#literal\r\n*.bak\r\n' });
    expect(r.ignores('tmp/a.md')).toBe(true);
    expect(r.ignores('#literal')).toBe(true);
    expect(r.ignores('notes.bak')).toBe(true);
    expect(r.ignores('# build output')).toBe(false);
    expect(r.ignores('notes.md')).toBe(false);
  });

  it('survives binary, huge and malformed files, and odd paths', () => {
    const r = new GitignoreRules();
    expect(r.add('', 'a\u0000b\n*\n')).toBe(false); // binary: not rules at all
    expect(r.add('', `${'x'.repeat(maxGitignoreChars)}\n*\n`)).toBe(false);
    expect(r.add('', null)).toBe(false);
    expect(r.ignores('notes.md')).toBe(false);
    expect(r.add('', '[z-a]\na[\n\\\n[[:nope:]]\n!\n/\n**/[\n\uFFFD\u0001\n')).toBe(true);
    for (const p of ['notes.md', 'a/b/c.md', '', '../x', './y', 'a//b', ' ', 'é/ü.md']) expect(() => r.ignores(p)).not.toThrow();
    expect(r.ignores('notes.md')).toBe(false);
  });

  it('reads nested files from a listing shallow first, and never one inside an ignored folder', async () => {
    const texts: Record<string, string> = { '.gitignore': 'gen/\n', 'gen/.gitignore': '!*\n', 'pkg/.gitignore': 'dist/\n' };
    const asked: string[] = [];
    const listed = ['.gitignore', 'a.md', 'gen/.gitignore', 'gen/x.md', 'pkg/.gitignore', 'pkg/dist/y.md', 'pkg/z.md'];
    const r = await loadGitignoreRules(listed, async (paths) => {
      asked.push(...paths);
      return paths.map((p) => texts[p] ?? null);
    });
    expect(asked).toEqual(['.gitignore', 'pkg/.gitignore']);
    expect(kept(r, listed)).toEqual(['.gitignore', 'a.md', 'pkg/.gitignore', 'pkg/z.md']);
  });

  it('keeps the configured excludes and the always-skipped folders on top', () => {
    const exclusions = new Exclusions(rules({ pkg: 'dist/\n' }), ['Archive/**']);
    expect(exclusions.excludes('pkg/dist/a.md')).toBe(true);
    expect(exclusions.excludes('Archive/old.md')).toBe(true);
    expect(exclusions.excludes('.obsidian/app.json')).toBe(true);
    expect(exclusions.excludes('x/node_modules/y.md')).toBe(true);
    expect(exclusions.excludes('pkg/src/a.md')).toBe(false);
    expect(exclusions.hasGitignoreIn('pkg')).toBe(true);
    expect(exclusions.hasGitignoreIn('pk')).toBe(false);
  });

  it('tells which .gitignore events change the rules, and which git would never read', () => {
    const exclusions = new Exclusions(rules({ '': 'out/\n', pkg: 'dist/\n' }), []);
    for (const p of ['.gitignore', 'pkg/.gitignore', 'docs/.gitignore', 'pkg/src/.gitignore']) expect(exclusions.isRuleChange(p)).toBe(true);
    for (const p of ['.scriptorium/.gitignore', 'node_modules/x/.gitignore', 'out/.gitignore', 'pkg/dist/a/.gitignore', 'notes.md', 'a.gitignore']) expect(exclusions.isRuleChange(p)).toBe(false);
  });
});

// --- against git itself ---------------------------------------------------------------------------

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const tree: Record<string, string> = {
  '.gitignore': '# root\n*.log\n!keep.log\nbuild/\n/top-only.md\nvendor/*\n!vendor/mine.md\ncache\n',
  'a.md': '', 'top-only.md': '', 'x.log': '', 'keep.log': '',
  'build/out.md': '', 'vendor/mine.md': '', 'vendor/theirs.md': '', 'cache/c.md': '',
  'notes/top-only.md': '', 'notes/cache': '', 'notes/build/b.md': '',
  'packages/app/.gitignore': '/dist\n!build/\ntmp/   \r\n!*.log\n',
  'packages/app/dist/main.md': '', 'packages/app/src/dist/kept.md': '', 'packages/app/build/b.md': '',
  'packages/app/tmp/t.md': '', 'packages/app/y.log': '', 'packages/app/src/z.log': '',
  'packages/lib/.gitignore': '*\n!*/\n!*.md\n', 'packages/lib/a.md': '', 'packages/lib/a.ts': '', 'packages/lib/sub/b.md': '', 'packages/lib/sub/b.ts': '',
  // The root excludes `build/` and re-includes `keep.log`: judged on its own once svc re-includes its build/.
  'packages/svc/.gitignore': '!build/\n', 'packages/svc/build/keep.log': '', 'packages/svc/build/x.log': '',
  'gen/.gitignore': '!*\n', 'gen/g.md': '',
  'docs/.gitignore': 'private/\n', 'docs/private/.gitignore': '!secret.md\n', 'docs/private/secret.md': '', 'docs/public.md': '',
};

function writeTree(): string {
  const root = tempVault(tree);
  folders.push(root);
  return root;
}

function listAll(root: string, relative = ''): string[] {
  return readdirSync(path.join(root, relative), { withFileTypes: true }).flatMap((entry) => {
    const p = relative === '' ? entry.name : `${relative}/${entry.name}`;
    return entry.isDirectory() ? (entry.name === '.git' ? [] : listAll(root, p)) : [p];
  });
}

const hasGit = spawnSync('git', ['--version']).status === 0;

describe.skipIf(!hasGit)('agreement with git', () => {
  it('keeps exactly the files git does not ignore, walking the disk and filtering a listing', async () => {
    const root = writeTree();
    const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
    expect(git('init', '-q').status).toBe(0);
    // Untracked and not ignored: what git would offer to add. Case-sensitive, as git on Linux.
    const byGit = git('-c', 'core.ignorecase=false', 'ls-files', '--others', '--exclude-standard').stdout.split('\n').filter((l) => l !== '').sort();
    expect(byGit).toContain('packages/app/src/dist/kept.md');

    const walked = (await listWorkspaceFiles(root, () => true)).map((f) => f.path).sort();
    expect(walked).toEqual(byGit);

    const everything = listAll(root);
    const loaded = await loadGitignoreRules(everything, async (paths) => paths.map((p) => tree[p] ?? null));
    expect(everything.filter((p) => !loaded.ignores(p)).sort()).toEqual(byGit);
  });
});
