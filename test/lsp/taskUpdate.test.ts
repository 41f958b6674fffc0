import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TaskHistoryResult, TaskItem, TaskQueryResult, UpdateTaskResult } from '../../shared-types/protocol.js';
import { sampleVault } from '../cli/runCli.js';
import { serverOnCopyOf } from './lspClient.js';

const plan = 'Projects/Website relaunch.md';

function changedLines(before: string, after: string): { line: number; before: string; after: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((text, i) => (text === b[i] ? [] : [{ line: i, before: text, after: b[i]! }]));
}

describe('task updates answered with workspace/applyEdit', () => {
  const server = serverOnCopyOf(sampleVault);

  async function task(query: string): Promise<TaskItem> {
    const result = await server.client.request<TaskQueryResult>('scriptorium/taskQuery', { query });
    const tasks = result.groups.flatMap((g) => g.tasks);
    expect(tasks).toHaveLength(1);
    return tasks[0]!;
  }

  it('round trip: the client applies the edit to its open document, exactly one line changes', async () => {
    const document = await server.client.open(plan);
    const mockups = await task('description includes High-fidelity mockups');
    const before = server.client.textOf(plan);
    const result = await server.client.request<UpdateTaskResult>('scriptorium/updateTask', {
      uri: mockups.uri,
      line: mockups.line - 1,
      change: { kind: 'setStatus', symbol: '/' },
      version: document.version,
      fileVersion: mockups.fileVersion,
    });
    expect(result).toEqual({ applied: true, uris: [server.client.uri(plan)] });
    // The edit named the version it was computed against.
    const sent = server.client.applied.at(-1)!.edit.documentChanges![0] as { textDocument: { version: number } };
    expect(sent.textDocument.version).toBe(1);
    const changes = changedLines(before, server.client.textOf(plan));
    expect(changes).toEqual([{ line: 13, before: '    - [ ] High-fidelity mockups ⏳ 2026-11-25', after: '    - [/] High-fidelity mockups ⏳ 2026-11-25' }]);
    // The server sees the applied text: the task is in progress now.
    expect((await task('description includes High-fidelity mockups')).state).toBe('InProgress');
    // Nothing was written to disk: the document is the client's to save.
    expect(readFileSync(path.join(server.vault, plan), 'utf8')).toBe(before);
  });

  it('sets a field with a minimal edit of one line', async () => {
    const copy = await task('id includes copy');
    const before = server.client.textOf(plan);
    const result = await server.client.request<UpdateTaskResult>('scriptorium/updateTask', {
      uri: copy.uri,
      line: copy.line - 1,
      change: { kind: 'setField', field: 'due', value: '2026-12-03' },
      version: server.client.documents.get(server.client.uri(plan))!.version,
    });
    expect(result.applied).toBe(true);
    expect(changedLines(before, server.client.textOf(plan))).toEqual([
      { line: 16, before: '- [ ] Write launch copy 🆔 copy ⛔ reqs [role:: writer] 📅 2026-12-01 #writing', after: '- [ ] Write launch copy 🆔 copy ⛔ reqs [role:: writer] 📅 2026-12-03 #writing' },
    ]);
  });

  it('refuses a stale edit: the client saw an older version of the document', async () => {
    const launch = await task('id includes launch');
    const current = server.client.documents.get(server.client.uri(plan))!.version;
    await server.client.editLine(plan, 20, '## Notes (edited)');
    const before = server.client.textOf(plan);
    const applied = server.client.applied.length;
    const refused = server.client.request('scriptorium/updateTask', { uri: launch.uri, line: launch.line - 1, change: { kind: 'toggleDone' }, version: current });
    await expect(refused).rejects.toMatchObject({ code: -32801, message: expect.stringContaining('nothing was changed') });
    expect(server.client.applied.length).toBe(applied);
    expect(server.client.textOf(plan)).toBe(before);
  });

  it('refuses a stale edit: the file changed since its tasks were read', async () => {
    const launch = await task('id includes launch');
    await server.client.editLine(plan, 20, '## Notes (edited twice)');
    const refused = server.client.request('scriptorium/updateTask', { uri: launch.uri, line: launch.line - 1, change: { kind: 'toggleDone' }, fileVersion: launch.fileVersion });
    await expect(refused).rejects.toMatchObject({ code: -32801 });
  });

  it('refuses an illegal transition with the reason', async () => {
    const launch = await task('id includes launch');
    const refused = server.client.request('scriptorium/updateTask', { uri: launch.uri, line: launch.line - 1, change: { kind: 'toggleDone' }, fileVersion: launch.fileVersion });
    await expect(refused).rejects.toMatchObject({ code: 1001, message: expect.stringMatching(/build|copy/) });
  });

  it('adds a dependency on a task in a file that is not open: that file is edited as well', async () => {
    const home = 'Daily/2026-11-20.md';
    const homeBefore = readFileSync(path.join(server.vault, home), 'utf8');
    const homeTask = homeBefore.split('\n').findIndex((l) => l.includes('Review pull requests'));
    expect(homeTask).toBeGreaterThanOrEqual(0);
    const copy = await task('id includes copy');
    const result = await server.client.request<UpdateTaskResult>('scriptorium/updateTask', {
      uri: copy.uri,
      line: copy.line - 1,
      change: { kind: 'addDependency', target: `${home}:${homeTask + 1}` },
    });
    expect(result.applied).toBe(true);
    const homeAfter = readFileSync(path.join(server.vault, home), 'utf8');
    const homeChanges = changedLines(homeBefore, homeAfter);
    expect(homeChanges).toHaveLength(1);
    const newId = /🆔 ([0-9a-z]+)/.exec(homeChanges[0]!.after)![1]!;
    expect(server.client.textOf(plan).split('\n')[16]).toContain(`⛔ reqs,${newId}`);
  });

  it('answers the history of a task from the event log (node host), hand edits included', async () => {
    const group = 'Projects/Reading group.md';
    const baseline = await server.client.request<TaskHistoryResult>('scriptorium/taskHistory', { task: `${group}:5` });
    expect(baseline.lineText).toContain('Pick the December book');
    expect(baseline.events).toEqual([]);
    const file = path.join(server.vault, group);
    writeFileSync(file, readFileSync(file, 'utf8').replace('- [ ] Pick the December book', '- [/] Pick the December book'));
    const after = await server.client.request<TaskHistoryResult>('scriptorium/taskHistory', { task: `${group}:5` });
    expect(after.events).toEqual([expect.objectContaining({ kind: 'status', from: ' ', to: '/', source: 'scan', device: 'test-device' })]);
  });
});
