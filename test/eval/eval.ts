// `npm run eval`: hide real links in ../shared/corpora/dwarves-brain and count how often each
// ranking gives them back (recall@1, recall@5, MRR@10) — ours beside plain BM25 and title matching.
import { existsSync } from 'node:fs';
import { SearchService } from '../../core/search/searchService.js';
import { setPowerIterations } from '../../core/search/workspaceLsa.js';
import { loadWorkspace } from '../../language-server/node/loadWorkspace.js';
import { dwarvesVault } from '../support/corpora.js';
import { BM25_ONLY, evaluate, sampleHiddenLinks, serviceRanker, titleRanker } from './linkEval.js';

const vault = dwarvesVault;
const SAMPLE = Number(process.env.EVAL_SAMPLE ?? 300);
const SEED = Number(process.env.EVAL_SEED ?? 42);

async function main(): Promise<void> {
  if (!existsSync(vault)) {
    console.log(`[skip] ${vault} not found: nothing to evaluate.`);
    return;
  }
  const started = performance.now();
  if (process.env.EVAL_POWER) setPowerIterations(Number(process.env.EVAL_POWER));
  const workspace = await loadWorkspace(vault);
  const service = new SearchService(workspace);
  await service.ready();
  const hidden = sampleHiddenLinks(workspace, SAMPLE, SEED);
  const rankers = [serviceRanker('scriptorium', service), serviceRanker('bm25', service, BM25_ONLY), titleRanker(workspace)];
  const extra = process.env.EVAL_WEIGHTS ? [serviceRanker('custom', service, JSON.parse(process.env.EVAL_WEIGHTS))] : [];
  const results = await evaluate(workspace, service, hidden, [...rankers, ...extra]);
  const json = { corpus: 'dwarves-brain', sampledNotes: hidden.length, seed: SEED, seconds: Math.round((performance.now() - started) / 100) / 10, results };
  console.log(JSON.stringify(json, null, 2));
  const rows = [['task', 'ranking', 'recall@1', 'recall@5', 'MRR@10']];
  for (const [task, byRanker] of Object.entries(results)) for (const [name, s] of Object.entries(byRanker)) rows.push([task, name, s.recallAt1.toFixed(3), s.recallAt5.toFixed(3), s.mrrAt10.toFixed(3)]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n'));
}

await main();
