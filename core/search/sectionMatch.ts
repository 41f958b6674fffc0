import type { WeightedTerms } from './bm25Index.js';
import { BM25_B, BM25_K1 } from './bm25Index.js';
import type { TextIndex } from './textIndex.js';
import { forEachWord, termIds } from './tokenizer.js';

export interface SectionMatch {
  /** The section's heading, or null for the text before the first heading. */
  heading: string | null;
  /** The line of the section holding the most query terms, shortened. */
  snippet: string;
}

const SNIPPET_CHARS = 120;

/**
 * The section of `path` that best matches the query terms (BM25 with the section index's
 * statistics), and its best line. Null when no section holds any query term.
 */
export function explainMatch(index: TextIndex, path: string, terms: WeightedTerms): SectionMatch | null {
  const sections = index.sectionsOfNote(path);
  if (sections.length === 0 || terms.size === 0) return null;
  const body = index.sectionField('body');
  const heading = index.sectionField('heading');
  const avgBody = body.averageLength || 1;
  let best: { score: number; at: number } = { score: 0, at: -1 };
  sections.forEach((section, at) => {
    const ids = termIds(section.body, index.vocabulary);
    const headingIds = section.heading ? termIds(section.heading, index.vocabulary) : [];
    let score = 0;
    for (const [field, list, avg] of [[body, ids, avgBody], [heading, headingIds, heading.averageLength || 1]] as const) {
      const counts = new Map<number, number>();
      for (const id of list) if (terms.has(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
      for (const [id, tf] of counts) {
        const norm = BM25_K1 * (1 - BM25_B + (BM25_B * list.length) / avg);
        score += terms.get(id)! * field.idf(id) * ((tf * (BM25_K1 + 1)) / (tf + norm));
      }
    }
    if (score > best.score) best = { score, at };
  });
  if (best.at < 0) return null;
  const section = sections[best.at]!;
  return { heading: section.heading, snippet: bestLine(section.body, terms, index) };
}

function bestLine(text: string, terms: WeightedTerms, index: TextIndex): string {
  let best = '';
  let bestHits = 0;
  for (const line of text.split('\n')) {
    let hits = 0;
    forEachWord(line, (start, end) => {
      const id = index.vocabulary.idOfWord(line.slice(start, end));
      if (id >= 0 && terms.has(id)) hits++;
    });
    if (hits > bestHits) {
      bestHits = hits;
      best = line;
    }
  }
  const clean = best.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[.\]\s+)?/, '').replace(/^>\s*/, '').trim();
  return clean.length > SNIPPET_CHARS ? `${clean.slice(0, SNIPPET_CHARS - 1).trimEnd()}…` : clean;
}
