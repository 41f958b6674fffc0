// Search figures for one vault (run in a fresh process by bench.ts, or `node dist/bench.js --search <dir>`):
// text index build, the offline vector leg, the same built in steps as the server does (the
// longest step is what a request can wait behind), one-note re-index, p50/p95 of search,
// related and suggest-links, and memory.
import { SearchService } from '../../core/search/searchService.js';
import { loadWorkspace } from '../../language-server/node/loadWorkspace.js';
import { seededRandom } from '../eval/linkEval.js';
import { latency, round, timed, timedAsync } from './measure.js';

const SAMPLES = 60;

export async function benchSearch(dir: string, name: string) {
  const load = await timedAsync(() => loadWorkspace(dir));
  const workspace = load.value;
  workspace.linkIndex();
  const build = timed(() => new SearchService(workspace));
  const service = build.value;
  const vectors = await timedAsync(() => service.ready());
  const stepped = builtInSteps(workspace);
  const notes = [...workspace.files()].filter((f) => f.note).map((f) => f.path).sort();
  const random = seededRandom(11);
  const pick = () => notes[Math.floor(random() * notes.length)]!;
  // Queries made of the vault's own words: a few words of a random note, and a paragraph of one.
  const wordsOf = (path: string) => workspace.file(path)!.text.split(/\s+/).filter((w) => /^\p{L}{4,}$/u.test(w));
  const query = () => {
    const words = wordsOf(pick());
    return Array.from({ length: 3 }, () => words[Math.floor(random() * words.length)] ?? 'note').join(' ');
  };
  const paragraph = (path: string) => {
    const lines = workspace.file(path)!.text.split('\n').filter((l) => l.trim().length > 40);
    return lines[Math.floor(random() * lines.length)] ?? 'a note about things';
  };

  const reindex: number[] = [];
  for (let i = 0; i < 30; i++) {
    const path = pick();
    const text = workspace.file(path)!.text;
    const edited = `${text}\nEdited line ${i} about ${query()}.\n`;
    const t = performance.now();
    workspace.setText(path, edited);
    service.update(path);
    reindex.push(performance.now() - t);
    workspace.setText(path, text);
    service.update(path);
  }
  await service.ready();
  const search: number[] = [];
  const related: number[] = [];
  const suggest: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const q = query();
    search.push((await timedAsync(() => service.search(q, { limit: 10 }))).ms);
    const note = pick();
    related.push((await timedAsync(() => service.related(note, { limit: 10 }))).ms);
    const file = pick();
    const text = paragraph(file);
    suggest.push((await timedAsync(() => service.suggestLinks({ file, text }, { limit: 10 }))).ms);
  }
  globalThis.gc?.();
  return {
    name,
    notes: service.noteCount,
    loadMs: round(load.ms),
    textIndexBuildMs: round(build.ms),
    vectorLegMs: round(vectors.ms),
    searchReadyMs: round(build.ms + vectors.ms),
    builtInSteps: stepped,
    vectorStatus: service.vectorStatus,
    reindexOneNoteMs: latency(reindex),
    searchMs: latency(search),
    relatedMs: latency(related),
    suggestLinksMs: latency(suggest),
    memoryMB: { rss: round(process.memoryUsage().rss / 1048576), heapUsed: round(process.memoryUsage().heapUsed / 1048576) },
  };
}

/** SearchService.empty + indexSteps + vectorSteps, each step timed: the server runs them in 5 ms slices. */
function builtInSteps(workspace: Parameters<typeof SearchService.empty>[0]) {
  const started = performance.now();
  const service = SearchService.empty(workspace);
  let longest = 0;
  let steps = 0;
  for (const phase of [service.indexSteps(), service.vectorSteps()]) {
    let last = performance.now();
    for (const _ of phase) {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
      steps++;
    }
    longest = Math.max(longest, performance.now() - last);
  }
  return { totalMs: round(performance.now() - started), steps, longestStepMs: round(longest) };
}
