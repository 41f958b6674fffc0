import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfVault, lines, repoRoot, runCli, sampleVault } from './runCli.js';

const relaunch = 'Projects/Website relaunch.md';

/** Lines that differ between two versions of a file, compared position by position after aligning an insertion. */
function changedLineCount(before: string[], after: string[]): number {
  let start = 0;
  while (start < before.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  return Math.max(endBefore - start, endAfter - start);
}

describe('scriptorium task', () => {
  it('--done changes exactly one line and adds the done date', () => {
    const vault = copyOfVault(sampleVault);
    const file = path.join(vault, relaunch);
    const before = lines(file);
    const run = runCli(['task', vault, `${relaunch}:12`, '--done']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const after = lines(file);
    expect(after).toHaveLength(before.length);
    expect(changedLineCount(before, after)).toBe(1);
    expect(after[11]).toBe('- [x] Design the new landing page 🆔 design ⛔ reqs [role:: designer] 📅 2026-11-28 ✅ 2026-11-23');
    expect(run.stdout).toContain('+ - [x] Design the new landing page');
  });

  it('--done on a recurring task inserts the next occurrence above the completed line', () => {
    const vault = copyOfVault(sampleVault);
    const file = path.join(vault, 'Daily/2026-11-20.md');
    const before = lines(file);
    const run = runCli(['task', vault, 'Daily/2026-11-20.md:3', '--done']);
    expect(run.code).toBe(0);
    const after = lines(file);
    expect(after).toHaveLength(before.length + 1);
    expect(after[2]).toBe('- [ ] Water the plants 🔁 every week on Friday 📅 2026-11-27');
    expect(after[3]).toBe('- [x] Water the plants 🔁 every week on Friday 📅 2026-11-20 ✅ 2026-11-23');
    expect([...after.slice(0, 2), ...after.slice(4)]).toEqual([...before.slice(0, 2), ...before.slice(3)]);
  });

  it('refuses to complete a task whose dependencies are open, and says which', () => {
    const vault = copyOfVault(sampleVault);
    const before = readFileSync(path.join(vault, relaunch), 'utf8');
    const run = runCli(['task', vault, `${relaunch}:16`, '--done']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^scriptorium: task: cannot change .+:16: This task cannot be completed while it waits for 'Design the new landing page' \(🆔 design\)/);
    expect(readFileSync(path.join(vault, relaunch), 'utf8')).toBe(before);
  });

  it('--set sets, adds and clears fields in place', () => {
    const vault = copyOfVault(sampleVault);
    const file = path.join(vault, relaunch);
    expect(runCli(['task', vault, `${relaunch}:16`, '--set', 'due=2026-12-08']).code).toBe(0);
    expect(lines(file)[15]).toBe('- [ ] Build the page templates 🆔 build ⛔ design [role:: coder] ⏫ 📅 2026-12-08');
    expect(runCli(['task', vault, `${relaunch}:16`, '--set', 'due=']).code).toBe(0);
    expect(lines(file)[15]).toBe('- [ ] Build the page templates 🆔 build ⛔ design [role:: coder] ⏫');
    expect(runCli(['task', vault, `${relaunch}:14`, '--set', 'priority=high']).code).toBe(0);
    expect(lines(file)[13]).toBe('    - [ ] High-fidelity mockups ⏫ ⏳ 2026-11-25');
  });

  it('--depends-on adds ⛔, and gives the target an id when it has none', () => {
    const vault = copyOfVault(sampleVault);
    const file = path.join(vault, relaunch);
    expect(runCli(['task', vault, `${relaunch}:15`, '--depends-on', 'copy']).code).toBe(0);
    expect(lines(file)[14]).toBe('    - [ ] Accessibility review [role:: reviewer] ⛔ copy');
    expect(runCli(['task', vault, `${relaunch}:15`, '--depends-on', `${relaunch}:14`]).code).toBe(0);
    expect(lines(file)[13]).toMatch(/^ {4}- \[ \] High-fidelity mockups 🆔 [0-9a-z]{6} ⏳ 2026-11-25$/);
    const newId = /🆔 ([0-9a-z]{6})/.exec(lines(file)[13]!)![1];
    expect(lines(file)[14]).toContain(`⛔ copy,${newId}`);
    const refused = runCli(['task', vault, `${relaunch}:15`, '--depends-on', 'nobody-has-this']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/no task has the id 'nobody-has-this'/);
  });

  it('refuses a line that is not a task with a clear message and exit 2', () => {
    const run = runCli(['task', sampleVault, `${relaunch}:5`, '--done']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`scriptorium: task: ${relaunch}:5 is not a task (it reads: # Website relaunch)\n`);
  });

  it('refuses an illegal lifecycle change with the reason', () => {
    const run = runCli(['task', sampleVault, `${relaunch}:11`, '--status', 'F']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^scriptorium: task: .+/);
  });
});

describe('scriptorium check', () => {
  it('reports every problem of the sample vault with its place, and exits 1 on errors', () => {
    const run = runCli(['check', sampleVault, '--json']);
    expect(run.code).toBe(1);
    const found = JSON.parse(run.stdout) as { path: string; line: number; column: number; severity: string; code: string }[];
    const codes = found.map((d) => `${d.path}:${d.line} ${d.severity} ${d.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'Sandbox/Mistakes to catch.md:6 warning invalid-date',
        'Sandbox/Mistakes to catch.md:7 warning unknown-dependency',
        'Sandbox/Mistakes to catch.md:8 error dependency-cycle',
        'Sandbox/Mistakes to catch.md:9 error dependency-cycle',
        'Sandbox/Mistakes to catch.md:10 warning invalid-recurrence',
      ]),
    );
    expect(found.every((d) => d.path.startsWith('Sandbox/'))).toBe(true);
  });

  it('exits 0 with no problems', () => {
    const vault = copyOfVault(path.join(sampleVault, 'Projects'));
    const run = runCli(['check', vault]);
    expect(run.stdout).toBe('No problems found.\n');
    expect(run.code).toBe(0);
  });
});

describe('the command line refuses bad input in one line, never a stack trace', () => {
  it.each([
    [['tasks', '/no/such/dir'], /^scriptorium: No such directory: \/no\/such\/dir\n$/],
    [['tasks', sampleVault, '--frobnicate'], /^scriptorium: tasks: Unknown option '--frobnicate'.*\n$/],
    [['launch-rockets'], /^scriptorium: Unknown command 'launch-rockets'.*\n$/],
    [['task', sampleVault, 'Home.md:x', '--done'], /^scriptorium: task: 'Home.md:x' is not <path>:<line>.*\n$/],
    [['task', sampleVault, 'Home.md:1'], /^scriptorium: task: give exactly one of.*\n$/],
  ])('%j', (args, message) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
  });
});

describe('the command line as part of a pipeline', () => {
  it('stops quietly when the reader closes the pipe early', async () => {
    const { spawnSync } = await import('node:child_process');
    const run = spawnSync('bash', ['-c', `node dist/cli.js tasks "${sampleVault}" | head -1`], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toBe('');
  });
});
