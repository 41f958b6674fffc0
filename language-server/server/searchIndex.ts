import type { EmbeddingStatus } from '../../core/search/embeddings/fallback.js';
import type { EmbeddingProvider } from '../../core/search/embeddings/types.js';
import { SearchService, type LinkSuggestion, type RankingWeights } from '../../core/search/searchService.js';
import type { SqlDatabase } from '../../core/store/sqlTypes.js';
import type { LinkRanker, LinkRankRequest } from '../features/shared/options.js';
import type { ServerWorkspace } from './serverWorkspace.js';
import { afterReplies, backgroundTurn, Slicer } from './yieldNow.js';

/** How a configured provider is used: its vectors cached in `database`, its fallbacks and returns told to `onStatus`. */
export interface EmbeddingsUse {
  database?: SqlDatabase | undefined;
  onStatus?: (status: EmbeddingStatus) => void;
  /** Called once the notes are embedded after a build (the cache may be saved). */
  embedded?: () => void;
}

/** Ranker answers kept (one per paragraph being written: the user moves between a few). */
const rankerCacheSize = 32;
/** A ranking expected to take longer than this runs after the completion was answered. */
const inlineRankingMs = 8;
/** Rankings the warm-up runs (the first ones after start compile the code; later ones measure it). */
const warmRankings = 6;

/**
 * The server's one SearchService, built in time slices after indexing (so requests keep being
 * answered) and then told about every changed file before each use. The `scriptorium/search`
 * requests wait for it; `[[` completion never does (see `linkRanker`).
 */
export class ServerSearch {
  /** Set once the notes are indexed (the vector leg may still be training). */
  private service: SearchService | null = null;
  /** The build, kept once done: queries wait for all of it, vectors included. */
  private built: Promise<SearchService> | null = null;
  private readonly dirty = new Set<string>();
  /** Whether the build has trained the vector leg (until then rankings leave it out). */
  private vectorsTrained = false;
  private readonly rankings = new Map<string, ReadonlyMap<string, number>>();
  private readonly pending = new Set<string>();
  /** Per note, the key of the paragraph last asked about: a deferred ranking of another is dropped. */
  private readonly latestParagraph = new Map<string, string>();
  /** Recent cost of a ranking, ms (a running average), to decide whether completion may wait for one. */
  private rankingMs = inlineRankingMs * 4;
  /** A re-read of the edited notes is scheduled (catchUpSoon). */
  private catchingUp = false;
  /** The `embeddings` setting's provider: undefined, the offline default; null, no vector leg. */
  private embeddings: EmbeddingProvider | null | undefined = undefined;
  private use: EmbeddingsUse = {};

  constructor(private readonly state: ServerWorkspace) {
    state.onDidChange((change) => {
      for (const path of change.paths) this.dirty.add(path);
    });
  }

  /** The service, current with the workspace: built (in slices, vector leg included) on first call. */
  async get(): Promise<SearchService> {
    // Shared by every caller, so not cancelled with any one request.
    const service = await (this.built ??= this.build());
    for (const path of this.dirty) service.update(path);
    this.dirty.clear();
    return service;
  }

  /**
   * Another embedder (the `embeddings` setting changed): the index is built again. A provider is
   * used through SearchService's fallback chain, so one that fails later needs no call here.
   */
  setEmbeddings(embeddings: EmbeddingProvider | null | undefined, use: EmbeddingsUse = {}): void {
    if (embeddings === this.embeddings) return;
    const wasBuilt = this.built !== null;
    this.embeddings = embeddings;
    this.use = use;
    this.service = null;
    this.built = null;
    this.rankings.clear();
    this.vectorsTrained = false;
    // Built before (indexing is over): built again now, so a provider that is down is reported without waiting for a search.
    if (wasBuilt) void this.warmUp().catch(() => undefined);
  }

  /** The service once its notes are indexed, current with the workspace; null before. */
  now(): SearchService | null {
    if (!this.service) return null;
    for (const path of this.dirty) this.service.update(path);
    this.dirty.clear();
    return this.service;
  }

  /** Builds the index ahead of the first request (called once indexing is done). */
  async warmUp(): Promise<void> {
    const service = await this.get();
    await this.warmRanking(service);
  }

  /**
   * A few rankings of real paragraphs, a step each: the first `[[` of a session then runs
   * compiled code, and `rankingMs` starts from what a ranking costs here rather than a guess
   * (too high a guess deferred every ranking of the first minute to the next keystroke).
   */
  private async warmRanking(service: SearchService): Promise<void> {
    // A configured provider is not sent notes' text for a warm-up: those rankings leave vectors out.
    const weights = this.vectorsTrained && this.embeddings === undefined ? {} : { vector: 0 };
    let samples = 0;
    for (const file of this.state.workspace.files()) {
      if (samples >= warmRankings) break;
      if (!file.note || file.text.length < 200) continue;
      samples++;
      await backgroundTurn();
      if (this.service !== service) return;
      const { took } = await this.timedRanking(service, { fromPath: file.path, paragraph: file.text.slice(0, 400), query: '', limit: 100 }, weights, { first: samples === 1, between: backgroundTurn });
      // A vault where one ranking is a long step (50k notes: ~70 ms) is measured once, not six times.
      if (took > 4 * inlineRankingMs) break;
    }
  }

  /** Search, related notes and link suggestions: the service with its vector leg trained. */
  async forQuery(): Promise<SearchService> {
    return this.get();
  }

