import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseEventLog } from '../../../core/history/eventLog.js';
import { TaskStore } from '../../../core/store/taskStore.js';
import { fileByteStore } from '../../../language-server/node/fileByteStore.js';
import { loadSqlJs } from '../../../language-server/node/sqlJs.js';
import { repoRoot } from '../../cli/runCli.js';
import { openHistory, storeFile, tempVault } from './helpers.js';

const child = path.join(repoRoot, 'node_modules/.cache/scriptorium-test/crashChild.mjs');

beforeAll(async () => {
  // The child runs as plain node: bundle it (inside node_modules, so sql.js's WASM resolves).
  await build({
    entryPoints: [path.join(repoRoot, 'test/core/store/crashChild.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });
});

/** Starts the child, lets it save for a random while, and SIGKILLs it. Says whether it died inside a save. */
function runAndKill(root: string, afterMs: number): Promise<{ saves: number; midSave: boolean; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [child, root], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let timer: NodeJS.Timeout | null = null;
    proc.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (timer === null && out.includes('saved')) timer = setTimeout(() => proc.kill('SIGKILL'), afterMs);
    });
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child exited by itself (${code}): ${stderr}`));
      const lines = out.trim().split('\n');
      resolve({ saves: lines.filter((l) => l.startsWith('saved')).length, midSave: lines.at(-1) === 'saving', stderr });
    });
  });
}

/** Every whole event in every log file. */
function loggedEventIds(root: string): Set<string> {
  const dir = path.join(root, 'scriptorium/history');
  const ids = new Set<string>();
  if (!existsSync(dir)) return ids;
  for (const name of readdirSync(dir)) for (const e of parseEventLog(readFileSync(path.join(dir, name), 'utf8'), name).events) ids.add(e.id);
  return ids;
}

describe('killing a process in the middle of saving', () => {
  it('leaves a store that opens or is rebuilt, and never loses history', async () => {
    // Enough notes that a save takes a while, so some kills land inside one.
    const files: Record<string, string> = { 'Plan.md': '# Plan\n- [ ] Toggle me\n- [ ] Stay\n' };
    for (let i = 0; i < 400; i++) files[`notes/n${i}.md`] = `# Note ${i}\n${Array.from({ length: 10 }, (_, j) => `- [ ] task ${i}.${j} 📅 2026-12-0${(j % 9) + 1}`).join('\n')}\n`;
    const root = tempVault(files);
    const sql = await loadSqlJs();
    const outcomes: string[] = [];
    let killedMidSave = 0;
    let previousEvents = 0;
    for (let round = 0; round < 8; round++) {
      const run = await runAndKill(root, 20 + Math.floor(Math.random() * 300));
      if (run.midSave) killedMidSave++;
      // The bytes on disk open as a store, or are reported unusable — never a throw.
      const opened = await TaskStore.open(sql, fileByteStore(storeFile(root)));
      outcomes.push(opened.status);
      expect(['loaded', 'rebuilt']).toContain(opened.status);
      opened.store.close();
      // Through the history (which rebuilds if it must), every event the log holds is there.
      const { history } = await openHistory(root, [], 'checker');
      const inStore = new Set(history.taskHistory().events.map((e) => e.id));
      const inLog = loggedEventIds(root);
      for (const id of inLog) expect(inStore.has(id)).toBe(true);
      expect(inLog.size).toBeGreaterThanOrEqual(previousEvents);
      previousEvents = inLog.size;
      // The toggled task's history is found by its key.
      expect(history.taskHistory('Plan.md:2').events.length).toBeGreaterThan(0);
      await history.save();
      history.close();
    }
    expect(outcomes).toHaveLength(8);
    // Not asserted (timing decides), but reported: how many kills landed inside a save.
    console.info(`crash test: ${killedMidSave}/8 kills inside a save; store states after the kills: ${outcomes.join(', ')}; ${previousEvents} events kept`);
  }, 120_000);
});
