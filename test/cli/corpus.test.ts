import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskJson } from '../../shared-types/index.js';
import { hasCorpora, noticeIfNoCorpora, tasksDemoVault } from '../support/corpora.js';
import { copyOfVault, runCli } from './runCli.js';

noticeIfNoCorpora();

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? markdownFiles(full) : name.endsWith('.md') ? [full] : [];
  });
}

/** An independent, deliberately simple count: checkbox lines outside fenced code and comments. */
function countTaskLines(text: string): number {
  let fence: string | null = null;
  let comment: '%%' | '<!--' | null = null;
  let count = 0;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (comment !== null) {
      if (line.includes(comment === '%%' ? '%%' : '-->')) comment = null;
      continue;
    }
    const opens = /^\s*(%%|<!--)/.exec(line);
    if (fence === null && opens && !line.slice(opens.index + opens[1]!.length).includes(opens[1] === '%%' ? '%%' : '-->')) {
      comment = opens[1] as '%%' | '<!--';
      continue;
    }
    const opener = /^[\s>]*(`{3,}|~{3,})/.exec(line);
    if (opener) {
      const run = opener[1]!;
      if (fence === null) fence = run;
      else if (run[0] === fence[0] && run.length >= fence.length && line.trim().replace(/^[>\s]*/, '') === run) fence = null;
      continue;
    }
    if (fence === null && /^[\s>]*(?:[-*+]|\d+[.)])[ \t]+\[[^\]]\] /.test(line)) count++;
  }
  return count;
}

describe.skipIf(!hasCorpora)('the CLI on the Obsidian Tasks demo vault', () => {
  it('lists every task line outside code, with every field', () => {
    const run = runCli(['tasks', tasksDemoVault, '--json']);
    expect(run.code).toBe(0);
    const tasks = JSON.parse(run.stdout) as TaskJson[];
    const expected = markdownFiles(tasksDemoVault).reduce((n, f) => n + countTaskLines(readFileSync(f, 'utf8')), 0);
    // 972 checkbox lines outside code blocks (one written `-  [ ]`, which Obsidian reads as a
    // task too), less 4 inside %% or <!-- --> comments.
    expect(expected).toBe(968);
    expect(tasks).toHaveLength(expected);
    expect(tasks.filter((t) => t.id !== null).length).toBeGreaterThanOrEqual(19);
    expect(tasks.filter((t) => t.invalid.includes('due')).length).toBeGreaterThan(0);
  });

  it('check finds the dependency cycle and exits 1', () => {
    const run = runCli(['check', tasksDemoVault, '--json']);
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout) as { code: string; severity: string }[];
    expect(found.some((d) => d.code === 'dependency-cycle' && d.severity === 'error')).toBe(true);
  });

  it('task --done on a copy changes exactly one line of that note', () => {
    const vault = copyOfVault(tasksDemoVault);
    const tasks = JSON.parse(runCli(['tasks', vault, '--json']).stdout) as TaskJson[];
    const candidates = tasks.filter((t) => t.source === 'markdown' && t.status.type === 'TODO' && !t.recurrence && !t.blocked && t.state !== 'Failed');
    expect(candidates.length).toBeGreaterThan(100);
    // One task from each of a dozen notes: every run loads the whole vault and its store.
    const onePerNote = [...new Map(candidates.map((t) => [t.path, t])).values()].slice(0, 12);
    expect(onePerNote).toHaveLength(12);
    for (const task of onePerNote) {
      const file = path.join(vault, task.path);
      const before = readFileSync(file, 'utf8').split('\n');
      const run = runCli(['task', vault, `${task.path}:${task.line}`, '--done']);
      expect(run.code, run.stderr).toBe(0);
      const after = readFileSync(file, 'utf8').split('\n');
      expect(after).toHaveLength(before.length);
      const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
      expect(changed).toEqual([task.line - 1]);
      // A line written with Dataview fields only gets its done date in that format too.
      expect(after[task.line - 1]).toMatch(/✅ 2026-11-23|\[completion:: 2026-11-23\]/);
    }
  });
});
