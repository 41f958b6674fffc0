import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toTaskJson } from '../../../core/tasks/taskJson.js';
import { isTextKept } from '../../../core/workspace/lazyText.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { loadWorkspace } from '../../../language-server/node/loadWorkspace.js';
import { sampleVault } from '../../cli/runCli.js';

function copyOfSample(): { root: string; store: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-warm-'));
  cpSync(sampleVault, root, { recursive: true });
  return { root, store: path.join(root, '.scriptorium') };
}

function answers(workspace: Workspace) {
  const index = workspace.taskIndex();
  return {
    tasks: index.tasks.map((t) => toTaskJson(t, index)),
    resolved: workspace.linkIndex().resolvedLinks(),
    unresolved: workspace.linkIndex().unresolvedLinks(),
    diagnostics: workspace.diagnostics(),
  };
}

/** A restored file has not read its text yet; a parsed one holds it. */
function restoredPaths(workspace: Workspace): string[] {
  return [...workspace.files()].filter((f) => !isTextKept(f)).map((f) => f.path).sort();
}

function markdownPaths(workspace: Workspace): string[] {
  return [...workspace.files()].filter((f) => f.kind === 'markdown').map((f) => f.path).sort();
}

process.env.SCRIPTORIUM_DEVICE = 'warm-test';

