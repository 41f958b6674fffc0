/**
 * How the legs of the ranking combine. Each leg is scaled to [0, 1] per query (divided by the
 * best candidate's value) and the weighted sum divided by the sum of the weights; a note the
 * context note already links to elsewhere is scaled by (1 − alreadyLinked). Mentions (a note's
 * name in the paragraph) get `mentions` added, so with any weight > 0 they come first.
 * The defaults are what `npm run eval` measured best (ARCHITECTURE.md, "Search and suggestions").
 */
export interface RankingWeights {
  /** BM25 of the query (paragraph, note, typed words) over notes. */
  text: number;
  /** Cosine with the query's vector (the workspace LSA or a configured provider). */
  vector: number;
  /** The candidate links to the context note, which does not link back. */
  backlink: number;
  /** Neighbours shared with the context note and the paragraph's links (Adamic–Adar). */
  shared: number;
  /** Demotion of notes the context note already links to elsewhere, in [0, 1]. */
  alreadyLinked: number;
  /** Added to a mention's score; 0 ranks mentions by meaning like everything else. */
  mentions: number;
}

export const DEFAULT_WEIGHTS: RankingWeights = {
  text: 1,
  vector: 0.5,
  backlink: 0.5,
  shared: 0.25,
  alreadyLinked: 0.5,
  mentions: 1,
};
