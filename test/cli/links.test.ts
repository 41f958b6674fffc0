import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasCorpora, noticeIfNoCorpora, tasksDemoOracle, tasksDemoVault } from '../support/corpora.js';
import { copyOfVault, runCli, sampleVault } from './runCli.js';

noticeIfNoCorpora();

type Counts = Record<string, Record<string, number>>;

describe('scriptorium links', () => {
  it('--json prints Obsidian’s two maps, with every note as a key', () => {
    const run = runCli(['links', sampleVault, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const maps = JSON.parse(run.stdout) as { resolved: Counts; unresolved: Counts };
    expect(Object.keys(maps)).toEqual(['resolved', 'unresolved']);
    expect(maps.resolved).toEqual({
      'Daily/2026-11-20.md': {},
      'Home.md': {
        'Projects/Website relaunch.md': 1,
        'Projects/Reading group.md': 1,
        'Daily/2026-11-20.md': 1,
        'Sandbox/Mistakes to catch.md': 1,
      },
      'Projects/Reading group.md': {},
      'Projects/Website relaunch.md': { 'Projects/Website relaunch.md': 1, 'Projects/Reading group.md': 1 },
      'Sandbox/Mistakes to catch.md': {},
      'Specs/Landing page spec.md': { 'Projects/Website relaunch.md': 1 },
    });
    expect(Object.values(maps.unresolved).every((m) => Object.keys(m).length === 0)).toBe(true);
    expect(Object.keys(maps.unresolved)).toEqual(Object.keys(maps.resolved));
  });

  it('resolves attachments, canvases, markdown links and reports unresolved names with counts', () => {
    const vault = copyOfVault(path.join(sampleVault, 'Daily'));
    mkdirSync(path.join(vault, 'assets'));
    writeFileSync(path.join(vault, 'assets/chart.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    writeFileSync(path.join(vault, 'board.canvas'), JSON.stringify({ nodes: [{ id: 'a', type: 'text', text: '[[Notes]]' }] }));
    writeFileSync(path.join(vault, 'Notes.md'), '![[chart.png]] [x](assets/chart.png) [[Ideas]] [[Ideas#Later]] [[2026-11-20]] [web](https://example.com)\n');
    const maps = JSON.parse(runCli(['links', vault, '--json']).stdout) as { resolved: Counts; unresolved: Counts };
    expect(maps.resolved['Notes.md']).toEqual({ 'assets/chart.png': 2, '2026-11-20.md': 1 });
    expect(maps.unresolved['Notes.md']).toEqual({ Ideas: 2 });
    expect(maps.resolved['board.canvas']).toEqual({ 'Notes.md': 1 });
    expect(maps.resolved['assets/chart.png']).toBeUndefined();

    const text = runCli(['links', vault]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('3 notes, 6 links: 4 resolved, 2 unresolved.');
    expect(text.stdout).toContain('Notes.md → Ideas (2×)');

    const check = runCli(['check', vault, '--json']);
    const found = JSON.parse(check.stdout) as { path: string; line: number; column: number; severity: string; code: string; message: string }[];
    const links = found.filter((d) => d.code === 'unresolved-link');
    expect(links.map((d) => `${d.path}:${d.line}:${d.column} ${d.severity}`)).toEqual(['Notes.md:1:38 warning', 'Notes.md:1:48 warning']);
    expect(links[0]!.message).toMatch(/"Ideas".*create the note "Ideas\.md"/);
    expect(check.code).toBe(0);
  });

  it('refuses a missing directory in one line', () => {
    const run = runCli(['links']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^scriptorium: links: expected one directory.*\n$/);
  });

  it('is in the usage text', () => {
    expect(runCli(['help']).stdout).toContain('links <dir> [--json]');
  });
});

describe.skipIf(!hasCorpora)('scriptorium links on the Obsidian Tasks demo vault', () => {
  it('agrees with Obsidian’s own maps, apart from what the core oracle test documents', () => {
    const run = runCli(['links', tasksDemoVault, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const maps = JSON.parse(run.stdout) as { resolved: Counts; unresolved: Counts };
    const resolved = JSON.parse(readFileSync(path.join(tasksDemoOracle, 'metadataCache/resolvedLinks.json'), 'utf8')) as Counts;
    const unresolved = JSON.parse(readFileSync(path.join(tasksDemoOracle, 'metadataCache/unresolvedLinks.json'), 'utf8')) as Counts;
    // Pinned with reasons in test/core/links/obsidianOracle.test.ts.
    const known = new Set(['Test Data/comments_markdown_style.md', 'How To/Find tasks in notes with particular tag.md']);
    const differing = Object.keys(resolved).filter(
      (source) =>
        JSON.stringify(sorted(maps.resolved[source])) !== JSON.stringify(sorted(resolved[source])) ||
        JSON.stringify(sorted(maps.unresolved[source])) !== JSON.stringify(sorted(unresolved[source])),
    );
    expect(new Set(differing)).toEqual(known);
  });
});

function sorted(map: Record<string, number> | undefined): Array<[string, number]> {
  return Object.entries(map ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
}
