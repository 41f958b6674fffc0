import { describe, expect, it } from 'vitest';
import type { TaskJson } from '../../shared-types/index.js';
import { runCli, sampleVault } from './runCli.js';

function sampleTasks(): TaskJson[] {
  const run = runCli(['tasks', sampleVault, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as TaskJson[];
}

function byDescription(tasks: TaskJson[], start: string): TaskJson {
  const task = tasks.find((t) => t.description.startsWith(start));
  if (!task) throw new Error(`no task starting '${start}' in ${tasks.map((t) => t.description).join(' | ')}`);
  return task;
}

describe('scriptorium tasks --json on the sample vault', () => {
  const tasks = sampleTasks();

  it('prints every field the issue names, for every task', () => {
    const keys = ['path', 'line', 'status', 'state', 'description', 'due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'invalid', 'priority', 'recurrence', 'onCompletion', 'id', 'dependsOn', 'tags', 'role', 'parent', 'blocked', 'blocking'];
    for (const task of tasks) for (const key of keys) expect(task).toHaveProperty(key);
  });

  it('reads emoji fields, roles, ids and dependencies', () => {
    const design = byDescription(tasks, 'Design the new landing page');
    expect(design).toMatchObject({
      path: 'Projects/Website relaunch.md',
      line: 12,
      status: { symbol: '/', type: 'IN_PROGRESS' },
      state: 'InProgress',
      due: '2026-11-28',
      role: 'designer',
      id: 'design',
      dependsOn: ['reqs'],
      blocked: false,
      blocking: true,
      progress: { done: 1, total: 3 },
    });
    const launch = byDescription(tasks, 'Launch');
    expect(launch).toMatchObject({ blocked: true, blocking: false, priority: 'highest', dependsOn: ['build', 'copy'], state: 'Blocked' });
  });

  it('nests subtasks under their parent by indentation', () => {
    expect(byDescription(tasks, 'Wireframes').parent).toBe('Projects/Website relaunch.md:12');
  });

  it('reads Dataview fields, callouts, and skips code blocks', () => {
    expect(byDescription(tasks, 'Pick the December book')).toMatchObject({ due: '2026-11-30', priority: 'high' });
    expect(byDescription(tasks, 'Send the reading list')).toMatchObject({ due: '2026-12-03', role: 'coordinator', state: 'Active' });
    expect(byDescription(tasks, 'Ask the library')).toMatchObject({ due: '2026-12-01' });
    expect(tasks.some((t) => t.description.includes('sits in a code block'))).toBe(false);
  });

  it('keeps an impossible date as written and names it invalid', () => {
    expect(byDescription(tasks, 'Prepare the budget')).toMatchObject({ due: '2026-02-30', invalid: ['due'] });
  });

  it('turns TODO comments in code into tasks, but not TODOs inside strings', () => {
    const retry = byDescription(tasks, 'retry when the CDN answers 503');
    expect(retry).toMatchObject({ path: 'src/deploy.ts', line: 4, source: 'code', keyword: 'TODO', owner: 'alice', role: 'coder', due: '2026-12-04' });
    expect(byDescription(tasks, 'the cache is purged')).toMatchObject({ keyword: 'FIXME', dependsOn: ['build'], blocked: true });
    expect(byDescription(tasks, 'keep the last 7 backups')).toMatchObject({ path: 'src/backup.py', priority: 'low' });
    expect(tasks.filter((t) => t.description.includes('string'))).toEqual([]);
  });
});

describe('scriptorium tasks as a tree and with a query', () => {
  it('prints a readable tree grouped by file', () => {
    const run = runCli(['tasks', sampleVault]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Projects/Website relaunch.md');
    expect(run.stdout).toMatch(/\n {4}\[x\] Wireframes/);
  });

  it('evaluates a Tasks query', () => {
    const run = runCli(['tasks', sampleVault, '--json', '--query', 'not done\nis blocked']);
    expect(run.code).toBe(0);
    const found = (JSON.parse(run.stdout) as TaskJson[]).map((t) => t.description);
    expect(found).toContain('Launch');
    expect(found.every((d) => !d.startsWith('Collect requirements'))).toBe(true);
  });

  it('prints group headings once per change, like Tasks', () => {
    const run = runCli(['tasks', sampleVault, '--query', 'not done\ngroup by folder\ngroup by priority']);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^## Projects\/$/gm)).toHaveLength(1);
    expect(run.stdout).toMatch(/^## Projects\/\n### Highest priority\nProjects\/Website relaunch.md\n {2}\[ \] Launch/m);
  });

  it('refuses a query it does not understand, in one line', () => {
    const run = runCli(['tasks', sampleVault, '--query', 'due befor tomorrow']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
