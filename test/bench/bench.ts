// `npm run bench`: throughput and latency figures as JSON, each beside the floor of a plain read.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { decodeNote } from '../../core/markdown/decode.js';
import { parseNote } from '../../core/markdown/parseNote.js';
import { tasksFromNote } from '../../core/tasks/extractTasks.js';
import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import { defaultTaskSettings } from '../../core/tasks/statuses.js';
import { loadWorkspace } from '../../language-server/node/loadWorkspace.js';
import { listWorkspaceFiles } from '../../language-server/node/readWorkspaceFiles.js';
import { generateVault } from './generateVault.js';

const corpora = path.resolve(process.cwd(), '../shared/corpora');
const settings = defaultTaskSettings();

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

async function readAll(root: string) {
  const files = await listWorkspaceFiles(root, (p) => p.endsWith('.md'));
  const started = performance.now();
  const contents = files.map((f) => readFileSync(f.absolute));
  const readMs = performance.now() - started;
  const bytes = contents.reduce((sum, c) => sum + c.byteLength, 0);
  return { files, contents, readMs, bytes };
}

/** Parse throughput over a folder of notes, beside the plain read of the same bytes. */
async function parseThroughput(name: string, root: string) {
  const { files, contents, readMs, bytes } = await readAll(root);
  // Warm the JIT once, then measure the best of three passes.
  const pass = () => {
    const started = performance.now();
    let tasks = 0;
    for (let i = 0; i < files.length; i++) {
      const note = parseNote(files[i]!.path, decodeNote(new Uint8Array(contents[i]!)).text);
      tasks += tasksFromNote(note, settings).length;
    }
    return { ms: performance.now() - started, tasks };
  };
  pass();
  const runs = [pass(), pass(), pass()].sort((a, b) => a.ms - b.ms);
  const best = runs[0]!;
  const mb = bytes / 1048576;
  return {
    name,
    notes: files.length,
    megabytes: round(mb),
    tasks: best.tasks,
    parseMs: round(best.ms),
    parseMBps: round(mb / (best.ms / 1000)),
    floorReadMs: round(readMs),
    floorReadMBps: round(mb / (readMs / 1000)),
  };
}

/** Task queries over a large index: p50/p95 of the evaluation alone. */
async function queryLatency(root: string) {
  const started = performance.now();
  const workspace = await loadWorkspace(root);
  const coldLoadMs = performance.now() - started;
  const indexStarted = performance.now();
  const index = workspace.taskIndex();
  const indexMs = performance.now() - indexStarted;
  const queries = ['not done\nsort by due', 'due before 2026-06-01\nnot done', 'is blocked', 'description includes plan\ngroup by folder', '(priority is high) OR (has due date)\nlimit 50'];
  const result: Record<string, unknown> = { tasks: index.tasks.length, coldLoadMs: round(coldLoadMs), taskIndexBuildMs: round(indexMs) };
  for (const source of queries) {
    const query = parseQuery(source);
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t = performance.now();
      runQuery(query, index, { today: '2026-11-23' });
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    result[source.replace(/\n/g, ' | ')] = { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)) };
  }
  return result;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

async function main() {
  const out: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version } };
  const parse: unknown[] = [];
  for (const corpus of ['obsidian-tasks-demo', 'dwarves-brain']) {
    const root = path.join(corpora, corpus, 'vault');
    if (existsSync(root)) parse.push(await parseThroughput(corpus, root));
    else process.stderr.write(`[skip] ${root} not found: corpus benchmark skipped.\n`);
  }
  // A private folder: a fixed name raced with other benchmarks on the machine (one run read another's half-written vault).
  const generated = await mkdtemp(path.join(os.tmpdir(), 'scriptorium-bench-'));
  const noteCount = Number(process.env.BENCH_NOTES ?? 10_000);
  await generateVault(generated, noteCount);
  parse.push(await parseThroughput(`generated-${noteCount}`, generated));
  out.parse = parse;
  out.taskQueries = await queryLatency(generated);
  await rm(generated, { recursive: true, force: true });
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
