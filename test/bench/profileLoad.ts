// A profiling helper: `loadWorkspace` on a generated vault, timed over several cold-ish runs.
// Build and run (see esbuild.config.mjs for the banner):
//   npx esbuild test/bench/profileLoad.ts --bundle --platform=node --format=esm \
//     --banner:js="import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" \
//     --outfile=/tmp/profileLoad.mjs && node --cpu-prof /tmp/profileLoad.mjs
// PROFILE_NOTES (default 10000) and PROFILE_RUNS (default 5) tune it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadWorkspace } from '../../language-server/node/loadWorkspace.js';
import { generateVault } from './generateVault.js';

const noteCount = Number(process.env.PROFILE_NOTES ?? 10_000);
const runs = Number(process.env.PROFILE_RUNS ?? 5);
// A private folder: a fixed name would race with anyone else benchmarking on the same machine.
const dir = await mkdtemp(path.join(os.tmpdir(), 'scriptorium-profile-'));
try {
  const bytes = await generateVault(dir, noteCount);
  const times: number[] = [];
  // CPU time as well as wall time: on a shared machine the wall clock also measures the neighbours.
  const cpuTimes: number[] = [];
  let tasks = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const workspace = await loadWorkspace(dir);
    const used = process.cpuUsage(cpu);
    times.push(performance.now() - started);
    cpuTimes.push((used.user + used.system) / 1000);
    tasks = 0;
    for (const file of workspace.files()) tasks += file.tasks.length;
  }
  const out = { notes: noteCount, megabytes: Math.round((bytes / 1048576) * 100) / 100, tasks, loadMs: times.map((t) => Math.round(t)), firstMs: Math.round(times[0]!), bestMs: Math.round(Math.min(...times)), cpuMs: cpuTimes.map((t) => Math.round(t)) };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
