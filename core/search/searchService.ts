import { parseNote } from '../markdown/parseNote.js';
import type { SqlDatabase } from '../store/sqlTypes.js';
import type { Workspace } from '../workspace/workspace.js';
import { queryTerms, type WeightedTerms } from './bm25Index.js';
import { resilientEmbedder } from './embeddings/chain.js';
import { FallbackEmbeddingProvider, type EmbeddingStatus, type FallbackOptions } from './embeddings/fallback.js';
import type { EmbeddingProvider } from './embeddings/types.js';
import { graphEvidence } from './graphSignals.js';
import { MentionIndex } from './mentions.js';
import { namesOfNote, noteName } from './noteDocuments.js';
import { DEFAULT_WEIGHTS, type RankingWeights } from './ranking.js';
import { explainMatch } from './sectionMatch.js';
import { TextIndex } from './textIndex.js';
import { termIds } from './tokenizer.js';
import { VectorLeg } from './vectorLeg.js';
import { WorkspaceLsa } from './workspaceLsa.js';

export type { RankingWeights } from './ranking.js';

export interface SearchServiceOptions {
  /**
   * Vectors for notes and queries. Absent: the built-in offline leg computed from the workspace
   * (see ARCHITECTURE.md for when it is used); null: no vector leg at all; a provider: that one,
   * falling back to the offline leg whenever it fails (`resilientEmbedder`).
   */
  embeddings?: EmbeddingProvider | null;
  /** The store's database (TaskStore.database): a configured provider's vectors are cached there. */
  database?: SqlDatabase;
  /** How a configured provider falls back: deadline per chunk, back-off, clock, and `onStatus` for status lines. */
  fallback?: FallbackOptions;
  /** Ranking weights (defaults measured with `npm run eval`). */
  weights?: Partial<RankingWeights>;
}

export interface SearchResult {
  path: string;
  score: number;
  /** The heading of the best-matching section, when that section has one. */
  heading?: string;
}

export interface RelatedNote {
  path: string;
  score: number;
  /** The best-matching section of the related note: heading and a snippet. */
  why?: string;
}

export interface LinkSuggestion {
  /** Vault path of the note worth linking. */
  target: string;
  score: number;
  /** Where the text already names the note: the range to turn into a link. */
  phrase?: { text: string; start: number; end: number };
  why?: string;
}

export interface SuggestOptions {
  limit?: number;
  /** Suggestions scoring below this are dropped (mentions score above 1, the rest in [0, 1)). */
  minScore?: number;
  /** Vault folders whose notes are never suggested. */
  excludeFolders?: readonly string[];
  /** Overrides the service's weights for this call (evaluation and tuning). */
  weights?: Partial<RankingWeights>;
  /** Find each suggestion's best-matching section for `why` (default true); scores alone (completion ranking) skip it. */
  explain?: boolean;
  /**
   * Awaited between the ranking's legs (mentions, text, vectors, graph) by a caller that keeps
   * its thread free for other work: at 50k notes a ranking is 20–45 ms, too long for one step.
   * Changes to the index meanwhile may or may not be seen by the rest of that ranking.
   */
  pause?: () => Promise<void>;
}

/** How a candidate scored, leg by leg, each in [0, 1]. */
interface Evidence {
  text: number;
  vector: number;
  backlink: number;
  shared: number;
  linked: number;
}

interface Query {
  terms: WeightedTerms;
  /** Text to embed for the vector leg, or a vector already known (a note's own). */
  embedText: string | null;
  vector?: Float32Array | null;
  /** The note the query is about or written in, for graph signals. */
  context: string | null;
  /** Notes the query text already links to (seeds for shared neighbours). */
  linked: readonly string[];
  exclude: (path: string) => boolean;
  /** Notes to score whatever their legs say (the notes a paragraph names). */
  candidates?: readonly string[];
}

/** Marks the constructor call of SearchService.empty(). */
const EMPTY: unique symbol = Symbol('empty');

/** Terms of a long text kept as a "more like this" query: the most distinctive ones. */
const MORE_LIKE_THIS_TERMS = 60;
/**
 * Candidates per leg: the best by text, the nearest by vector and the strongest by graph
 * signals are scored in full; a note outside all three lists cannot reach the top.
 */
const TEXT_CANDIDATES = 300;
const VECTOR_CANDIDATES = 200;
const GRAPH_CANDIDATES = 200;
/** Trained vectors taken into the vector leg per build step (~1 ms; a slice holds several steps). */
const VECTORS_PER_STEP = 256;

