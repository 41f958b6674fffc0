import { localDate } from '../../../core/tasks/dates.js';

/**
 * Seams the server wires when it has more than the providers' local measures: semantic ranking
 * (core/search's SearchService), role definitions (core/roles), and the clock.
 */
export interface FeatureOptions {
  /** Ranks `[[` completion candidates by meaning; without one, notes rank by name match and link popularity. */
  linkRanker?: LinkRanker;
  /** Role names for `[role:: ` completion; without one, roles used in tasks plus the built-in defaults. */
  roleNames?: () => readonly string[];
  /** The user's local date, `YYYY-MM-DD` (completion of dates, task edits). */
  today?: () => string;
}

/** What a ranker is asked: the note being written, the paragraph around the cursor, what was typed. */
export interface LinkRankRequest {
  fromPath: string;
  /** The paragraph without the link being typed (so it stays the same while the user types the name). */
  paragraph: string;
  query: string;
  limit: number;
}

/**
 * Relevance of notes to a paragraph. Higher is better; notes it leaves out count as 0. May answer
 * later (a search index): completion waits a few milliseconds (`rankerBudgetMs`) and otherwise
 * answers in name order, so a ranker that is slow or not ready should answer with an empty map
 * at once and have its answer ready when asked again (the list is always marked incomplete).
 * The server wires this to SearchService.suggestLinks (server/searchIndex.ts).
 */
export interface LinkRanker {
  scores(request: LinkRankRequest): ReadonlyMap<string, number> | Promise<ReadonlyMap<string, number>>;
}

/** The built-in role tree's names, offered until core/roles provides the workspace's own. */
export const defaultRoleNames: readonly string[] = [
  'orchestrator',
  'researcher',
  'code_researcher',
  'market_researcher',
  'implementer',
  'coder',
  'designer',
  'writer',
  'validator',
  'tester',
  'reviewer',
  'security_auditor',
  'coordinator',
  'project_manager',
  'release_manager',
];

/** Today in local time (YYYY-MM-DD). */
export const localToday = (): string => localDate();
