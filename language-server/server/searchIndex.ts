import { SearchService } from '../../core/search/searchService.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { LinkRanker, LinkRankRequest } from '../features/shared/options.js';
import type { ServerWorkspace } from './serverWorkspace.js';
import { Slicer } from './yieldNow.js';

/** Ranker answers kept (one per paragraph being written: the user moves between a few). */
const rankerCacheSize = 32;
/** A ranking expected to take longer than this runs after the completion was answered. */
const inlineRankingMs = 8;

/**
 * The server's one SearchService, built in time slices after indexing (so requests keep being
 * answered) and then told about every changed file before each use. The `scriptorium/search`
 * requests wait for it; `[[` completion never does (see `linkRanker`).
 */
export class ServerSearch {
  private service: SearchService | null = null;
  private building: Promise<SearchService> | null = null;
  private readonly dirty = new Set<string>();
  /** Whether the vector leg has been trained (its first use costs one long synchronous step). */
  private vectorsTrained = false;
  private readonly rankings = new Map<string, ReadonlyMap<string, number>>();
  private readonly pending = new Set<string>();
  /** Recent cost of a ranking, ms (a running average), to decide whether completion may wait for one. */
  private rankingMs = inlineRankingMs * 4;

  constructor(private readonly state: ServerWorkspace) {
    state.onDidChange((change) => {
      for (const path of change.paths) this.dirty.add(path);
    });
  }

  /** The service, current with the workspace: built (in slices) on first call. */
  async get(): Promise<SearchService> {
    // Shared by every caller, so not cancelled with any one request.
    const service = this.service ?? (await (this.building ??= this.build()));
    for (const path of this.dirty) service.update(path);
    this.dirty.clear();
    return service;
  }

  /** The service if it is built, current with the workspace; null while it is being built. */
  now(): SearchService | null {
    if (!this.service) return null;
    for (const path of this.dirty) this.service.update(path);
    this.dirty.clear();
    return this.service;
  }

  /** Builds the index ahead of the first request (called once indexing is done). */
  async warmUp(): Promise<void> {
    await this.get();
  }

  /** Called by search, related notes and link suggestions: these train the vector leg when they first run. */
  async forQuery(): Promise<SearchService> {
    const service = await this.get();
    this.vectorsTrained = true;
    return service;
  }

  /**
   * Relevance for `[[` completion from SearchService.suggestLinks. A ranking costs tens of ms
   * at 10k notes, more than a keystroke may wait, so a new paragraph gets an empty answer at
   * once (name order) while its ranking is computed right after; the client asks again as the
   * user types and gets it. Until search or related notes trained the vector leg, rankings use
   * text and links only: training it is one long step no keystroke should pay for.
   */
  readonly linkRanker: LinkRanker = {
    scores: (request) => this.scores(request),
  };

  private async scores(request: LinkRankRequest): Promise<ReadonlyMap<string, number>> {
    const service = this.now();
    if (!service) return empty;
    const key = `${request.fromPath}\u0000${request.limit}\u0000${request.paragraph}`;
    const known = this.rankings.get(key);
    if (known) return known;
    if (this.rankingMs <= inlineRankingMs) return this.rank(service, key, request);
    if (!this.pending.has(key)) {
      this.pending.add(key);
      setTimeout(() => {
        this.pending.delete(key);
        const current = this.now();
        if (current) void this.rank(current, key, request).catch(() => undefined);
      }, 0);
    }
    return empty;
  }

  private async rank(service: SearchService, key: string, request: LinkRankRequest): Promise<ReadonlyMap<string, number>> {
    const started = performance.now();
    const weights = this.vectorsTrained ? {} : { vector: 0 };
    const suggestions = await service.suggestLinks({ file: request.fromPath, text: request.paragraph }, { limit: request.limit, weights });
    this.rankingMs = 0.7 * this.rankingMs + 0.3 * (performance.now() - started);
    const scores = new Map(suggestions.map((s) => [s.target, s.score]));
    if (this.rankings.size >= rankerCacheSize) this.rankings.delete(this.rankings.keys().next().value!);
    this.rankings.set(key, scores);
    return scores;
  }

  /**
   * SearchService's constructor indexes every note in one synchronous step (seconds at 10k notes).
   * It is handed a view of the workspace that lists no files while it is constructed, and the
   * notes are then added one by one with update(), yielding between slices.
   */
  private async build(): Promise<SearchService> {
    const workspace = this.state.workspace;
    let constructing = true;
    const view = new Proxy(workspace, {
      get(target, property) {
        if (property === 'files' && constructing) return () => [][Symbol.iterator]();
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Workspace;
    const service = new SearchService(view);
    constructing = false;
    const slicer = new Slicer();
    const paths = [...workspace.files()].map((f) => f.path);
    for (const path of paths) {
      service.update(path);
      this.dirty.delete(path);
      await slicer.maybeYield();
    }
    this.service = service;
    this.building = null;
    return service;
  }
}

const empty: ReadonlyMap<string, number> = new Map();