  /**
   * Relevance for `[[` completion from SearchService.suggestLinks. A ranking costs tens of ms
   * at 10k notes, more than a keystroke may wait, so a new paragraph gets an empty answer at
   * once (name order) while its ranking is computed right after; the client asks again as the
   * user types and gets it. Until the build has trained the vector leg, rankings use text and
   * links only (a query with vectors would finish the training in one long step).
   */
  readonly linkRanker: LinkRanker = {
    scores: (request) => this.scores(request),
  };

  private async scores(request: LinkRankRequest): Promise<ReadonlyMap<string, number>> {
    // The notes edited since the last search are re-read after this answer, not before it: the
    // note being written is never its own suggestion, and one keystroke's worth of change
    // elsewhere does not move a ranking, while re-reading first cost every new paragraph ~1–3 ms.
    const service = this.service;
    if (!service) return empty;
    this.catchUpSoon();
    const key = `${request.fromPath}\u0000${request.limit}\u0000${request.paragraph}`;
    this.latestParagraph.set(request.fromPath, key);
    const known = this.rankings.get(key);
    if (known) return known;
    if (this.rankingMs <= inlineRankingMs) return this.rank(service, key, request);
    if (!this.pending.has(key)) {
      this.pending.add(key);
      // After this completion's reply is written (a timer would run before it and hold it for
      // the whole ranking), and before the next keystroke's request, which then gets it.
      void afterReplies().then(() => {
        this.pending.delete(key);
        const current = this.now();
        // A leg per background turn: a request that comes meanwhile waits for one leg, not the
        // whole ranking; a paragraph the user has left by then is not ranked further.
        const between = async () => {
          await backgroundTurn();
          if (this.latestParagraph.get(request.fromPath) !== key) throw new Error('a newer paragraph is being written');
        };
        if (current) return this.rank(current, key, request, between);
      }).catch(() => undefined);
    }
    return empty;
  }

  /** Re-reads the edited notes once the replies being made are written (see `scores`). */
  private catchUpSoon(): void {
    if (this.dirty.size === 0 || this.catchingUp) return;
    this.catchingUp = true;
    void afterReplies()
      .then(() => this.now())
      .catch(() => undefined)
      .finally(() => (this.catchingUp = false));
  }

  /** `between`: a ranking no request waits for runs a leg per step, with this between them (see timedRanking). */
  private async rank(service: SearchService, key: string, request: LinkRankRequest, between?: () => Promise<void>): Promise<ReadonlyMap<string, number>> {
    const { suggestions } = await this.timedRanking(service, request, this.vectorsTrained ? {} : { vector: 0 }, between ? { between } : {});
    const scores = new Map(suggestions.map((s) => [s.target, s.score]));
    if (this.rankings.size >= rankerCacheSize) this.rankings.delete(this.rankings.keys().next().value!);
    this.rankings.set(key, scores);
    return scores;
  }

  /**
   * A paragraph's ranking for `[[` (scores only, no "why"), its time folded into `rankingMs` (or
   * setting it, for the `first`). With `between`, a ranking no request waits for runs a leg per
   * step (at 50k notes a ranking is 20–45 ms, longer than a request should wait behind); only
   * the legs' own time counts.
   */
  private async timedRanking(service: SearchService, request: LinkRankRequest, weights: Partial<RankingWeights>, how: { first?: boolean; between?: () => Promise<void> } = {}): Promise<{ suggestions: LinkSuggestion[]; took: number }> {
    let took = 0;
    let since = performance.now();
    const between = how.between;
    const pause = between
      ? async () => {
          took += performance.now() - since;
          await between();
          since = performance.now();
        }
      : undefined;
    const suggestions = await service.suggestLinks({ file: request.fromPath, text: request.paragraph }, { limit: request.limit, weights, explain: false, ...(pause ? { pause } : {}) });
    took += performance.now() - since;
    this.rankingMs = how.first ? took : 0.7 * this.rankingMs + 0.3 * took;
    return { suggestions, took };
  }

  /**
   * Indexes the notes, then trains the vector leg (with a configured provider: the offline
   * default it falls back to, then the notes are embedded through the provider), in 5 ms
   * slices: requests are answered in between (completion ranks by text and links as soon as the
   * notes are indexed). Files that change meanwhile are in `dirty` and are re-read on the next use.
   */
  private async build(): Promise<SearchService> {
    const embeddings = this.embeddings;
    const use = this.use;
    const { database, onStatus } = use;
    const service = SearchService.empty(this.state.workspace, { embeddings, ...(database ? { database } : {}), ...(onStatus ? { fallback: { onStatus } } : {}) });
    // The build reads every file as it is when its turn comes: only later changes need a re-read.
    this.dirty.clear();
    const slicer = new Slicer(5, true);
    // Another embedder meanwhile (setEmbeddings): this build is dropped for the one it started.
    const replaced = () => this.embeddings !== embeddings;
    for (const _ of service.indexSteps()) {
      await slicer.maybeYield();
      if (replaced()) return this.get();
    }
    this.service = service;
    for (const _ of service.vectorSteps()) {
      await slicer.maybeYield();
      if (replaced()) return this.get();
    }
    // A configured provider embeds the notes now (network waits leave the server free): one that
    // is down is reported before anyone searches, and completion ranks by text until it is done.
    if (embeddings) {
      await service.ready();
      use.embedded?.();
    }
    if (replaced()) return this.get();
    this.vectorsTrained = true;
    return service;
  }
}

const empty: ReadonlyMap<string, number> = new Map();