/**
 * Search, related notes and link suggestions over one workspace's notes: BM25 over notes and
 * sections (Orama with our index component), an optional vector leg, and graph signals from the
 * link index. Kept up to date note by note with update() and remove().
 */
export class SearchService {
  private readonly text = new TextIndex();
  private readonly mentions = new MentionIndex();
  private readonly vectors: VectorLeg | null;
  /** The offline leg: the vector leg itself, or what a configured provider falls back to. */
  private readonly lsa: WorkspaceLsa | null;
  /** The chain of a configured provider (null: the offline leg alone, or none). */
  private readonly chain: FallbackEmbeddingProvider | null = null;
  private readonly weights: RankingWeights;
  /** Notes updated or removed while the LSA was training: their trained vectors are out of date. */
  private readonly changedWhileTraining = new Set<string>();

  /** Builds the index of every note of the workspace at once (see empty() and buildSteps() for doing it in steps). */
  constructor(workspace: Workspace, options?: SearchServiceOptions);
  constructor(
    private readonly workspace: Workspace,
    options: SearchServiceOptions = {},
    start: typeof EMPTY | 'full' = 'full',
  ) {
    this.weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    if (options.embeddings === null || this.weights.vector <= 0) {
      this.lsa = null;
      this.vectors = null;
    } else {
      this.lsa = new WorkspaceLsa(this.text);
      const embedder = resilientEmbedder(options.embeddings ?? null, this.lsa, { ...options.fallback, ...(options.database ? { database: options.database } : {}) });
      if (embedder instanceof FallbackEmbeddingProvider) this.chain = embedder;
      this.vectors = new VectorLeg(embedder, (path) => this.embeddingText(path));
    }
    if (start === 'full') for (const _ of this.indexSteps());
  }

  /**
   * A service that knows no note yet: fill it with update() or, a step at a time, buildSteps().
   * Answers are from the notes indexed so far.
   */
  static empty(workspace: Workspace, options: SearchServiceOptions = {}): SearchService {
    return new (SearchService as unknown as new (w: Workspace, o: SearchServiceOptions, start: typeof EMPTY) => SearchService)(workspace, options, EMPTY);
  }

  /**
   * Builds what the constructor builds, in steps a caller can yield between (each one note, or
   * well under a millisecond of the vector leg's training): indexes every file of the workspace
   * (files changed meanwhile are read as they are when their turn comes; files added later are
   * the caller's to update()), then trains the offline vector leg (with a configured provider,
   * the offline default it falls back to, so a fallback never waits for a training). Queries may
   * run between steps.
   */
  *buildSteps(): Generator<void, void, void> {
    yield* this.indexSteps();
    yield* this.vectorSteps();
  }

  /** The first half of buildSteps(): every note's text, names and sections (one note a step). */
  *indexSteps(): Generator<void, void, void> {
    const paths: string[] = [];
    for (const file of this.workspace.files()) if (file.note) paths.push(file.path);
    for (const path of paths) {
      this.update(path);
      yield;
    }
    // What a bulk of writes leaves loose (room to grow, room left behind), packed a page a step.
    yield* this.text.packSteps();
  }

  /**
   * The second half of buildSteps(): trains the workspace LSA and takes the notes' vectors it
   * computed (kept only while the LSA is the model that answers). A query that needs vectors
   * meanwhile finishes it.
   */
  *vectorSteps(): Generator<void, void, void> {
    const lsa = this.lsa;
    const vectors = this.vectors;
    if (!lsa || !vectors) return;
    if (!lsa.isTraining) this.changedWhileTraining.clear();
    yield* lsa.trainSteps();
    const trained = lsa.takeTrainedVectors();
    // Their vectors are from the text the training read: re-embedded from their text now instead.
    for (const path of this.changedWhileTraining) trained.delete(path);
    this.changedWhileTraining.clear();
    // A step per VECTORS_PER_STEP vectors, taken as they come (copying all 50k entries first was
    // a long step of its own): all at once was ~40 ms at 13k notes, ~0.8 s at 50k. A query in
    // between embeds the notes still missing (they are stale) and these puts change nothing.
    const entries = trained.entries();
    let coming = trained.size;
    for (let last = false; !last; ) {
      const chunk = new Map<string, Float32Array>();
      while (chunk.size < VECTORS_PER_STEP && !last) {
        const next = entries.next();
        if (next.done) last = true;
        else chunk.set(next.value[0], next.value[1]);
      }
      // Put even when empty: the first put makes the LSA the leg's model.
      vectors.put(chunk, lsa.modelId, coming);
      coming = 0;
      if (!last) yield;
    }
  }

