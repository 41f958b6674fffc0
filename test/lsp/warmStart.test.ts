import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocumentDiagnosticReport, Location } from 'vscode-languageserver-protocol';
import type { TaskQueryResult } from '../../shared-types/protocol.js';
import { LspClient } from './lspClient.js';

// The node server's warm start: a second start restores notes whose text is unchanged from the
// summaries the first saved, and answers exactly as a start that parsed everything.

const notes: Record<string, string> = {
  'Home.md': '# Home\n\nSee [[Projects/Plan]] and [[Missing note]].\n\n- [ ] call the plumber 📅 2026-12-01\n',
  'Projects/Plan.md': '---\naliases: [The plan]\n---\n# Plan\n\n- [ ] write the brief 🆔 brief\n- [ ] send it ⛔ brief\n    - [ ] find an envelope\n',
  'Daily.md': '---\ncreated: 2026-11-20\n---\n- [x] water the plants ✅ 2026-11-21\n',
  'Ideas.md': 'Back to [[Home]] and [[The plan]].\n\n- [ ] sketch 📅 2026-13-45\n',
};

const roots: string[] = [];
afterAll(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
});

function tempFolder(name: string): string {
  const folder = mkdtempSync(path.join(os.tmpdir(), `scriptorium-${name}-`));
  roots.push(folder);
  return folder;
}

function write(vault: string, relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(vault, relative)), { recursive: true });
  writeFileSync(path.join(vault, relative), text);
}

/** Starts a server on `vault` with this cache, waits until it has saved or judged its warm-start index, and returns what it said about it. */
async function start(vault: string, cache: string): Promise<{ client: LspClient; indexed: string; saved: string }> {
  const client = await LspClient.start(vault, { cache });
  const log = (test: (m: string) => boolean) => client.waitFor('window/logMessage', (p) => test((p as { message: string }).message)).then((n) => (n.params as { message: string }).message);
  const indexed = await log((m) => m.startsWith('indexed '));
  const saved = await log((m) => m.startsWith('saved the warm-start index') || m === 'the warm-start index is up to date');
  return { client, indexed, saved };
}

/** What a user sees: every task, the backlinks of Home, the diagnostics of each note. */
async function answers(client: LspClient) {
  const query = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'path includes .md' });
  const tasks = query.groups.flatMap((g) => g.tasks).map((t) => `${t.key} ${t.status.symbol} ${t.description} ${t.fileVersion}`).sort();
  const backlinks = await client.request<Location[] | null>('textDocument/references', {
    textDocument: { uri: client.uri('Home.md') },
    position: { line: 1, character: 0 },
    context: { includeDeclaration: false },
  });
  const diagnostics: Record<string, string[]> = {};
  for (const note of Object.keys(notes).sort()) {
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: client.uri(note) } });
    diagnostics[note] = report.kind === 'full' ? report.items.map((d) => `${d.range.start.line}:${d.code} ${d.message}`).sort() : [];
  }
  return { tasks, backlinks: (backlinks ?? []).map((l) => `${l.uri}@${l.range.start.line}`).sort(), diagnostics };
}

describe('the node server warm start', () => {
  it('restores unchanged notes on the next start, parses changed ones, and answers as a cold start does', async () => {
    const vault = tempFolder('warm-vault');
    const cache = tempFolder('warm-cache');
    for (const [relative, text] of Object.entries(notes)) write(vault, relative, text);

    const first = await start(vault, cache);
    expect(first.indexed).toMatch(/\(0 notes restored from the warm-start index\)/);
    expect(first.saved).toMatch(/^saved the warm-start index of 4 notes/);
    const cold = await answers(first.client);
    expect(cold.tasks.length).toBe(6);
    expect(cold.diagnostics['Home.md']!.some((d) => d.includes('unresolved-link'))).toBe(true);
    await first.client.stop();

    const second = await start(vault, cache);
    expect(second.indexed).toMatch(/\(4 notes restored from the warm-start index\)/);
    expect(second.saved).toBe('the warm-start index is up to date');
    expect(await answers(second.client)).toEqual(cold);
    await second.client.stop();

    // Changed while no server ran: one note edited (to the same size: the hash tells), one deleted, one added.
    write(vault, 'Home.md', notes['Home.md']!.replace('plumber', 'Plumber'));
    unlinkSync(path.join(vault, 'Ideas.md'));
    write(vault, 'New.md', 'Points at [[Home]].\n\n- [ ] new task\n');
    const third = await start(vault, cache);
    expect(third.indexed).toMatch(/\(2 notes restored from the warm-start index\)/);
    expect(third.saved).toMatch(/^saved the warm-start index of 4 notes/);
    const changed = await answers(third.client);
    expect(changed.tasks.some((t) => t.includes('call the Plumber'))).toBe(true);
    expect(changed.tasks.some((t) => t.includes('sketch'))).toBe(false);
    expect(changed.backlinks.some((b) => b.includes('New.md'))).toBe(true);
    await third.client.stop();

    // What a cold start makes of the changed vault is what the restoring start made of it.
    const coldAgain = await LspClient.start(vault);
    await coldAgain.ready();
    expect(await answers(coldAgain)).toEqual(changed);
    await coldAgain.stop();
  }, 60_000);

  it('starts cold, says why and rewrites the index when it is damaged or was written under other task settings', async () => {
    const vault = tempFolder('warm-damaged');
    const cache = tempFolder('warm-damaged-cache');
    for (const [relative, text] of Object.entries(notes)) write(vault, relative, text);
    const first = await start(vault, cache);
    const cold = await answers(first.client);
    await first.client.stop();

    const [folder] = readdirSync(cache);
    const index = path.join(cache, folder!, 'notes.json');
    truncateSync(index, 200); // a torn write
    const torn = await start(vault, cache);
    const logs = torn.client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => (n.params as { message: string }).message);
    expect(logs.some((m) => m.includes('is damaged or was written by another version'))).toBe(true);
    expect(torn.indexed).toMatch(/\(0 notes restored/);
    expect(torn.saved).toMatch(/^saved the warm-start index of 4 notes/);
    expect(await answers(torn.client)).toEqual(cold);
    await torn.client.stop();

    // Another status table reads tasks differently: summaries made under the old one are not used.
    write(vault, '.obsidian/plugins/obsidian-tasks-plugin/data.json', JSON.stringify({ statusSettings: { coreStatuses: [], customStatuses: [{ symbol: '/', name: 'Doing', nextStatusSymbol: 'x', availableAsCommand: true, type: 'IN_PROGRESS' }] } }));
    const resettled = await start(vault, cache);
    expect(resettled.indexed).toMatch(/\(0 notes restored/);
    await resettled.client.stop();
    const again = await start(vault, cache);
    expect(again.indexed).toMatch(/\(4 notes restored/);
    await again.client.stop();
  }, 60_000);
});
