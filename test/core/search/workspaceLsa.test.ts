import { describe, expect, it, vi } from 'vitest';
import { parseNote } from '../../../core/markdown/parseNote.js';
import { TextIndex } from '../../../core/search/textIndex.js';
import { dot, unit } from '../../../core/search/vectorLeg.js';
import { WorkspaceLsa } from '../../../core/search/workspaceLsa.js';

// Two topics whose words always travel together; the test notes share no word with the query.
const garden = ['compost', 'mulch', 'seedling', 'trowel', 'loam', 'perennial'];
const kitchen = ['sourdough', 'skillet', 'braise', 'whisk', 'marinade', 'simmer'];

function corpus(): TextIndex {
  const index = new TextIndex();
  let n = 0;
  for (const topic of [garden, kitchen]) {
    for (let i = 0; i < 12; i++) {
      const words = topic.filter((_, k) => (k + i) % 3 !== 0);
      const path = `n${n++}.md`;
      index.setNote(path, parseNote(path, words.join(' ')));
    }
  }
  return index;
}

describe('WorkspaceLsa', () => {
  it('puts texts that share no word but share company close together', async () => {
    const lsa = new WorkspaceLsa(corpus());
    const [query, sameTopic, otherTopic] = await lsa.embed(['compost', 'trowel perennial', 'whisk braise']);
    const cos = (a: Float32Array, b: Float32Array) => dot(unit(a), unit(b));
    expect(cos(query!, sameTopic!)).toBeGreaterThan(0.5);
    expect(cos(query!, otherTopic!)).toBeLessThan(0.2);
    expect(lsa.dimension).toBeGreaterThan(0);
  });

  it('is deterministic: the same notes give the same vectors', async () => {
    const [a] = await new WorkspaceLsa(corpus()).embed(['mulch loam']);
    const [b] = await new WorkspaceLsa(corpus()).embed(['mulch loam']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it('gives each training note the vector its own text folds in to', async () => {
    const index = corpus();
    const lsa = new WorkspaceLsa(index);
    lsa.train();
    const trained = lsa.takeTrainedVectors();
    const [folded] = await lsa.embed([index.sectionsOfNote('n3.md')[0]!.body]);
    expect(Array.from(trained.get('n3.md')!).map((x) => x.toFixed(4))).toEqual(Array.from(folded!).map((x) => x.toFixed(4)));
  });
});

describe('WorkspaceLsa in steps', () => {
  /** Enough notes that the sparse products cross several clock checks (one every 256 entries), inside columns. */
  function larger(): TextIndex {
    const index = new TextIndex();
    const words = [...garden, ...kitchen, 'ledger', 'invoice', 'audit', 'tariff', 'quarter', 'forecast'];
    for (let i = 0; i < 240; i++) {
      const picked = words.filter((_, k) => (k * 7 + i * 3 + Math.floor(i / 5)) % 5 < 2);
      index.setNote(`n${i}.md`, parseNote(`n${i}.md`, picked.join(' ')));
    }
    return index;
  }

  function trainedVectors(): number[][] {
    const lsa = new WorkspaceLsa(larger());
    lsa.train();
    return [...lsa.takeTrainedVectors()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, v]) => Array.from(v));
  }

  it('gives the same vectors however its steps fall (a step may end inside a column when its time is up)', () => {
    const normal = trainedVectors();
    // A clock that leaps a second a reading: every check finds the step's time up, so each sparse
    // product stops at every 256th entry, inside its columns.
    let now = 0;
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    try {
      expect(trainedVectors()).toEqual(normal);
    } finally {
      clock.mockRestore();
    }
    expect(normal.length).toBe(240);
    expect(normal[0]!.length).toBeGreaterThan(0);
  });
});

describe('WorkspaceLsa retraining', () => {
  it('learns again once the vault has more than doubled, under a new model id', async () => {
    const index = new TextIndex();
    index.setNote('a.md', parseNote('a.md', 'compost mulch'));
    const lsa = new WorkspaceLsa(index);
    lsa.train();
    const first = lsa.modelId;
    expect(lsa.dimension).toBe(0);
    for (let i = 0; i < 60; i++) {
      const words = (i % 2 ? garden : kitchen).filter((_, k) => (k + i) % 3 !== 0);
      index.setNote(`n${i}.md`, parseNote(`n${i}.md`, words.join(' ')));
    }
    const [vector] = await lsa.embed(['compost']);
    expect(lsa.modelId).not.toBe(first);
    expect(vector!.some((x) => x !== 0)).toBe(true);
    lsa.train();
    const again = lsa.modelId;
    index.setNote('late.md', parseNote('late.md', 'whisk simmer'));
    lsa.train();
    expect(lsa.modelId).toBe(again);
  });
});
