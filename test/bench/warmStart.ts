// A start with the store, in a fresh process (bench.ts runs it twice after the first start): the
// first fills the store's note summaries (what the first `tasks`/`check` with a store does), the
// second is the warm start the budget is about — unchanged notes restored, nothing parsed.
import { isTextKept } from '../../core/workspace/lazyText.js';
import { loadWorkspace } from '../../language-server/node/loadWorkspace.js';
import { log, memory, round, timed, timedAsync } from './measure.js';

export async function benchStoreStart(dir: string, storeDir: string) {
  const cpu = process.cpuUsage();
  const load = await timedAsync(() => loadWorkspace(dir, { store: storeDir, log: (line) => log(`store: ${line}`) }));
  const tasks = timed(() => load.value.taskIndex());
  const links = timed(() => load.value.linkIndex());
  const used = process.cpuUsage(cpu);
  let restored = 0;
  let read = 0;
  for (const file of load.value.files()) {
    if (!isTextKept(file)) restored++;
    else if (file.kind !== 'other') read++;
  }
  return {
    measured:
      'fresh process, existing store: loadWorkspace(dir, {store}) — stat of every file, store open + history scan (hand edits recorded), ' +
      'unchanged notes restored from their stored summaries, the rest read and parsed (and stored) — then taskIndex() + linkIndex()',
    untilQueryableMs: round(load.ms + tasks.ms + links.ms),
    loadWorkspaceMs: round(load.ms),
    taskIndexMs: round(tasks.ms),
    linkIndexMs: round(links.ms),
    cpuMs: round((used.user + used.system) / 1000),
    restoredNotes: restored,
    filesReadAndParsed: read,
    // The store open is inside loadWorkspace now; no separate figure.
    storeOpenScanMs: null,
    memory: memory(),
  };
}
