import { search as oramaSearch } from '@orama/orama';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../core/markdown/parseNote.js';
import { TextIndex } from '../../../core/search/textIndex.js';
import { tokenize } from '../../../core/search/tokenizer.js';

/** Textbook Okapi BM25 (Robertson; Lucene's idf), written out independently of the index. */
function textbookBm25(docs: string[][], query: string[], k1 = 1.2, b = 0.75): number[] {
  const N = docs.length;
  const avgdl = docs.reduce((s, d) => s + d.length, 0) / N;
  return docs.map((doc) => {
    let score = 0;
    for (const q of new Set(query)) {
      const n = docs.filter((d) => d.includes(q)).length;
      const f = doc.filter((t) => t === q).length;
      if (f === 0) continue;
      const idf = Math.log(1 + (N - n + 0.5) / (n + 0.5));
      score += (idf * f * (k1 + 1)) / (f + k1 * (1 - b + (b * doc.length) / avgdl));
    }
    return score;
  });
}

// Words that are their own stems and no stop words, so the reference can split on spaces.
const corpus = [
  'apple banana apple cherry',
  'banana banana banana date elder fig',
  'cherry date',
  'apple fig fig fig fig grape grape kiwi kiwi lemon mango',
  'lemon mango kiwi',
];

function indexOf(bodies: readonly string[]): TextIndex {
  const index = new TextIndex();
  bodies.forEach((body, i) => index.setNote(`n${i}.md`, parseNote(`n${i}.md`, body)));
  return index;
}

/** Scores of the body field alone, through Orama's own search() with our index component. */
async function bodyScores(index: TextIndex, query: string, count: number): Promise<number[]> {
  const found = await oramaSearch(index.notes, { term: query, properties: ['body'], limit: 100 });
  const byId = new Map(found.hits.map((h) => [h.id, h.score]));
  return Array.from({ length: count }, (_, i) => byId.get(`n${i}.md`) ?? 0);
}

describe('BM25 held in Orama', () => {
  it('scores exactly as textbook BM25 (k1 = 1.2, b = 0.75), term frequency counted', async () => {
    const index = indexOf(corpus);
    const docs = corpus.map((d) => d.split(' '));
    for (const query of ['apple', 'banana', 'fig kiwi', 'apple cherry date', 'grape lemon mango kiwi']) {
      const expected = textbookBm25(docs, query.split(' '));
      const actual = await bodyScores(index, query, corpus.length);
      actual.forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 10));
    }
    // Four figs outscore one fig, despite the longer document.
    const fig = await bodyScores(index, 'fig', corpus.length);
    expect(fig[3]!).toBeGreaterThan(fig[1]!);
  });

  it('stays exact for a term repeated more than a thousand times', async () => {
    const bodies = [`${'kiwi '.repeat(1500)}lemon`, 'kiwi lemon mango', 'mango'];
    const index = indexOf(bodies);
    const expected = textbookBm25(bodies.map((b) => b.trim().split(/\s+/)), ['kiwi']);
    (await bodyScores(index, 'kiwi', 3)).forEach((score, i) => expect(score).toBeCloseTo(expected[i]!, 10));
    index.removeNote('n0.md');
    expect((await bodyScores(index, 'kiwi', 3))[0]).toBe(0);
  });

  it('matches whole stemmed words only: no prefixes, stop words ignored', async () => {
    const index = indexOf(['the cellular network', 'a cell in the body', 'running runners run', 'and the of']);
    const hits = async (q: string) => (await oramaSearch(index.notes, { term: q, properties: ['body'], limit: 10 })).hits.map((h) => h.id).sort();
    expect(await hits('cell')).toEqual(['n1.md']);
    expect(await hits('runs')).toEqual(['n2.md']);
    expect(await hits('the')).toEqual([]);
    expect(tokenize('The Runners were running, and RUNS!')).toEqual(['runner', 'run', 'run']);
  });

  it('updates and removes one note in place, ending where a fresh build does', async () => {
    const index = indexOf(corpus);
    index.setNote('n1.md', parseNote('n1.md', 'kiwi kiwi apple'));
    index.removeNote('n2.md');
    index.setNote('n5.md', parseNote('n5.md', 'banana cherry'));
    const fresh = new TextIndex();
    const now = ['apple banana apple cherry', 'kiwi kiwi apple', null, corpus[3]!, corpus[4]!, 'banana cherry'];
    now.forEach((body, i) => body !== null && fresh.setNote(`n${i}.md`, parseNote(`n${i}.md`, body)));
    for (const query of ['apple', 'kiwi banana', 'cherry date fig']) {
      const a = await oramaSearch(index.notes, { term: query, limit: 100 });
      const b = await oramaSearch(fresh.notes, { term: query, limit: 100 });
      expect(new Map(a.hits.map((h) => [h.id, h.score]))).toEqual(new Map(b.hits.map((h) => [h.id, h.score])));
    }
    expect(index.has('n2.md')).toBe(false);
  });

  it('keeps a note’s sections, each with its heading', () => {
    const index = indexOf(['intro text\n# Alpha\nalpha body\n## Beta\nbeta body']);
    expect(index.sectionsOfNote('n0.md').map((s) => [s.heading, s.body.trim()])).toEqual([
      [null, 'intro text'],
      ['Alpha', 'alpha body'],
      ['Beta', 'beta body'],
    ]);
  });
});

describe('topIds', () => {
  it('returns the k best accepted ids, best first, as a full sort would', async () => {
    const { topIds } = await import('../../../core/search/bm25Index.js');
    let seed = 3;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(random() * 400);
      const scores = Array.from({ length: n }, () => Math.floor(random() * 50));
      const ids = Array.from({ length: n }, (_, i) => i);
      const keep = (id: number) => id % 3 !== 0;
      const k = 1 + Math.floor(random() * 20);
      const expected = ids.filter(keep).sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
      expect(topIds(ids, scores, k, keep)).toEqual(expected);
    }
  });
});