  /** Re-reads one file from the workspace (added, changed or gone). */
  update(path: string): void {
    const file = this.workspace.file(path);
    if (!file) return this.remove(path);
    if (!file.note) {
      this.unindex(path);
      return;
    }
    this.index(path);
    this.vectors?.markStale(path);
    if (this.lsa?.isTraining) this.changedWhileTraining.add(path);
  }

  remove(path: string): void {
    this.unindex(path);
    this.vectors?.remove(path);
    if (this.lsa?.isTraining) this.changedWhileTraining.add(path);
  }

  /** Computes what the vector leg still lacks; queries call it too, so this is only for warming up. */
  async ready(): Promise<void> {
    if (!this.vectors) return;
    // The offline leg trains on first need (finishing a training buildSteps() began); as a
    // fallback it trains only when it answers.
    if (!this.chain) for (const _ of this.vectorSteps());
    await this.vectors.refresh();
    // A fallback's training (inside embed) leaves the notes' vectors it computed: the leg embedded them itself.
    if (this.chain && this.lsa && !this.lsa.isTraining) this.lsa.takeTrainedVectors();
  }

  /** What the vector leg is doing, for status lines: its model and vectors, and why a configured provider is not answering. */
  get vectorStatus(): string {
    if (!this.vectors) return 'no vector leg';
    const status = this.chain?.status();
    return status?.state === 'fallback' ? `${this.vectors.status} (${status.message})` : this.vectors.status;
  }

  /** A note's vector as the vector leg holds it (unit length; every one of the same model), if it has one. */
  noteVector(path: string): Float32Array | undefined {
    return this.vectors?.vectorOf(path);
  }

  /** Which model answers for a configured provider, and why not the preferred one; null without one. */
  embeddingStatus(): EmbeddingStatus | null {
    return this.chain?.status() ?? null;
  }

  /** Whether the note has a heading with this text (case-insensitive), as related() sections are named. */
  hasSection(notePath: string, heading: string): boolean {
    const wanted = heading.trim().toLowerCase();
    return this.text.sectionsOfNote(notePath).some((s) => s.heading?.toLowerCase() === wanted);
  }

  get noteCount(): number {
    return this.text.noteCount;
  }

  async search(query: string, options: { limit?: number } = {}): Promise<SearchResult[]> {
    const limit = options.limit ?? 10;
    const terms = queryTerms(query, this.text.vocabulary);
    const ranked = await this.rank({ terms, embedText: query, context: null, linked: [], exclude: () => false }, this.weights);
    return ranked.slice(0, limit).map(({ path, score }) => {
      const match = explainMatch(this.text, path, terms);
      return match?.heading ? { path, score: round(score), heading: match.heading } : { path, score: round(score) };
    });
  }

  /**
   * Notes related to a note (or to one of its sections, named by heading): by text, by meaning
   * and by the link graph, each with the section of the related note that matched best.
   */
  async related(notePath: string, options: { limit?: number; section?: string } = {}): Promise<RelatedNote[]> {
    const file = this.workspace.file(notePath);
    if (!file?.note) return [];
    let source = this.text.sectionsOfNote(notePath).map((s) => s.body).join('\n');
    let vector: Float32Array | null | undefined;
    if (options.section !== undefined) {
      const wanted = options.section.trim().toLowerCase();
      const section = this.text.sectionsOfNote(notePath).find((s) => s.heading?.toLowerCase() === wanted);
      if (!section) return [];
      source = `${section.heading}\n${section.body}`;
    } else {
      // Vectors projected once, by ready(), before the note's own is read.
      await this.ready();
      vector = this.vectors?.vectorOf(notePath) ?? null;
    }
    const terms = this.moreLikeThis(`${namesOfNote(notePath, file.note).join(' ')}\n${source}`);
    const ranked = await this.rank(
      { terms, embedText: vector ? null : source, vector, context: notePath, linked: [], exclude: (p) => p === notePath },
      { ...this.weights, alreadyLinked: 0 },
    );
    return ranked.slice(0, options.limit ?? 10).map(({ path, score }) => withWhy({ path, score: round(score) }, explainMatch(this.text, path, terms)));
  }

