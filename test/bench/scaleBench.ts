// The figures of one vault, measured inside a fresh process (bench.ts spawns it) so that the cold
// index runs with a cold JIT and the peak RSS is this vault's alone.
//   --one <dir> --store <storeDir>:  cold index, memory, store creation, edits, look-ups, queries, parse throughput
//   --warm <dir> --store <storeDir>: a second start against the store the first run left
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import { buildTaskIndex } from '../../core/tasks/taskIndex.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { loadWorkspace } from '../../language-server/node/loadWorkspace.js';
import { openVaultHistory, storeFileName } from '../../language-server/node/openHistory.js';
import { listWorkspaceFiles } from '../../language-server/node/readWorkspaceFiles.js';
import { seededRandom } from './generateVault.js';
import { latency, log, megabytes, memory, pick, round, timed, timedAsync } from './measure.js';
import { parseThroughput } from './parseThroughput.js';

const today = '2026-11-23';
const edits = 50;
const warmupEdits = 2;
/** buildTaskIndex alone is timed on this many of the edits: at 50k notes each costs as much as the rebuild. */
const buildAloneSamples = 10;
const lookups = 1000;
const queryRuns = 30;
export const taskQueries = ['not done\nsort by due', 'due before 2026-06-01\nnot done\ngroup by folder', '(priority is high) OR (is blocked)\nlimit 50'];

/** Cold start until tasks and links are queryable: loadWorkspace + taskIndex() + linkIndex(). */
async function coldIndex(dir: string) {
  const cpu = process.cpuUsage();
  const load = await timedAsync(() => loadWorkspace(dir));
  const tasks = timed(() => load.value.taskIndex());
  const links = timed(() => load.value.linkIndex());
  const used = process.cpuUsage(cpu);
  return {
    workspace: load.value,
    figures: {
      coldIndexMs: round(load.ms + tasks.ms + links.ms),
      loadWorkspaceMs: round(load.ms),
      taskIndexMs: round(tasks.ms),
      linkIndexMs: round(links.ms),
      cpuMs: round((used.user + used.system) / 1000),
    },
  };
}

/** A plain synchronous read of every file loadWorkspace reads (notes, canvases, source files). */
async function floorRead(dir: string) {
  const files = await listWorkspaceFiles(dir, (p) => fileKindOf(p) !== 'other');
  let bytes = 0;
  const read = timed(() => {
    for (const f of files) bytes += readFileSync(f.absolute).byteLength;
  });
  return { floorReadMs: round(read.ms), files: files.length, megabytes: megabytes(bytes) };
}

function size(workspace: Workspace) {
  const links = workspace.linkIndex();
  let notes = 0;
  let outgoing = 0;
  let resolved = 0;
  for (const file of workspace.files()) if (file.kind === 'markdown') notes++;
  for (const source of links.sourcePaths()) {
    outgoing += links.outgoing(source).length;
    for (const count of links.resolvedOf(source).values()) resolved += count;
  }
  return { notes, tasks: workspace.taskIndex().tasks.length, links: outgoing, resolvedLinks: resolved };
}

function markdownPaths(workspace: Workspace): string[] {
  return [...workspace.files()].filter((f) => f.kind === 'markdown').map((f) => f.path).sort();
}

/**
 * 50 edits of random notes (after 2 unmeasured ones), each adding a task line with a link at the
 * end of the note: setText, then taskIndex() and linkIndex() as a reader would ask. Also the
 * first ready() of each rebuilt index, and where the rebuild's time goes.
 */
function reindexOneNote(workspace: Workspace, random: () => number) {
  const paths = markdownPaths(workspace);
  const total: number[] = [];
  const setText: number[] = [];
  const taskIndex: number[] = [];
  const linkIndex: number[] = [];
  const linkUpdate: number[] = [];
  const buildOnly: number[] = [];
  const readyFirst: number[] = [];
  const readyMemo: number[] = [];
  for (let i = 0; i < warmupEdits + edits; i++) {
    const [target] = pick(paths, 1, random);
    const [other] = pick(paths, 1, random);
    const before = workspace.file(target!)!.text;
    const edited = `${before.endsWith('\n') ? before : `${before}\n`}- [ ] bench edit ${i} 📅 2026-12-01 [[${path.posix.basename(other!, '.md')}]]\n`;
    const a = performance.now();
    const file = workspace.setText(target!, edited);
    const b = performance.now();
    const index = workspace.taskIndex();
    const c = performance.now();
    const links = workspace.linkIndex();
    const d = performance.now();
    const ready = timed(() => index.ready());
    const memo = timed(() => index.ready());
    // Diagnostics only, outside the measured edit: the link part of setText alone, and
    // buildTaskIndex alone (without the Workspace gathering every file's tasks in path order).
    const relink = timed(() => links.setFile(file));
    if (i < warmupEdits) continue;
    if (buildOnly.length < buildAloneSamples) buildOnly.push(timed(() => buildTaskIndex(index.tasks)).ms);
    total.push(d - a);
    setText.push(b - a);
    taskIndex.push(c - b);
    linkIndex.push(d - c);
    linkUpdate.push(relink.ms);
    readyFirst.push(ready.ms);
    readyMemo.push(memo.ms);
  }
  return {
    reindexOneNoteMs: {
      measured: 'workspace.setText(path, text + one task line with a link) + taskIndex() + linkIndex(), 50 random notes',
      total: latency(total),
      fileOnlySetText: latency(setText),
      taskIndexRebuild: latency(taskIndex),
      linkIndexCall: latency(linkIndex),
      parts: {
        linkIndexSetFileOfTheNote: latency(linkUpdate),
        buildTaskIndexAlone: latency(buildOnly),
      },
    },
    readySetMs: {
      measured: 'TaskIndex.ready() on each freshly rebuilt index (first call computes it; later calls are memoised)',
      firstCall: latency(readyFirst),
      memoised: latency(readyMemo),
      readyTasks: workspace.taskIndex().ready().length,
    },
  };
}