describe('loadWorkspace with a store (warm start)', () => {
  it('restores every unchanged note from the store and answers as a plain load', async () => {
    const { root, store } = copyOfSample();
    const log: string[] = [];
    const plain = await loadWorkspace(root);
    const first = await loadWorkspace(root, { store, log: (l) => log.push(l) });
    expect(existsSync(path.join(store, 'index.sqlite'))).toBe(true);
    expect(restoredPaths(first)).toEqual([]);
    const storeTime = statSync(path.join(store, 'index.sqlite')).mtimeMs;
    const warm = await loadWorkspace(root, { store, log: (l) => log.push(l) });
    expect(restoredPaths(warm)).toEqual(markdownPaths(warm));
    expect(answers(warm)).toEqual(answers(plain));
    expect(answers(first)).toEqual(answers(plain));
    expect(log).toEqual([]);
    // Nothing changed: the store was not even written.
    expect(statSync(path.join(store, 'index.sqlite')).mtimeMs).toBe(storeTime);
  });

  it('parses everything again, and rewrites it, when the note index is missing or unreadable', async () => {
    const { root, store } = copyOfSample();
    await loadWorkspace(root, { store });
    for (const damage of [() => rmSync(path.join(store, 'notes.json')), () => writeFileSync(path.join(store, 'notes.json'), '{"fingerprint": "1|{')]) {
      damage();
      const log: string[] = [];
      const cold = await loadWorkspace(root, { store, log: (l) => log.push(l) });
      expect(restoredPaths(cold)).toEqual([]);
      expect(log).toEqual([]);
      const warm = await loadWorkspace(root, { store });
      expect(restoredPaths(warm)).toEqual(markdownPaths(warm));
      expect(answers(warm)).toEqual(answers(cold));
    }
  });

  it('parses a note whose stored tasks are damaged, and one whose stored outline is, and answers as a plain load', async () => {
    const { root, store } = copyOfSample();
    const plain = await loadWorkspace(root);
    await loadWorkspace(root, { store });
    const index = path.join(store, 'notes.json');
    const lines = readFileSync(index, 'utf8').split('\n');
    const withTasks = lines.findIndex((l) => l.split('\t').length === 3 && l.includes('"tasks":[['));
    const other = lines.findIndex((l, i) => i !== withTasks && l.split('\t').length === 3);
    const [head, summary] = lines[withTasks]!.split('\t');
    lines[withTasks] = [head, summary!.replace(/"tasks":\[\[/, '"tasks":[["not a tuple"],['), '{}'].join('\t');
    const [otherHead, otherSummary] = lines[other]!.split('\t');
    lines[other] = [otherHead, otherSummary, '{"hadBom":false'].join('\t');
    writeFileSync(index, lines.join('\n'));
    const damagedPath = (JSON.parse(head!) as [string])[0];
    const warm = await loadWorkspace(root, { store });
    // The note whose tasks do not read is parsed; the one with a bad outline is restored, and parses itself when read.
    expect(restoredPaths(warm)).toEqual(markdownPaths(warm).filter((p) => p !== damagedPath));
    expect(answers(warm)).toEqual(answers(plain));
    expect(warm.file((JSON.parse(otherHead!) as [string])[0])!.note).toEqual(plain.file((JSON.parse(otherHead!) as [string])[0])!.note);
  });

  it('"auto" uses <dir>/.scriptorium only when a store is already there', async () => {
    const { root, store } = copyOfSample();
    await loadWorkspace(root, { store: 'auto' });
    expect(existsSync(store)).toBe(false);
    await loadWorkspace(root, { store });
    const warm = await loadWorkspace(root, { store: 'auto' });
    expect(restoredPaths(warm).length).toBeGreaterThan(0);
  });

  it('re-reads only the file whose size or mtime changed, and records the hand edit in the history', async () => {
    const { root, store } = copyOfSample();
    const before = await loadWorkspace(root, { store });
    const target = before.taskIndex().tasks.find((t) => t.source === 'markdown' && t.symbol === ' ')!;
    const file = path.join(root, target.path);
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    lines[target.line] = lines[target.line]!.replace('[ ]', '[x]');
    writeFileSync(file, lines.join('\n'));
    const warm = await loadWorkspace(root, { store });
    expect(markdownPaths(warm).filter((p) => !restoredPaths(warm).includes(p))).toEqual([target.path]);
    expect(warm.file(target.path)!.tasks.find((t) => t.line === target.line)!.symbol).toBe('x');
    expect(answers(warm)).toEqual(answers(await loadWorkspace(root)));
    const logs = path.join(root, 'scriptorium/history');
    const events = readdirSync(logs).flatMap((name) => readFileSync(path.join(logs, name), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { kind: string; source: string }));
    expect(events.map((e) => `${e.source}:${e.kind}`)).toContain('scan:completed');
    // Touched without a change of content: re-read, nothing recorded, restored again next time.
    const stat = statSync(file);
    utimesSync(file, stat.atime, new Date(stat.mtimeMs + 5000));
    const touched = await loadWorkspace(root, { store });
    expect(answers(touched)).toEqual(answers(warm));
    const again = await loadWorkspace(root, { store });
    expect(restoredPaths(again)).toEqual(markdownPaths(again));
  });

  it('notices added and deleted notes', async () => {
    const { root, store } = copyOfSample();
    await loadWorkspace(root, { store });
    writeFileSync(path.join(root, 'New note.md'), '- [ ] fresh [[Home]]\n');
    const victim = (await loadWorkspace(root)).taskIndex().tasks.find((t) => t.source === 'markdown')!.path;
    rmSync(path.join(root, victim));
    const warm = await loadWorkspace(root, { store });
    expect(warm.file(victim)).toBeUndefined();
    expect(warm.file('New note.md')!.tasks.map((t) => t.description)).toEqual(['fresh [[Home]]']);
    expect(answers(warm)).toEqual(answers(await loadWorkspace(root)));
  });

  it('rebuilds a corrupt store with one log line and still answers', async () => {
    const { root, store } = copyOfSample();
    await loadWorkspace(root, { store });
    writeFileSync(path.join(store, 'index.sqlite'), 'this is not a database at all, not even close to one'.repeat(10));
    const log: string[] = [];
    const warm = await loadWorkspace(root, { store, log: (l) => log.push(l) });
    expect(log).toHaveLength(1);
    expect(log[0]).toMatch(/could not be used: it is corrupt.*Rebuilt it/);
    expect(answers(warm)).toEqual(answers(await loadWorkspace(root)));
    const next = await loadWorkspace(root, { store, log: (l) => log.push(l) });
    expect(log).toHaveLength(1);
    expect(restoredPaths(next)).toEqual(markdownPaths(next));
  });

  it('parses everything again when the task settings changed since the store was written', async () => {
    const { root, store } = copyOfSample();
    await loadWorkspace(root, { store });
    const data = path.join(root, '.obsidian/plugins/obsidian-tasks-plugin');
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, 'data.json'), JSON.stringify({ globalFilter: '#task' }));
    const warm = await loadWorkspace(root, { store, useGlobalFilter: true });
    expect(restoredPaths(warm)).toEqual([]);
    expect(answers(warm)).toEqual(answers(await loadWorkspace(root, { useGlobalFilter: true })));
  });
});