  /**
   * Notes worth linking from a paragraph being written in `file`: first those the paragraph
   * names (title, alias or `title` property) with the phrase to turn into a link, then by
   * meaning. Never the note itself, a note the paragraph already links to, or an excluded folder.
   */
  async suggestLinks(input: { file: string; text: string }, options: SuggestOptions = {}): Promise<LinkSuggestion[]> {
    const weights = { ...this.weights, ...options.weights };
    // Nothing written yet: the graph alone would suggest the same notes for every empty line.
    if (input.text.trim() === '') return [];
    const { linked, taken } = this.linksIn(input.file, input.text);
    const folders = (options.excludeFolders ?? []).map((f) => f.replace(/^\/+|\/+$/g, '')).filter((f) => f !== '');
    const exclude = (path: string) =>
      path === input.file || linked.has(path) || !this.text.has(path) || folders.some((f) => path.startsWith(`${f}/`));
    const terms = queryTerms(input.text, this.text.vocabulary);
    const context = this.text.has(input.file) ? input.file : null;
    const mentions = weights.mentions > 0 ? this.mentions.find(input.text, taken).filter((m) => !exclude(m.path)) : [];
    await options.pause?.();
    const ranked = await this.rank({ terms, embedText: input.text, context, linked: [...linked], exclude, candidates: mentions.map((m) => m.path) }, weights, options.pause);
    const meaning = new Map(ranked.map((r) => [r.path, r.score]));

    const out: LinkSuggestion[] = [];
    const seen = new Set<string>();
    for (const m of mentions) {
      if (seen.has(m.path)) continue;
      seen.add(m.path);
      const score = weights.mentions + (meaning.get(m.path) ?? 0);
      out.push({ target: m.path, score, phrase: { text: input.text.slice(m.start, m.end), start: m.start, end: m.end } });
    }
    for (const r of ranked) {
      if (seen.has(r.path)) continue;
      seen.add(r.path);
      out.push({ target: r.path, score: r.score });
    }
    out.sort((a, b) => b.score - a.score || compare(a.target, b.target));
    const minScore = options.minScore ?? 0;
    const explain = options.explain ?? true;
    return out
      .filter((s) => s.score >= minScore)
      .slice(0, options.limit ?? 10)
      .map((s) => (explain ? withWhy({ ...s, score: round(s.score) }, explainMatch(this.text, s.target, terms)) : { ...s, score: round(s.score) }));
  }

  /** The leg-by-leg ranking every API shares: candidates from text, vectors and the graph, scored in [0, 1]. */
  private async rank(query: Query, weights: RankingWeights, pause?: () => Promise<void>): Promise<{ path: string; score: number; evidence: Evidence }[]> {
    const keep = (path: string) => !query.exclude(path);
    const text = weights.text > 0 ? this.text.topNotes(query.terms, TEXT_CANDIDATES, keep) : new Map<string, number>();
    let vectorScores = new Map<string, number>();
    if (this.vectors && weights.vector > 0) {
      await pause?.();
      await this.ready();
      const q = query.vector ?? (query.embedText !== null ? await this.vectors.embedQuery(query.embedText) : null);
      if (q) vectorScores = this.vectors.nearest(q, VECTOR_CANDIDATES, keep);
    }
    await pause?.();
    const links = this.workspace.linkIndex();
    const graph = weights.backlink > 0 || weights.shared > 0 ? graphEvidence(links, query.context, query.linked) : { linksHereNotBack: new Set<string>(), shared: new Map<string, number>() };
    const linkedFromContext = query.context ? links.resolvedOf(query.context) : new Map<string, number>();

    const candidates = new Set<string>();
    for (const path of text.keys()) candidates.add(path);
    for (const path of vectorScores.keys()) candidates.add(path);
    for (const path of query.candidates ?? []) if (this.text.has(path) && keep(path)) candidates.add(path);
    // Around a hub the graph reaches most of the vault: only its strongest few are scored.
    const graphKeep = (path: string) => this.text.has(path) && keep(path);
    const byShared = (paths: Iterable<string>, k: number) => {
      const list = [...paths].filter(graphKeep);
      return list.length <= k ? list : list.sort((a, b) => (graph.shared.get(b) ?? 0) - (graph.shared.get(a) ?? 0) || compare(a, b)).slice(0, k);
    };
    for (const path of byShared(graph.shared.keys(), GRAPH_CANDIDATES)) candidates.add(path);
    for (const path of byShared(graph.linksHereNotBack, GRAPH_CANDIDATES)) candidates.add(path);

    const maxText = maxOver(text, candidates);
    const maxVector = maxOver(vectorScores, candidates);
    const maxShared = maxOver(graph.shared, candidates);
    const total = weights.text + weights.vector + weights.backlink + weights.shared || 1;
    const out: { path: string; score: number; evidence: Evidence }[] = [];
    for (const path of candidates) {
      const evidence: Evidence = {
        text: maxText > 0 ? (text.get(path) ?? 0) / maxText : 0,
        vector: maxVector > 0 ? Math.max(0, vectorScores.get(path) ?? 0) / maxVector : 0,
        backlink: graph.linksHereNotBack.has(path) ? 1 : 0,
        shared: maxShared > 0 ? (graph.shared.get(path) ?? 0) / maxShared : 0,
        linked: linkedFromContext.has(path) ? 1 : 0,
      };
      const raw = weights.text * evidence.text + weights.vector * evidence.vector + weights.backlink * evidence.backlink + weights.shared * evidence.shared;
      const score = (raw / total) * (1 - weights.alreadyLinked * evidence.linked);
      // Below what a printed score shows: noise from a far vector, not a match.
      if (score >= 0.0005) out.push({ path, score: Math.min(score, 0.999), evidence });
    }
    out.sort((a, b) => b.score - a.score || compare(a.path, b.path));
    return out;
  }

