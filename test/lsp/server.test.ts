import { readdirSync, readFileSync, rmSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import type { GraphNeighbourhoodResult, TaskQueryResult, TaskTreeResult, TasksChangedParams } from '../../shared-types/protocol.js';
import { copyOfVault, sampleVault } from '../cli/runCli.js';
import { LspClient } from './lspClient.js';

const plan = 'Projects/Website relaunch.md';

describe('the node language server over stdio', () => {
  let vault: string;
  let client: LspClient;

  beforeAll(async () => {
    vault = copyOfVault(sampleVault);
    client = await LspClient.start(vault);
    await client.ready();
  });

  afterAll(async () => {
    await client.stop();
    rmSync(vault, { recursive: true, force: true });
  });

  it('initializes with incremental sync, pull diagnostics and file operations', () => {
    const capabilities = client.initializeResult!.capabilities;
    expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(capabilities.diagnosticProvider).toMatchObject({ workspaceDiagnostics: true, interFileDependencies: true });
    expect(capabilities.workspace?.fileOperations?.didRename).toBeDefined();
  });

  it('reports indexing as work-done progress, begin to end', async () => {
    const progress = client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
    expect(progress[0]).toBe('begin');
    expect(progress.at(-1)).toBe('end');
    const ready = await client.ready();
    const onDisk = (readdirSync(vault, { recursive: true, withFileTypes: true }) as Dirent[]).filter(
      (e) => e.isFile() && !path.relative(vault, path.join(e.parentPath, e.name)).split(path.sep).some((s) => s.startsWith('.')),
    );
    expect((ready.params as { files: number }).files).toBe(onDisk.length);
  });

  it('answers a task query in the Tasks language', async () => {
    const result = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'not done\npath includes Website\nsort by due' });
    expect(result.errors).toEqual([]);
    const tasks = result.groups.flatMap((g) => g.tasks);
    expect(tasks.map((t) => t.description)).toContain('Build the page templates');
    const build = tasks.find((t) => t.id === 'build')!;
    expect(build).toMatchObject({ key: `${plan}:16`, line: 16, state: 'Blocked', uri: client.uri(plan) });
    expect(build.fileVersion).toMatch(/^[0-9a-z]+$/);
  });

  it('reports a bad query as located errors, not as a failure', async () => {
    const result = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'not done\ndue befor tomorrow' });
    expect(result.groups).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.line).toBe(2);
  });

  it('answers the task tree with subtasks under their parent', async () => {
    const tree = await client.request<TaskTreeResult>('scriptorium/taskTree', { uri: client.uri(plan) });
    expect(tree.files.map((f) => f.path)).toEqual([plan]);
    const design = tree.files[0]!.tasks.find((n) => n.task.id === 'design')!;
    expect(design.children.map((c) => c.task.description)).toEqual(['Wireframes', 'High-fidelity mockups', 'Accessibility review']);
  });

  it("answers a note's graph neighbourhood", async () => {
    const found = await client.request<GraphNeighbourhoodResult>('scriptorium/graphNeighbourhood', { note: 'Website relaunch', depth: 1 });
    expect(found.center).toBe(plan);
    expect(found.nodes.map((n) => n.id)).toContain('Projects/Reading group.md');
    expect(found.edges.some((e) => e.type === 'LINKS_TO' && e.target === 'Projects/Reading group.md')).toBe(true);
  });

  it('pulls the diagnostics of an open document, and of the whole workspace', async () => {
    const mistakes = 'Sandbox/Mistakes to catch.md';
    await client.open(mistakes);
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: client.uri(mistakes) } });
    expect(report.kind).toBe('full');
    const codes = report.kind === 'full' ? report.items.map((d) => d.code) : [];
    expect(codes).toEqual(expect.arrayContaining(['invalid-date', 'dependency-cycle']));
    const again = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: client.uri(mistakes) }, previousResultId: report.resultId });
    expect(again.kind).toBe('unchanged');

    const workspace = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const withProblems = workspace.items.filter((i) => i.kind === 'full' && i.items.length > 0).map((i) => i.uri);
    expect(withProblems).toContain(client.uri(mistakes));
    await client.close(mistakes);
  });

  it('follows edits of an open document, and tells task panes', async () => {
    const before = client.notifications.length;
    await client.open(plan);
    await client.editLine(plan, 16, '- [ ] Write launch copy, then a press release 🆔 copy ⛔ reqs [role:: writer] 📅 2026-12-01 #writing');
    const changed = await client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes(plan), before);
    expect((changed.params as TasksChangedParams).all).toBe(false);
    const result = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'description includes press release' });
    expect(result.groups.flatMap((g) => g.tasks).map((t) => t.line)).toEqual([17]);
    // Closing without saving brings back the text on disk.
    await client.close(plan);
    const after = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'description includes press release' });
    expect(after.totalMatching).toBe(0);
  });

  it('answers a malformed request with an error and keeps serving', async () => {
    await expect(client.request('scriptorium/taskQuery', { query: 42 })).rejects.toMatchObject({ code: -32602 });
    await expect(client.request('scriptorium/taskQuery', 'not an object')).rejects.toMatchObject({ code: -32602 });
    await expect(client.request('scriptorium/updateTask', { uri: client.uri(plan), line: 11, change: { kind: 'explode' } })).rejects.toMatchObject({ code: -32602 });
    await expect(client.request('textDocument/diagnostic', {})).rejects.toMatchObject({ code: -32603 });
    await expect(client.request('scriptorium/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    const result = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'done' });
    expect(result.totalMatching).toBeGreaterThan(0);
  });

  it('reads the file on disk again when told it changed', async () => {
    const file = path.join(vault, 'Home.md');
    const text = readFileSync(file, 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${text}\n- [ ] Water the plants 🆔 plants\n`);
    const before = client.notifications.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('Home.md'), type: 2 }] });
    await client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes('Home.md'), before);
    const result = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'id includes plants' });
    expect(result.totalMatching).toBe(1);
  });
});
