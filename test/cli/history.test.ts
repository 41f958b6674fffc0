import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../core/history/types.js';
import { copyOfVault, runCli, sampleVault } from './runCli.js';

const relaunch = 'Projects/Website relaunch.md';
const env = { SCRIPTORIUM_DEVICE: 'test-laptop' };

function historyJson(vault: string, ...extra: string[]): HistoryEvent[] {
  const run = runCli(['history', vault, '--json', ...extra], env);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as HistoryEvent[];
}

describe('scriptorium history', () => {
  it('shows the completion made by task --done, with source cli, status and state from → to', () => {
    const vault = copyOfVault(sampleVault);
    expect(runCli(['history', vault], env).stdout).toMatch(/No history yet/);
    const done = runCli(['task', vault, `${relaunch}:12`, '--done'], env);
    expect(done.code).toBe(0);
    expect(done.stderr).toBe('');
    const events = historyJson(vault);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      device: 'test-laptop',
      source: 'cli',
      kind: 'completed',
      from: '/',
      to: 'x',
      fromState: 'InProgress',
      toState: 'Completed',
      task: { key: `${relaunch}:12`, id: 'design', description: 'Design the new landing page' },
    });
    const log = readFileSync(path.join(vault, 'scriptorium/history/test-laptop.jsonl'), 'utf8');
    expect(log.trim().split('\n')).toHaveLength(1);
    const text = runCli(['history', vault, '--task', 'design'], env);
    expect(text.stdout).toMatch(/cli +Projects\/Website relaunch\.md:12 +completed \[\/\] → \[x\] \(InProgress → Completed\) +— Design the new landing page/);
  });

  it('turns a hand edit between two runs into scan events, and follows a task that moved', () => {
    const vault = copyOfVault(sampleVault);
    expect(runCli(['history', vault], env).code).toBe(0); // the baseline
    const file = path.join(vault, relaunch);
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(9, 0, '- [ ] A task added by hand');
    const edited = lines.map((l) => l.replace('- [ ] Write launch copy', '- [/] Write the launch copy'));
    writeFileSync(file, edited.join('\n'));
    const events = historyJson(vault);
    expect(events.map((e) => `${e.source} ${e.kind} ${e.task.key} ${e.field ?? ''}${e.from ?? ''}→${e.to ?? ''}`)).toEqual([
      `scan created ${relaunch}:10 →- [ ] A task added by hand`,
      `scan status ${relaunch}:18  →/`,
      `scan field ${relaunch}:18 descriptionWrite launch copy #writing→Write the launch copy #writing`,
    ]);
    // The moved task (line 12 → 13) keeps its history: complete it and ask by its new place.
    expect(runCli(['task', vault, `${relaunch}:13`, '--done'], env).code).toBe(0);
    const one = historyJson(vault, '--task', `${relaunch}:13`);
    expect(one.map((e) => `${e.source} ${e.kind}`)).toEqual(['cli completed']);
    const copy = historyJson(vault, '--task', 'copy');
    expect(copy.map((e) => `${e.kind} ${e.field ?? ''}`)).toEqual(['status ', 'field description']);
  });

  it('records a recurring task: the next occurrence is created, the done one completed', () => {
    const vault = copyOfVault(sampleVault);
    expect(runCli(['task', vault, 'Daily/2026-11-20.md:3', '--done'], env).code).toBe(0);
    expect(historyJson(vault).map((e) => `${e.kind} ${e.task.key}`)).toEqual(['created Daily/2026-11-20.md:3', 'completed Daily/2026-11-20.md:4']);
  });

  it('keeps the store where --store says, and rebuilds a corrupt one with one line on stderr', () => {
    const vault = copyOfVault(sampleVault);
    const store = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-store-'));
    expect(runCli(['task', vault, `${relaunch}:12`, '--done', '--store', store], env).code).toBe(0);
    expect(existsSync(path.join(store, 'index.sqlite'))).toBe(true);
    expect(existsSync(path.join(vault, '.scriptorium'))).toBe(false);
    writeFileSync(path.join(store, 'index.sqlite'), 'garbage');
    const run = runCli(['history', vault, '--store', store, '--json'], env);
    expect(run.code).toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^scriptorium: The store .*index\.sqlite could not be used: it is corrupt .*Rebuilt it from \d+ files and 1 history event; nothing was lost\.\n$/);
    expect((JSON.parse(run.stdout) as HistoryEvent[]).map((e) => e.kind)).toEqual(['completed']);
  });

  it('says so for an unknown task or folder', () => {
    const vault = copyOfVault(sampleVault);
    expect(runCli(['history', vault, '--task', 'nope'], env)).toMatchObject({ code: 2 });
    expect(runCli(['history', path.join(vault, 'missing')], env).stderr).toMatch(/No such directory/);
    expect(existsSync(path.join(vault, 'missing'))).toBe(false);
  });
});