  /** A long text's most distinctive terms, weighted by tf·idf relative to the strongest. */
  private moreLikeThis(text: string): WeightedTerms {
    const counts = new Map<number, number>();
    for (const id of termIds(text, this.text.vocabulary)) counts.set(id, (counts.get(id) ?? 0) + 1);
    const body = this.text.noteField('body');
    const weighted = [...counts].map(([id, tf]) => [id, (1 + Math.log(tf)) * body.idf(id)] as const).filter(([id]) => body.documentFrequency(id) > 0);
    weighted.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const top = weighted.slice(0, MORE_LIKE_THIS_TERMS);
    const max = top[0]?.[1] ?? 1;
    return new Map(top.map(([id, w]) => [id, w / max]));
  }

  /** The notes a paragraph links to (resolved from `file`), and a test for ranges inside links, code or URLs. */
  private linksIn(file: string, text: string): { linked: Set<string>; taken: (start: number, end: number) => boolean } {
    const parsed = parseNote(file, text);
    const linked = new Set<string>();
    const ranges: [number, number][] = [];
    for (const link of parsed.links) {
      const start = parsed.lines[link.range.start.line]!.offset + link.range.start.character;
      const end = parsed.lines[link.range.end.line]!.offset + link.range.end.character;
      ranges.push([start, end]);
      if (link.external) continue;
      const target = link.target === '' ? file : this.workspace.linkIndex().resolve(link.target, file);
      if (target !== null) linked.add(target);
    }
    for (const m of text.matchAll(/`[^`\n]*`|https?:\/\/\S+/g)) ranges.push([m.index, m.index + m[0].length]);
    return { linked, taken: (start, end) => ranges.some(([s, e]) => start < e && end > s) };
  }

  private index(path: string): void {
    const note = this.workspace.file(path)?.note;
    if (!note) return;
    this.text.setNote(path, note);
    this.mentions.set(path, namesOfNote(path, note));
  }

  private unindex(path: string): void {
    this.text.removeNote(path);
    this.mentions.remove(path);
  }

  /** What a provider embeds for a note: its names, then its text (providers truncate as their model needs). */
  private embeddingText(path: string): string | null {
    const note = this.workspace.file(path)?.note;
    if (!note) return null;
    const body = this.text.sectionsOfNote(path).map((s) => (s.heading ? `${s.heading}\n${s.body}` : s.body)).join('\n');
    return `${namesOfNote(path, note).join(', ')}\n${body}`;
  }
}

function withWhy<T extends object>(item: T, match: { heading: string | null; snippet: string } | null): T & { why?: string } {
  if (!match) return item;
  const why = match.heading ? (match.snippet ? `${match.heading}: ${match.snippet}` : match.heading) : match.snippet;
  return why ? { ...item, why } : item;
}

function maxOver(scores: Map<string, number>, keys: Set<string>): number {
  let max = 0;
  for (const k of keys) max = Math.max(max, scores.get(k) ?? 0);
  return max;
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { noteName };
