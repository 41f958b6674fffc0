// `npm run bench`: every figure of issue 3 as JSON on stdout (progress on stderr), for the corpora
// and realistic generated vaults (BENCH_SCALES, default 1000,10000,50000 notes), each beside the
// floor of a plain read and the budgets of ../shared/DESIGN.md.
//
// Each vault is measured in fresh child processes of this same bundle (`--one`, then `--warm`),
// so the cold start has a cold JIT and the peak RSS belongs to that vault alone.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { budgets, referenceVaultName, type LspFigures, type SearchFigures, type VaultFigures } from './budgets.js';
import { log, round } from './measure.js';
import { generateRealisticVault, referenceVaultOptions } from './realisticVault.js';
import { benchOne } from './scaleBench.js';
import { benchStoreStart } from './warmStart.js';
import { benchSearch } from './searchBench.js';
import { benchLsp } from './lspBench.js';
import { corporaRoot } from '../support/corpora.js';

const corpora = corporaRoot;
const corpusNames = ['obsidian-tasks-demo', 'dwarves-brain'];

type OneReport = Awaited<ReturnType<typeof benchOne>>;
type WarmReport = Awaited<ReturnType<typeof benchStoreStart>>;

/** Runs this bundle again with `args` in a fresh node (GC exposed) and parses the JSON it prints. */
function child<T>(args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.setEncoding('utf8');
    proc.stdout.on('data', (chunk: string) => (out += chunk));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench child ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(out) as T);
      } catch (error) {
        reject(error);
      }
    });
  });
}

async function measureVault(name: string, dir: string, generated: boolean) {
  const storeDir = await mkdtemp(path.join(os.tmpdir(), 'scriptorium-bench-store-'));
  try {
    log(`${name}: first start, edits, look-ups, queries (fresh process)`);
    const one = await child<OneReport>(['--one', dir, '--store', storeDir, '--name', name]);
    log(`${name}: second start with the store, filling its note summaries (fresh process)`);
    const firstWithStore = await child<WarmReport>(['--warm', dir, '--store', storeDir]);
    log(`${name}: third start, warm from the store (fresh process)`);
    const warm = { ...(await child<WarmReport>(['--warm', dir, '--store', storeDir])), firstStartWithStoreMs: firstWithStore.untilQueryableMs };
    const { parse, ...figures } = one;
    return { report: { ...figures, warmStart: warm }, parse, figures: toFigures(one, warm, generated) };
  } finally {
    await rm(storeDir, { recursive: true, force: true });
  }
}

function toFigures(one: OneReport, warm: WarmReport, generated: boolean): VaultFigures {
  const queryP95 = Object.values(one.taskQueryMs)
    .filter((q): q is { p95Ms: number } => typeof q === 'object' && q !== null && 'p95Ms' in q)
    .map((q) => q.p95Ms);
  return {
    name: one.name,
    generated,
    notes: one.size.notes,
    tasks: one.size.tasks,
    coldIndexMs: one.coldIndexMs,
    untilQueryableWithStoreMs: warm.untilQueryableMs,
    storeOpenScanMs: warm.storeOpenScanMs,
    reindexP95Ms: one.reindexOneNoteMs.total.p95Ms,
    taskQueryP95Ms: Math.max(...queryP95),
    peakRssMB: one.peakMemoryMB.afterIndexAndStore,
  };
}

function scales(): number[] {
  const raw = process.env.BENCH_SCALES ?? '1000,10000,50000';
  const list = raw.split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
  if (list.length === 0) throw new Error(`BENCH_SCALES=${raw}: expected note counts such as 1000,10000`);
  return list;
}

async function main() {
  const started = performance.now();
  const reports: unknown[] = [];
  const parse: unknown[] = [];
  const figures: VaultFigures[] = [];
  const search: unknown[] = [];
  const lsp: unknown[] = [];
  const generation: Record<string, number> = {};
  const vaults: { name: string; prepare: (dir: string) => Promise<void>; generated: boolean }[] = [];
  for (const corpus of corpusNames) {
    const root = path.join(corpora, corpus, 'vault');
    // A copy: the store and any history log must never be written into the shared corpus.
    if (existsSync(root)) vaults.push({ name: corpus, generated: false, prepare: (dir) => cp(root, dir, { recursive: true }) });
    else process.stderr.write(`[skip] ${root} not found: corpus benchmark skipped.\n`);
  }
  for (const n of scales()) vaults.push({ name: `realistic-${n}`, generated: true, prepare: async (dir) => void (await generateRealisticVault(dir, n, 7)) });
  // The budgets' own size (DESIGN.md: ~13,000 notes, ~14 MB); BENCH_SCALES runs leave it out.
  if (!process.env.BENCH_SCALES) vaults.push({ name: referenceVaultName, generated: true, prepare: async (dir) => void (await generateRealisticVault(dir, 13_000, 7, referenceVaultOptions)) });

  for (const vault of vaults) {
    // A private folder per vault: a fixed name raced with other benchmarks on the machine.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'scriptorium-bench-'));
    try {
      const t = performance.now();
      await vault.prepare(dir);
      generation[vault.name] = round(performance.now() - t);
      log(`${vault.name}: prepared in ${Math.round(generation[vault.name]!)} ms`);
      const measured = await measureVault(vault.name, dir, vault.generated);
      reports.push(measured.report);
      parse.push(measured.parse);
      figures.push(measured.figures);
      log(`${vault.name}: search, related, suggest-links (fresh process)`);
      search.push(await child(['--search', dir, '--name', vault.name]));
      if (vault.name === 'realistic-10000' || vault.name === referenceVaultName || !vault.generated) {
        log(`${vault.name}: language server over stdio`);
        lsp.push(await child(['--lsp', dir, '--name', vault.name]));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  const out = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, node: process.version, totalMemMB: Math.round(os.totalmem() / 1048576) },
    // What the children printed is searchBench's and lspBench's reports.
    budgets: budgets(figures, search as SearchFigures[], lsp as LspFigures[]),
    vaults: reports,
    parse,
    search,
    lsp,
    run: { totalSeconds: round((performance.now() - started) / 1000, 1), prepareMs: generation },
  };
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
}

async function childMain(argv: string[]) {
  const { values } = parseArgs({ args: argv, options: { one: { type: 'string' }, warm: { type: 'string' }, store: { type: 'string' }, name: { type: 'string' } } });
  // The store's log lines name a device; a fixed name keeps a device file out of the way.
  process.env.SCRIPTORIUM_DEVICE ??= 'bench';
  if (!values.store) throw new Error('--store <dir> is required');
  const result = values.one ? await benchOne(values.one, values.name ?? path.basename(values.one), values.store) : await benchStoreStart(values.warm!, values.store);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const argv = process.argv.slice(2);
if (argv.includes('--lsp')) {
  const { values } = parseArgs({ args: argv, options: { lsp: { type: 'string' }, name: { type: 'string' } } });
  process.stdout.write(`${JSON.stringify(await benchLsp(values.lsp!, values.name ?? path.basename(values.lsp!)))}\n`);
} else if (argv.includes('--search')) {
  const { values } = parseArgs({ args: argv, options: { search: { type: 'string' }, name: { type: 'string' } } });
  process.stdout.write(`${JSON.stringify(await benchSearch(values.search!, values.name ?? path.basename(values.search!)))}\n`);
} else if (argv.includes('--one') || argv.includes('--warm')) await childMain(argv);
else await main();
