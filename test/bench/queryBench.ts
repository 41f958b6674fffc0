// Task-query and task-index benchmark on a generated vault, with a digest of every result so a
// before/after comparison also shows that behaviour did not change. Bundle and run:
//   npx esbuild test/bench/queryBench.ts --bundle --platform=node --format=esm \
//     --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" \
//     --outfile=/tmp/qbench/queryBench.mjs
//   node /tmp/qbench/queryBench.mjs [vaultDir] [notes]        (add --cpu-prof to profile)
// The vault is generated once into vaultDir and reused; QBENCH_RUNS sets runs per query,
// QBENCH_BUILDS how many times the index is built.
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import { buildTaskIndex, taskKey } from '../../core/tasks/taskIndex.js';
import type { QueryResult } from '../../core/tasks/query/types.js';
import { loadWorkspace } from '../../language-server/node/loadWorkspace.js';
import { generateVault } from './generateVault.js';

/** The budgeted queries (as in bench.ts) first, then a wider set that only feeds the digest. */
export const timedQueries = [
  'not done\nsort by due',
  'due before 2026-06-01\nnot done',
  'is blocked',
  'description includes plan\ngroup by folder',
  '(priority is high) OR (has due date)\nlimit 50',
  '',
  'not done',
  'not done\nlimit 20',
  'not done\nsort by urgency\nlimit 10',
];

const digestQueries = [
  'sort by description',
  'sort by path reverse\nsort by priority',
  'sort by happens\nsort by status.type reverse',
  'sort by tag\nsort by filename',
  'sort by random',
  'sort by start\nsort by scheduled\nsort by created\nsort by done\nsort by cancelled',
  'sort by heading\nsort by id reverse',
  'sort by recurring\nsort by role\nsort by state',
  'sort by status\nsort by status.name',
  'group by due\nlimit groups 3',
  'group by tags\ngroup by priority reverse',
  'group by urgency\nlimit 100',
  'group by filename\ngroup by heading',
  'group by backlink\nlimit 500',
  'group by state\ngroup by status.type',
  'group by root\ngroup by path\nlimit groups 2',
  'group by happens\ngroup by recurring',
  'due this week',
  'due after 2026-03-01\ndue on or before 2026-09-30',
  'happens in 2026-05',
  'has scheduled date',
  'no due date\nis not blocked',
  'is blocking',
  'is ready',
  'state is Blocked',
  'state is not Pending',
  'priority above medium',
  'priority below high\nnot done',
  'path includes folder-1',
  'filename includes 12',
  'heading includes plan',
  'description regex matches /^p.*n$/i',
  'description does not include review',
  'tags include #area',
  'has id\nhas depends on',
  'exclude sub-items\nnot done\nsort by due reverse\nlimit 30',
  '(due before 2026-02-01) XOR (priority is high)\nsort by urgency',
  'NOT (done)\nlimit 5',
  'status.type is IN_PROGRESS',
  'status.name includes done',
  'folder includes folder-2',
  'done\nsort by done',
];

function digest(result: QueryResult): string {
  // FNV-1a over every group heading and task key, in order: a cheap fingerprint of the output.
  let h = 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 10, 0x01000193);
  };
  for (const g of result.groups) {
    mix(g.headings.join('|'));
    for (const t of g.tasks) mix(taskKey(t));
  }
  mix(`${result.totalTasks}/${result.totalMatching}/${result.errors.map((e) => e.message).join(';')}`);
  return (h >>> 0).toString(16).padStart(8, '0');
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const round = (n: number) => Math.round(n * 100) / 100;

async function main() {
  const dir = process.argv[2] ?? path.join(os.tmpdir(), 'qbench-vault');
  const notes = Number(process.argv[3] ?? 10_000);
  if (!existsSync(dir)) await generateVault(dir, notes);
  const workspace = await loadWorkspace(dir);
  const tasks = [...workspace.taskIndex().tasks];
  const runs = Number(process.env.QBENCH_RUNS ?? 60);

  const buildTimes: number[] = [];
  let index = buildTaskIndex(tasks);
  for (let i = 0; i < Number(process.env.QBENCH_BUILDS ?? 15); i++) {
    const t = performance.now();
    index = buildTaskIndex(tasks);
    buildTimes.push(performance.now() - t);
  }
  buildTimes.sort((a, b) => a - b);

  const ctx = { today: '2026-11-23' };
  const out: Record<string, unknown> = {
    tasks: tasks.length,
    indexBuild: { p50Ms: round(percentile(buildTimes, 50)), minMs: round(buildTimes[0]!) },
  };
  // First run on a fresh index: what the first query after an edit pays.
  const fresh = buildTaskIndex(tasks);
  const firstStarted = performance.now();
  runQuery(parseQuery(timedQueries[0]!), fresh, ctx);
  out.firstQueryOnFreshIndexMs = round(performance.now() - firstStarted);

  // QBENCH_ONLY=n times only the n-th query and skips the digests (for a focused profile).
  const only = process.env.QBENCH_ONLY === undefined ? null : Number(process.env.QBENCH_ONLY);
  for (const source of only === null ? timedQueries : [timedQueries[only]!]) {
    const query = parseQuery(source);
    const times: number[] = [];
    let result: QueryResult | null = null;
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      result = runQuery(query, index, ctx);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    out[source.replace(/\n/g, ' | ') || '(all)'] = { p50Ms: round(percentile(times, 50)), p95Ms: round(percentile(times, 95)), digest: digest(result!) };
  }
  const digests: Record<string, string> = {};
  for (const source of only === null ? digestQueries : []) {
    for (const today of ['2026-11-23', '2026-03-10']) {
      digests[`${source.replace(/\n/g, ' | ')} @${today}`] = digest(runQuery(parseQuery(source), index, { today }));
    }
  }
  // The same queries again on the same index (anything cached across runs must not leak `today`).
  for (const source of only === null ? digestQueries : []) {
    const key = `${source.replace(/\n/g, ' | ')} @2026-11-23`;
    if (digest(runQuery(parseQuery(source), index, ctx)) !== digests[key]) digests[key] += ' (UNSTABLE)';
  }
  out.digests = digests;
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

await main();
