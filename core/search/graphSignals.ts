import type { LinkIndex } from '../links/linkIndex.js';

/** Notes a note links to or is linked from: the undirected neighbourhood links make. */
export function neighboursOf(links: LinkIndex, path: string): Set<string> {
  const out = new Set<string>();
  for (const target of links.resolvedOf(path).keys()) if (target !== path) out.add(target);
  for (const source of links.backlinks(path).keys()) if (source !== path) out.add(source);
  return out;
}

export interface GraphEvidence {
  /** Notes that link to the context note while it does not link back. */
  linksHereNotBack: Set<string>;
  /** Adamic–Adar over shared neighbours: Σ 1/ln(2 + degree) of each neighbour both have. */
  shared: Map<string, number>;
}

/**
 * Graph signals for notes that could be linked from `context`: who links here without a link
 * back, and who shares neighbours with it (its own links and backlinks, plus `extra`: the notes
 * the paragraph being written already links to). A hub shared by everybody counts little.
 */
export function graphEvidence(links: LinkIndex, context: string | null, extra: Iterable<string> = []): GraphEvidence {
  const linksHereNotBack = new Set<string>();
  const seeds = new Set<string>(extra);
  if (context !== null) {
    const outgoing = links.resolvedOf(context);
    for (const source of links.backlinks(context).keys()) if (source !== context && !outgoing.has(source)) linksHereNotBack.add(source);
    for (const n of neighboursOf(links, context)) seeds.add(n);
  }
  const shared = new Map<string, number>();
  for (const seed of seeds) {
    const around = neighboursOf(links, seed);
    const weight = 1 / Math.log(2 + around.size);
    for (const n of around) if (n !== context) shared.set(n, (shared.get(n) ?? 0) + weight);
  }
  return { linksHereNotBack, shared };
}