function backlinks(workspace: Workspace, random: () => number) {
  const links = workspace.linkIndex();
  const samples: number[] = [];
  let most = 0;
  for (const p of pick(markdownPaths(workspace), lookups, random)) {
    const t = performance.now();
    const entries = [...links.backlinks(p)];
    samples.push(performance.now() - t);
    most = Math.max(most, entries.length);
  }
  return { measured: `[...LinkIndex.backlinks(path)] of ${lookups} random notes`, ...latency(samples), mostSourcesSeen: most };
}

function queries(workspace: Workspace) {
  const index = workspace.taskIndex();
  const out: Record<string, unknown> = { tasks: index.tasks.length };
  for (const source of taskQueries) {
    const query = parseQuery(source);
    if (query.errors.length > 0) throw new Error(`query ${JSON.stringify(source)}: ${query.errors.map((e) => e.message).join('; ')}`);
    // The first run on an index also builds its per-index columns (cached with the index).
    const first = timed(() => runQuery(query, index, { today }));
    if (first.value.errors.length > 0) throw new Error(`query ${JSON.stringify(source)}: ${first.value.errors.map((e) => e.message).join('; ')}`);
    const samples: number[] = [];
    for (let i = 0; i < queryRuns; i++) samples.push(timed(() => runQuery(query, index, { today })).ms);
    out[source.replace(/\n/g, ' | ')] = { firstRunMs: round(first.ms), ...latency(samples), matching: first.value.totalMatching };
  }
  return out;
}

/** The first start with a store: openVaultHistory creates it from the loaded Workspace and saves it. */
async function createStore(dir: string, storeDir: string, workspace: Workspace) {
  const opened = await timedAsync(() => openVaultHistory(dir, { storeDir, workspace, log: (line) => log(`store: ${line}`) }));
  opened.value.history.close();
  return { storeCreateMs: round(opened.ms), status: opened.value.history.status, storeMB: megabytes(statSync(path.join(storeDir, storeFileName)).size) };
}

export async function benchOne(dir: string, name: string, storeDir: string) {
  const figures = await withWorkspace(dir, name, storeDir);
  // The Workspace is garbage by now: parse throughput runs without its heap around.
  return { ...figures, parse: await parseThroughput(name, dir, figures.coldIndexMs > 5000 ? 2 : 3) };
}

async function withWorkspace(dir: string, name: string, storeDir: string) {
  const cold = await coldIndex(dir);
  const afterIndex = memory();
  const store = await createStore(dir, storeDir, cold.workspace);
  const afterStore = memory();
  const floor = await floorRead(dir);
  const random = seededRandom(11);
  const { coldIndexMs, ...coldIndexParts } = cold.figures;
  const edits = reindexOneNote(cold.workspace, random);
  const backlinksMs = backlinks(cold.workspace, random);
  const taskQueryMs = queries(cold.workspace);
  const afterEditsAndQueries = memory();
  return {
    name,
    size: { ...size(cold.workspace), megabytes: floor.megabytes, files: floor.files },
    floorReadMs: floor.floorReadMs,
    coldIndexMs,
    coldIndexParts,
    storeCreate: { measured: 'first start with a store: openVaultHistory given the loaded Workspace (no re-read), store built and saved', ...store },
    ...edits,
    backlinksMs,
    taskQueryMs,
    peakMemoryMB: {
      measured: 'process.resourceUsage().maxRSS of this vault\'s own process so far (heapUsed after a forced GC)',
      afterIndex: afterIndex.peakRssMB,
      afterIndexAndStore: afterStore.peakRssMB,
      afterEditsAndQueries: afterEditsAndQueries.peakRssMB,
    },
    heapUsedAfterIndexMB: afterIndex.heapUsedMB,
    memoryDetail: { afterIndex, afterStore, afterEditsAndQueries },
  };
}
