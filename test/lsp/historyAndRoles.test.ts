import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionList, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import type { RolesResult, TaskHistoryResult, TaskItem, TaskQueryResult, UpdateTaskResult } from '../../shared-types/protocol.js';
import { copyOfVault, sampleVault } from '../cli/runCli.js';
import { LspClient, serverOnCopyOf } from './lspClient.js';

const plan = 'Projects/Website relaunch.md';

describe('task edits made through the server are in the task history', () => {
  const server = serverOnCopyOf(sampleVault);

  async function task(query: string): Promise<TaskItem> {
    const result = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query });
    return result.groups.flatMap((g) => g.tasks)[0]!;
  }

  it('records an applied update as an editor edit, not as a later hand edit found by a scan', async () => {
    const document = await server.client.open(plan);
    const mockups = await task('description includes High-fidelity mockups');
    const result = await server.client.request<UpdateTaskResult>('scriptorium/updateTask', {
      uri: mockups.uri,
      line: mockups.line - 1,
      change: { kind: 'setStatus', symbol: '/' },
      version: document.version,
    });
    expect(result.applied).toBe(true);

    const key = `${plan}:${mockups.line}`;
    const history = await server.client.request<TaskHistoryResult>('scriptorium/taskHistory', { task: key });
    const status = history.events.filter((e) => e.kind === 'status');
    expect(status).toHaveLength(1);
    expect(status[0]).toMatchObject({ source: 'edit', from: ' ', to: '/', device: 'test-device' });
    expect(history.lineText).toContain('- [/] High-fidelity mockups');
    // The log on disk holds it (the truth the store is rebuilt from).
    const log = readFileSync(path.join(server.vault, 'scriptorium/history/test-device.jsonl'), 'utf8');
    expect(log.trim().split('\n').map((l) => JSON.parse(l).source)).toEqual(['edit']);

    // The editor saves the file: asking again finds nothing new (no `scan` event for the same change).
    writeFileSync(path.join(server.vault, plan), server.client.textOf(plan));
    const again = await server.client.request<TaskHistoryResult>('scriptorium/taskHistory', { task: key });
    expect(again.events.map((e) => e.source)).toEqual(['edit']);
  });

  it('keeps an unsaved edit until the disk changes, then records what the disk says as a scan', async () => {
    const copy = await task('id includes copy');
    const before = readFileSync(path.join(server.vault, plan), 'utf8');
    const result = await server.client.request<UpdateTaskResult>('scriptorium/updateTask', {
      uri: copy.uri,
      line: copy.line - 1,
      change: { kind: 'setField', field: 'due', value: '2026-12-09' },
      version: server.client.documents.get(server.client.uri(plan))!.version,
    });
    expect(result.applied).toBe(true);
    // Not saved yet: reading the history does not undo the edit.
    expect(readFileSync(path.join(server.vault, plan), 'utf8')).toBe(before);
    const unsaved = await server.client.request<TaskHistoryResult>('scriptorium/taskHistory', { task: 'copy' });
    expect(unsaved.events.map((e) => e.source)).toEqual(['edit']);
    // The user throws the edit away and saves another change by hand: the disk is the truth again.
    writeFileSync(path.join(server.vault, plan), before.replace('## Notes', '## Notes and more'));
    const history = await server.client.request<TaskHistoryResult>('scriptorium/taskHistory', { task: 'copy' });
    expect(history.events.map((e) => [e.source, e.kind, 'field' in e ? e.field : null, 'to' in e ? e.to : null])).toEqual([
      ['edit', 'field', 'due', '2026-12-09'],
      ['scan', 'field', 'due', '2026-12-01'],
    ]);
  });
});

describe('roles in the server come from core/roles, machine-local role files included', () => {
  let vault: string;
  let client: LspClient;

  beforeAll(async () => {
    vault = copyOfVault(sampleVault);
    mkdirSync(path.join(vault, '.scriptorium/roles'), { recursive: true });
    writeFileSync(path.join(vault, '.scriptorium/roles/ops.yaml'), 'name: ops_engineer\nextends: implementer\ndescription: Keeps the servers up\n');
    mkdirSync(path.join(vault, 'Roles'), { recursive: true });
    writeFileSync(path.join(vault, 'Roles/broken.yaml'), 'name: broken\ncapabilities: [fly_to_the_moon]\n');
    writeFileSync(path.join(vault, 'Roles note.md'), '- [ ] Deploy [role:: ');
    client = await LspClient.start(vault);
    await client.ready();
  });

  afterAll(async () => {
    await client.stop();
    rmSync(vault, { recursive: true, force: true });
  });

  it('lists a role from .scriptorium/roles/ with its file', async () => {
    const result = await client.request<RolesResult>('scriptorium/roles', { name: 'ops_engineer' });
    expect(result.roles).toHaveLength(1);
    expect(result.roles[0]).toMatchObject({ name: 'ops_engineer', extends: 'implementer', path: '.scriptorium/roles/ops.yaml' });
    expect(result.roles[0]!.chain).toEqual(['ops_engineer', 'implementer', 'orchestrator']);
  });

  it('completes [role:: with the role file’s role', async () => {
    await client.open('Roles note.md');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: client.uri('Roles note.md') }, position: { line: 0, character: 20 } });
    const labels = list.items.map((i) => i.label);
    expect(labels).toContain('ops_engineer');
    expect(labels).toContain('implementer');
  });

  it('reports a role file’s problems in workspace diagnostics', async () => {
    const report = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    const broken = report.items.find((i) => i.uri === client.uri('Roles/broken.yaml'));
    expect(broken?.kind).toBe('full');
    const items = broken && broken.kind === 'full' ? broken.items : [];
    expect(items.map((d) => d.code)).toContain('invalid-role');
  });
});
