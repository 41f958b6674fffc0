import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../core/history/types.js';
import { copyOfVault, repoRoot, sampleVault } from '../cli/runCli.js';

type ToolAnswer = { isError?: boolean; content: { type: string; text?: string }[] };

const clients: Client[] = [];

/** The real CLI bundle as an MCP server over stdio, the way an MCP client starts it. */
async function connect(vault: string, role: string): Promise<Client> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(repoRoot, 'dist/cli.js'), 'mcp', vault, '--role', role],
    env: { ...env, SCRIPTORIUM_TODAY: '2026-11-23', SCRIPTORIUM_DEVICE: 'test-device' },
    stderr: 'pipe',
  });
  const client = new Client({ name: 'scriptorium-test', version: '1.0.0' });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  serverErrors.set(client, () => stderr);
  await client.connect(transport);
  clients.push(client);
  return client;
}

/** What each server wrote on stderr, shown when a call fails unexpectedly. */
const serverErrors = new Map<Client, () => string>();

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<{ ok: boolean; text: string }> {
  let result: ToolAnswer;
  try {
    result = (await client.callTool({ name, arguments: args })) as ToolAnswer;
  } catch (error) {
    throw new Error(`${name} failed: ${String(error)}; server stderr: ${serverErrors.get(client)?.() ?? ''}`);
  }
  return { ok: result.isError !== true, text: result.content.map((c) => c.text ?? '').join('\n') };
}

function history(vault: string): HistoryEvent[] {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'history', vault, '--json'], { encoding: 'utf8', env: { ...process.env, SCRIPTORIUM_DEVICE: 'test-device' } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as HistoryEvent[];
}

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return b.filter((line, i) => line !== a[i]);
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
});

