import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DocumentDiagnosticReport, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import type { GraphNeighbourhoodResult, TaskQueryResult, TaskTreeResult, TasksChangedParams } from '../../shared-types/protocol.js';
import { sampleVault } from '../cli/runCli.js';
import { serverOnCopyOf } from './lspClient.js';

const plan = 'Projects/Website relaunch.md';

describe('the node language server over stdio', () => {
  const server = serverOnCopyOf(sampleVault);

  it('initializes with incremental sync, pull diagnostics and file operations', () => {
    const capabilities = server.client.initializeResult!.capabilities;
    expect(capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(capabilities.diagnosticProvider).toMatchObject({ workspaceDiagnostics: true, interFileDependencies: true });
    expect(capabilities.workspace?.fileOperations?.didRename).toBeDefined();
  });

  it('reports indexing as work-done progress, begin to end', async () => {
    const progress = server.client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
    expect(progress[0]).toBe('begin');
    expect(progress.at(-1)).toBe('end');
    const ready = await server.client.ready();
    const onDisk = (readdirSync(server.vault, { recursive: true, withFileTypes: true }) as Dirent[]).filter(
      (e) => e.isFile() && !path.relative(server.vault, path.join(e.parentPath, e.name)).split(path.sep).some((s) => s.startsWith('.')),
    );
    expect((ready.params as { files: number }).files).toBe(onDisk.length);
  });

  it('answers a task query in the Tasks language', async () => {
    const result = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'not done\npath includes Website\nsort by due' });
    expect(result.errors).toEqual([]);
    const tasks = result.groups.flatMap((g) => g.tasks);
    expect(tasks.map((t) => t.description)).toContain('Build the page templates');
    const build = tasks.find((t) => t.id === 'build')!;
    expect(build).toMatchObject({ key: `${plan}:16`, line: 16, state: 'Blocked', uri: server.client.uri(plan) });
    expect(build.fileVersion).toMatch(/^[0-9a-z]+$/);
  });

  it('reports a bad query as located errors, not as a failure', async () => {
    const result = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'not done\ndue befor tomorrow' });
    expect(result.groups).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.line).toBe(2);
  });

  it('answers the task tree with subtasks under their parent', async () => {
    const tree = await server.client.request<TaskTreeResult>('scriptorium/taskTree', { uri: server.client.uri(plan) });
    expect(tree.files.map((f) => f.path)).toEqual([plan]);
    const design = tree.files[0]!.tasks.find((n) => n.task.id === 'design')!;
    expect(design.children.map((c) => c.task.description)).toEqual(['Wireframes', 'High-fidelity mockups', 'Accessibility review']);
  });

  it("answers a note's graph neighbourhood", async () => {
    const found = await server.client.request<GraphNeighbourhoodResult>('scriptorium/graphNeighbourhood', { note: 'Website relaunch', depth: 1 });
    expect(found.center).toBe(plan);
    expect(found.nodes.map((n) => n.id)).toContain('Projects/Reading group.md');
    expect(found.edges.some((e) => e.type === 'LINKS_TO' && e.target === 'Projects/Reading group.md')).toBe(true);
  });

  it('pulls the diagnostics of an open document, and of the whole workspace', async () => {
    const mistakes = 'Sandbox/Mistakes to catch.md';
    await server.client.open(mistakes);
    const report = await server.client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: server.client.uri(mistakes) } });
    expect(report.kind).toBe('full');
    const codes = report.kind === 'full' ? report.items.map((d) => d.code) : [];
    expect(codes).toEqual(expect.arrayContaining(['invalid-date', 'dependency-cycle']));
    const again = await server.client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: server.client.uri(mistakes) }, previousResultId: report.resultId });
    expect(again.kind).toBe('unchanged');

    const workspace = await server.client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const withProblems = workspace.items.filter((i) => i.kind === 'full' && i.items.length > 0).map((i) => i.uri);
    expect(withProblems).toContain(server.client.uri(mistakes));
    await server.client.close(mistakes);
  });

  it('follows edits of an open document, and tells task panes', async () => {
    const before = server.client.notifications.length;
    await server.client.open(plan);
    await server.client.editLine(plan, 16, '- [ ] Write launch copy, then a press release 🆔 copy ⛔ reqs [role:: writer] 📅 2026-12-01 #writing');
    const changed = await server.client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes(plan), before);
    expect((changed.params as TasksChangedParams).all).toBe(false);
    const result = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'description includes press release' });
    expect(result.groups.flatMap((g) => g.tasks).map((t) => t.line)).toEqual([17]);
    // Closing without saving brings back the text on disk.
    await server.client.close(plan);
    const after = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'description includes press release' });
    expect(after.totalMatching).toBe(0);
  });

  it('answers a malformed request with an error and keeps serving', async () => {
    await expect(server.client.request('scriptorium/taskQuery', { query: 42 })).rejects.toMatchObject({ code: -32602 });
    await expect(server.client.request('scriptorium/taskQuery', 'not an object')).rejects.toMatchObject({ code: -32602 });
    await expect(server.client.request('scriptorium/updateTask', { uri: server.client.uri(plan), line: 11, change: { kind: 'explode' } })).rejects.toMatchObject({ code: -32602 });
    await expect(server.client.request('textDocument/diagnostic', {})).rejects.toMatchObject({ code: -32603 });
    await expect(server.client.request('scriptorium/noSuchMethod', {})).rejects.toMatchObject({ code: -32601 });
    const result = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'done' });
    expect(result.totalMatching).toBeGreaterThan(0);
  });

  it('reads the file on disk again when told it changed', async () => {
    const file = path.join(server.vault, 'Home.md');
    const text = readFileSync(file, 'utf8');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${text}\n- [ ] Water the plants 🆔 plants\n`);
    const before = server.client.notifications.length;
    await server.client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: server.client.uri('Home.md'), type: 2 }] });
    await server.client.waitFor('scriptorium/tasksChanged', (p) => (p as TasksChangedParams).paths.includes('Home.md'), before);
    const result = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'id includes plants' });
    expect(result.totalMatching).toBe(1);
  });
});
