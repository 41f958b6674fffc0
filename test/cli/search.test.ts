import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, sampleVault } from './runCli.js';

function jsonl(lines: unknown[]): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-search-'));
  const file = path.join(dir, 'queries.jsonl');
  writeFileSync(file, `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`);
  return file;
}

describe('scriptorium search', () => {
  it('ranks notes for a query, with the best section', () => {
    const run = runCli(['search', sampleVault, '--query', 'winter sale product tiles', '--json']);
    expect(run.code).toBe(0);
    const { results } = JSON.parse(run.stdout);
    expect(results[0]).toMatchObject({ path: 'Specs/Landing page spec.md', heading: 'Landing page spec' });
    expect(results[0].score).toBeGreaterThan(0);
  });

  it('answers a file of queries with one JSON line each, in order', () => {
    const file = jsonl([{ id: 'a', query: 'landing page' }, { id: 7, query: 'reading list' }]);
    const run = runCli(['search', sampleVault, '--queries', file, '--limit', '2', '--json']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.id)).toEqual(['a', 7]);
    expect(lines[0].results.length).toBeLessThanOrEqual(2);
    expect(lines[1].results[0].path).toBe('Projects/Reading group.md');
  });

  it('prints readable text without --json', () => {
    const run = runCli(['search', sampleVault, '--query', 'landing page']);
    expect(run.stdout).toMatch(/^Notes matching "landing page":\n {2}\d\.\d{3} {2}Specs\/Landing page spec\.md/);
  });

  it('refuses bad input with a located message', () => {
    const bad = jsonl(['{"id": "a", "query": "ok"}', 'not json']);
    const run = runCli(['search', sampleVault, '--queries', bad, '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/queries\.jsonl:2: not valid JSON/);
    expect(runCli(['search', sampleVault]).stderr).toMatch(/give either --query/);
    expect(runCli(['search', sampleVault, '--query', 'x', '--limit', '0']).stderr).toMatch(/--limit must be a whole number/);
  });
});

describe('scriptorium related', () => {
  it('lists related notes of a note named like a wikilink, never the note itself', () => {
    const run = runCli(['related', sampleVault, 'Landing page spec', '--limit', '3', '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.note).toBe('Specs/Landing page spec.md');
    const paths = out.related.map((r: { path: string }) => r.path);
    expect(paths).toContain('Projects/Website relaunch.md');
    expect(paths).not.toContain('Specs/Landing page spec.md');
    expect(paths.length).toBeLessThanOrEqual(3);
  });

  it('says so when the note does not exist', () => {
    const run = runCli(['related', sampleVault, 'No such note']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no note named "No such note"/);
  });
});

describe('scriptorium suggest-links', () => {
  it('suggests named notes first with the phrase to link, never the note itself or what the paragraph links', () => {
    const text = 'Before the reading group we check the landing page spec against [[Website relaunch]].';
    const file = jsonl([{ id: 'p1', file: 'Home.md', text }]);
    const run = runCli(['suggest-links', sampleVault, '--queries', file, '--json']);
    expect(run.code).toBe(0);
    const { id, suggestions } = JSON.parse(run.stdout.trim());
    expect(id).toBe('p1');
    const targets = suggestions.map((s: { target: string }) => s.target);
    expect(targets.slice(0, 2).sort()).toEqual(['Projects/Reading group.md', 'Specs/Landing page spec.md']);
    const spec = suggestions.find((s: { target: string }) => s.target === 'Specs/Landing page spec.md');
    expect(spec.phrase).toEqual({ text: 'landing page spec', start: text.indexOf('landing page spec'), end: text.indexOf('landing page spec') + 17 });
    expect(targets).not.toContain('Home.md');
    expect(targets).not.toContain('Projects/Website relaunch.md');
  });

  it('needs a queries file whose lines have id, file and text', () => {
    const run = runCli(['suggest-links', sampleVault, '--queries', jsonl([{ id: 1, text: 'x' }])]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/:1: missing "file"/);
  });
});