describe('scriptorium mcp (a real server over stdio)', () => {
  it('lists the tools, resources and the role’s prompt', async () => {
    const client = await connect(sampleVault, 'coder');
    const tools = (await client.listTools()).tools.map((t) => t.name);
    expect(tools).toEqual(expect.arrayContaining(['query_tasks', 'get_task', 'claim_task', 'complete_task', 'fail_task', 'create_subtask', 'read_note', 'write_note']));
    const writeNote = (await client.listTools()).tools.find((t) => t.name === 'write_note')!;
    expect(Object.keys(writeNote.inputSchema.properties ?? {})).toEqual(['path', 'content']);
    const readNote = (await client.listTools()).tools.find((t) => t.name === 'read_note')!;
    expect(Object.keys(readNote.inputSchema.properties ?? {})).toEqual(['path']);
    const resources = (await client.listResources()).resources.map((r) => r.uri);
    expect(resources).toContain('scriptorium://note/Projects/Website%20relaunch.md');
    expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['work_as_coder']);
  });

  it('answers task queries in the Tasks query language, and explains a bad one', async () => {
    const client = await connect(sampleVault, 'reviewer');
    const answer = await call(client, 'query_tasks', { query: 'not done\nrole is coder\ngroup by role' });
    expect(answer.ok, answer.text).toBe(true);
    const result = JSON.parse(answer.text) as { totalMatching: number; groups: { headings: string[]; tasks: { description: string }[] }[] };
    expect(result.groups.map((g) => g.headings)).toEqual([['coder']]);
    expect(result.groups[0]!.tasks.map((t) => t.description)).toEqual(expect.arrayContaining(['Build the page templates']));
    const bad = await call(client, 'query_tasks', { query: 'due befor tomorrow' });
    expect(bad.ok).toBe(false);
    expect(bad.text).toMatch(/cannot be read/);
  });

  it('gets a task with its dependencies and context', async () => {
    const client = await connect(sampleVault, 'reviewer');
    const answer = await call(client, 'get_task', { task: 'build' });
    expect(answer.ok, answer.text).toBe(true);
    const task = JSON.parse(answer.text) as { task: { description: string; state: string }; dependencies: { id: string }[]; dependents: { id: string | null; description: string }[]; context: { heading: string; section: { text: string } } };
    expect(task.task).toMatchObject({ description: 'Build the page templates', state: 'Blocked' });
    expect(task.dependencies.map((d) => d.id)).toEqual(['design']);
    expect(task.dependents.map((d) => d.id ?? d.description)).toEqual(['launch', 'the cache is purged before the upload has finished']);
    expect(task.context.heading).toBe('Plan');
    expect(task.context.section.text).toContain('## Plan');
  });

  it('claims a task (role + In Progress), completes it with a one-line change, and records both under the role', async () => {
    const vault = copyOfVault(sampleVault);
    const file = path.join(vault, 'Projects/Website relaunch.md');
    const before = readFileSync(file, 'utf8');
    const client = await connect(vault, 'coder');
    const claim = await call(client, 'claim_task', { task: 'Projects/Website relaunch.md:14' });
    expect(claim.ok, claim.text).toBe(true);
    expect(changedLines(before, readFileSync(file, 'utf8'))).toEqual(['    - [/] High-fidelity mockups [role:: coder] ⏳ 2026-11-25']);
    const done = await call(client, 'complete_task', { task: 'Projects/Website relaunch.md:14' });
    expect(done.ok, done.text).toBe(true);
    expect(changedLines(before, readFileSync(file, 'utf8'))).toEqual(['    - [x] High-fidelity mockups [role:: coder] ⏳ 2026-11-25 ✅ 2026-11-23']);

    const events = history(vault).filter((e) => e.task.description === 'High-fidelity mockups');
    expect(events.map((e) => `${e.source} ${e.role} ${e.kind} ${e.fromState ?? ''}→${e.toState ?? ''}${e.field ? ` ${e.field}` : ''}`)).toEqual(
      expect.arrayContaining(['agent coder status Pending→InProgress', 'agent coder field → role', 'agent coder completed InProgress→Completed']),
    );
    expect(events.every((e) => e.role === 'coder' && e.source === 'agent')).toBe(true);
  });

  it('of two concurrent claims, one wins — in one server and across two servers', async () => {
    const vault = copyOfVault(sampleVault);
    const a = await connect(vault, 'coder');
    const b = await connect(vault, 'coder');
    const across = await Promise.all([call(a, 'claim_task', { task: 'Projects/Reading group.md:6' }), call(b, 'claim_task', { task: 'Projects/Reading group.md:6' })]);
    expect(across.filter((r) => r.ok)).toHaveLength(1);
    expect(across.find((r) => !r.ok)!.text).toMatch(/already in progress \(claimed by coder\)/);
    const within = await Promise.all([call(a, 'claim_task', { task: 'Daily/2026-11-20.md:5' }), call(a, 'claim_task', { task: 'Daily/2026-11-20.md:5' })]);
    expect(within.filter((r) => r.ok)).toHaveLength(1);
    const text = readFileSync(path.join(vault, 'Projects/Reading group.md'), 'utf8');
    expect(text.split('\n')[5]).toBe('- [/] Book the meeting room [role:: coder] [scheduled:: 2026-12-02] [repeat:: every month on the 1st]');
  });

  it('refuses what the role may not do, naming the capability; the file stays as it was', async () => {
    const vault = copyOfVault(sampleVault);
    const reviewer = await connect(vault, 'reviewer');
    const refused = await call(reviewer, 'write_note', { path: 'Notes/review.md', content: 'LGTM\n' });
    expect(refused.ok).toBe(false);
    expect(refused.text).toMatch(/write_note needs the capability 'file_write', which the role 'reviewer' does not have/);
    expect(() => readFileSync(path.join(vault, 'Notes/review.md'))).toThrow();
    const other = await call(reviewer, 'claim_task', { task: 'build' });
    expect(other.ok).toBe(false);
    const coder = await connect(vault, 'coder');
    const written = await call(coder, 'write_note', { path: 'Notes/impl.md', content: '# Implementation notes\n' });
    expect(written.ok, written.text).toBe(true);
    expect(readFileSync(path.join(vault, 'Notes/impl.md'), 'utf8')).toBe('# Implementation notes\n');
    const stolen = await call(coder, 'claim_task', { task: 'Projects/Website relaunch.md:15' });
    expect(stolen.text).toMatch(/assigned to the role 'reviewer'/);
  });

  it('refuses the sixth file change of a max_file_changes: 5 role, and role files and history', async () => {
    const vault = copyOfVault(sampleVault);
    const coder = await connect(vault, 'coder');
    for (let i = 1; i <= 5; i++) expect((await call(coder, 'write_note', { path: `Notes/n${i}.md`, content: `note ${i}\n` })).ok).toBe(true);
    expect((await call(coder, 'write_note', { path: 'Notes/n2.md', content: 'note 2, again\n' })).ok).toBe(true);
    const sixth = await call(coder, 'write_note', { path: 'Notes/n6.md', content: 'one too many\n' });
    expect(sixth.ok).toBe(false);
    expect(sixth.text).toMatch(/at most 5 file\(s\) in a session \(max_file_changes, set by 'coder'\)/);
    const other = await connect(vault, 'writer');
    expect((await call(other, 'write_note', { path: 'Roles/writer.yaml', content: 'capabilities: [deploy]\n' })).text).toMatch(/role definition or the task history/);
    expect((await call(other, 'write_note', { path: 'scriptorium/history/x.jsonl', content: '{}\n' })).ok).toBe(false);
  });

  it('refuses paths outside the workspace and malformed ids with a clear error', async () => {
    const vault = copyOfVault(sampleVault);
    const outside = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-outside-'));
    writeFileSync(path.join(outside, 'secret.md'), 'secret\n');
    symlinkSync(outside, path.join(vault, 'Escape'));
    const client = await connect(vault, 'coder');
    const attempts = [
      ['read_note', { path: '../secret.md' }, /outside the workspace \('\.\.' is not allowed\)/],
      ['read_note', { path: '/etc/passwd' }, /absolute path/],
      ['read_note', { path: 'Escape/secret.md' }, /leads outside the workspace/],
      ['read_note', { path: '.obsidian/app.json' }, /hidden folder/],
      ['write_note', { path: 'Projects/../../evil.md', content: 'x' }, /outside the workspace/],
      ['write_note', { path: 'Escape/new.md', content: 'x' }, /leads outside the workspace/],
      ['get_task', { task: 'not an id!' }, /is not a task reference/],
      ['get_task', { task: '../x.md:3' }, /outside the workspace/],
      ['claim_task', { task: 'nosuchid' }, /No task has the id 'nosuchid'/],
    ] as const;
    for (const [tool, args, message] of attempts) {
      const answer = await call(client, tool, args);
      expect(answer.ok, `${tool} ${JSON.stringify(args)}`).toBe(false);
      expect(answer.text).toMatch(message);
    }
    expect(readFileSync(path.join(outside, 'secret.md'), 'utf8')).toBe('secret\n');
    const read = await call(client, 'read_note', { path: 'Home.md' });
    expect(read.text).toContain('# Home');
  });

  it('fails a claimed task with a note under it, and creates subtasks within max_new_tasks', async () => {
    const vault = copyOfVault(sampleVault);
    const file = path.join(vault, 'Daily/2026-11-20.md');
    const client = await connect(vault, 'coder');
    expect((await call(client, 'fail_task', { task: 'Daily/2026-11-20.md:5' })).text).toMatch(/not claimed by any role/);
    expect((await call(client, 'claim_task', { task: 'Daily/2026-11-20.md:5' })).ok).toBe(true);
    const failed = await call(client, 'fail_task', { task: 'Daily/2026-11-20.md:5', note: 'the CI is down' });
    expect(failed.ok, failed.text).toBe(true);
    expect(readFileSync(file, 'utf8').split('\n').slice(4, 6)).toEqual(['- [F] Review pull requests #work [role:: coder] ⏳ 2026-11-20', '\t- Failed (coder, 2026-11-23): the CI is down']);
    expect(history(vault).find((e) => e.kind === 'status' && e.toState === 'Failed')).toMatchObject({ role: 'coder', source: 'agent' });

    const sub = await call(client, 'create_subtask', { task: 'build', description: 'Write the footer template', role: 'reviewer' });
    expect(sub.ok, sub.text).toBe(true);
    expect(JSON.parse(sub.text)).toMatchObject({ created: 'Projects/Website relaunch.md:17', line: '    - [ ] Write the footer template [role:: reviewer]' });
    expect((await call(client, 'create_subtask', { task: 'build', description: 'x', role: 'bard' })).text).toMatch(/No role 'bard'/);
    const created = history(vault).find((e) => e.kind === 'created' && e.task.description === 'Write the footer template');
    expect(created).toMatchObject({ role: 'coder', source: 'agent' });
  });

  it('searches the notes and finds related ones', async () => {
    const client = await connect(sampleVault, 'reviewer');
    const found = await call(client, 'search', { query: 'winter sale landing page', limit: 3 });
    expect(found.ok, found.text).toBe(true);
    const results = JSON.parse(found.text) as { path: string }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.map((r) => r.path)).toContain('Specs/Landing page spec.md');
    const related = await call(client, 'related_notes', { path: 'Specs/Landing page spec.md' });
    expect(related.ok, related.text).toBe(true);
    expect((JSON.parse(related.text) as { path: string }[]).map((r) => r.path)).toContain('Projects/Website relaunch.md');
    expect((await call(client, 'related_notes', { path: '../x.md' })).text).toMatch(/outside the workspace/);
  });

  it('reads a note as a resource', async () => {
    const client = await connect(sampleVault, 'reviewer');
    const resource = await client.readResource({ uri: 'scriptorium://note/Specs/Landing%20page%20spec.md' });
    expect(resource.contents[0]).toMatchObject({ mimeType: 'text/markdown' });
    expect((resource.contents[0] as { text: string }).text).toContain('# Landing page spec');
    await expect(client.readResource({ uri: 'scriptorium://note/..%2F..%2Fetc%2Fpasswd' })).rejects.toThrow(/outside the workspace/);
  });

  it('assembles the role’s prompt: task, dependencies, description, context notes', async () => {
    const client = await connect(sampleVault, 'coder');
    const prompt = await client.getPrompt({ name: 'work_as_coder', arguments: { task: 'build' } });
    const text = (prompt.messages[0]!.content as { text: string }).text;
    expect(text).toContain("role 'coder'; coder → implementer → orchestrator");
    expect(text).toContain("Builds the website's page templates");
    expect(text).toContain('Build the page templates');
    expect(text).toMatch(/## It depends on\nProjects\/Website relaunch\.md:12 {2}- \[\/\] Design the new landing page/);
    expect(text).toContain('### Specs/Landing page spec.md');
    expect(text).toContain('max_file_changes: 5');
    expect(text).toContain('The page renders without console errors.');
  });
});
