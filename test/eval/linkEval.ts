// Hidden-link evaluation: take real links out of real notes and ask for suggestions for their
// paragraph. Shared by `npm run eval` (test/eval/eval.ts) and its tests.
import type { Link } from '../../core/markdown/types.js';
import { MentionIndex } from '../../core/search/mentions.js';
import { namesOfNote } from '../../core/search/noteDocuments.js';
import type { RankingWeights, SearchService } from '../../core/search/searchService.js';
import type { Workspace } from '../../core/workspace/workspace.js';

export type Task = 'mention' | 'context';

export interface HiddenLink {
  source: string;
  target: string;
  /** The link as written, and where it is in the note. */
  raw: string;
  start: number;
  end: number;
  /** What a reader sees of it: the alias, or the target's name. */
  display: string;
}

export interface EvalQuery {
  hidden: HiddenLink;
  task: Task;
  /** The note's text with the link hidden. */
  noteText: string;
  /** The paragraph the link was in, with the link hidden. */
  paragraph: string;
}

/** mulberry32: the same seed samples the same links. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function displayOf(link: Link): string {
  if (link.alias) return link.alias;
  const name = link.target.slice(link.target.lastIndexOf('/') + 1);
  return name.replace(/\.md$/i, '');
}

/**
 * One link per sampled note: a wikilink or markdown link in the body (not an embed, not in
 * frontmatter) to another note, the only link from that note to that target, so hiding it
 * hides it from the graph too.
 */
export function sampleHiddenLinks(workspace: Workspace, count: number, seed: number): HiddenLink[] {
  const links = workspace.linkIndex();
  const pool: HiddenLink[][] = [];
  const paths = [...workspace.files()].filter((f) => f.note).map((f) => f.path).sort();
  for (const path of paths) {
    const note = workspace.file(path)!.note!;
    const bodyStart = note.frontmatter ? note.frontmatter.endLine + 1 : 0;
    const options: HiddenLink[] = [];
    const outgoing = links.outgoing(path);
    for (const { link, target } of outgoing) {
      if (target === null || target === path || !target.toLowerCase().endsWith('.md')) continue;
      if (link.kind !== 'wikilink' && link.kind !== 'markdown') continue;
      if (link.range.start.line < bodyStart || link.range.start.line !== link.range.end.line) continue;
      if (links.resolvedOf(path).get(target) !== 1) continue;
      const line = note.lines[link.range.start.line]!;
      const start = line.offset + link.range.start.character;
      options.push({ source: path, target, raw: link.raw, start, end: start + link.raw.length, display: displayOf(link) });
    }
    if (options.length > 0) pool.push(options);
  }
  const random = seededRandom(seed);
  // Fisher–Yates over notes, then one link per chosen note.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count).map((options) => options[Math.floor(random() * options.length)]!);
}

/** The paragraph around `offset`: its line, and the neighbouring non-blank lines unless it is a list item or heading. */
export function paragraphAround(text: string, offset: number): { start: number; end: number } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let lineEnd = text.indexOf('\n', offset);
  if (lineEnd < 0) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd);
  if (/^\s*(?:[-*+]|\d+[.)]|#{1,6})\s/.test(line) || /^\s*>/.test(line)) return { start: lineStart, end: lineEnd };
  let start = lineStart;
  let end = lineEnd;
  const isBlock = (l: string) => l.trim() === '' || /^\s*(?:[-*+]|\d+[.)]|#{1,6})\s/.test(l);
  while (start > 0) {
    const prevStart = text.lastIndexOf('\n', start - 2) + 1;
    const prev = text.slice(prevStart, start - 1);
    if (isBlock(prev)) break;
    start = prevStart;
  }
  while (end < text.length) {
    let nextEnd = text.indexOf('\n', end + 1);
    if (nextEnd < 0) nextEnd = text.length;
    const next = text.slice(end + 1, nextEnd);
    if (isBlock(next)) break;
    end = nextEnd;
  }
  return { start, end };
}

export function makeQuery(workspace: Workspace, hidden: HiddenLink, task: Task): EvalQuery {
  const text = workspace.file(hidden.source)!.text;
  const replacement = task === 'mention' ? hidden.display : '';
  const noteText = text.slice(0, hidden.start) + replacement + text.slice(hidden.end);
  const at = paragraphAround(noteText, hidden.start);
  return { hidden, task, noteText, paragraph: noteText.slice(at.start, at.end) };
}

export interface Ranker {
  name: string;
  rank(query: EvalQuery): Promise<string[]>;
}

/** Our ranking, or plain BM25 (mentions off, every other leg at 0), through the real service. */
export function serviceRanker(name: string, service: SearchService, weights?: Partial<RankingWeights>): Ranker {
  return {
    name,
    async rank(query) {
      const found = await service.suggestLinks({ file: query.hidden.source, text: query.paragraph }, { limit: 10, weights });
      return found.map((s) => s.target);
    },
  };
}

export const BM25_ONLY: Partial<RankingWeights> = { text: 1, vector: 0, backlink: 0, shared: 0, alreadyLinked: 0, mentions: 0 };

/** Obsidian's "unlinked mentions" as a ranker: notes whose name the paragraph contains, longest name first. */
export function titleRanker(workspace: Workspace): Ranker {
  const mentions = new MentionIndex();
  for (const file of workspace.files()) if (file.note) mentions.set(file.path, namesOfNote(file.path, file.note));
  return {
    name: 'title match',
    async rank(query) {
      const found = mentions.find(query.paragraph).filter((m) => m.path !== query.hidden.source);
      found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
      return [...new Set(found.map((m) => m.path))].slice(0, 10);
    },
  };
}

export interface Scores {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  mrrAt10: number;
}

export function score(ranks: (number | null)[]): Scores {
  const n = ranks.length || 1;
  const r = (k: number) => ranks.filter((x) => x !== null && x < k).length / n;
  const mrr = ranks.reduce<number>((s, x) => s + (x !== null && x < 10 ? 1 / (x + 1) : 0), 0) / n;
  return { queries: ranks.length, recallAt1: round(r(1)), recallAt5: round(r(5)), mrrAt10: round(mrr) };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * Runs every ranker on every hidden link and task. The workspace and the service see the note
 * with its link hidden while it is asked about (so the graph does not know the link either),
 * then get it back.
 */
export async function evaluate(
  workspace: Workspace,
  service: SearchService,
  hidden: readonly HiddenLink[],
  rankers: readonly Ranker[],
): Promise<Record<Task, Record<string, Scores>>> {
  const out = { mention: {}, context: {} } as Record<Task, Record<string, Scores>>;
  for (const task of ['mention', 'context'] as const) {
    const ranks = new Map<string, (number | null)[]>(rankers.map((r) => [r.name, []]));
    for (const link of hidden) {
      const original = workspace.file(link.source)!.text;
      const query = makeQuery(workspace, link, task);
      workspace.setText(link.source, query.noteText);
      service.update(link.source);
      try {
        for (const ranker of rankers) {
          const list = await ranker.rank(query);
          const at = list.indexOf(link.target);
          ranks.get(ranker.name)!.push(at < 0 ? null : at);
        }
      } finally {
        workspace.setText(link.source, original);
        service.update(link.source);
      }
    }
    for (const [name, list] of ranks) out[task][name] = score(list);
  }
  return out;
}
