import { describe, expect, it } from 'vitest';
import { SearchService } from '../../core/search/searchService.js';
import { defaultTaskSettings } from '../../core/tasks/statuses.js';
import { Workspace } from '../../core/workspace/workspace.js';
import { BM25_ONLY, evaluate, makeQuery, paragraphAround, sampleHiddenLinks, score, serviceRanker, titleRanker } from './linkEval.js';

function workspace(): Workspace {
  const ws = new Workspace(defaultTaskSettings());
  ws.setText('Soil.md', 'Loam holds water.\n');
  ws.setText('Worms.md', 'Red wigglers eat scraps.\n\n- they like [[Soil]]\n');
  ws.setText('Garden.md', '# Plan\nFirst line of the plan\nwe feed the [[Worms|wigglers]] and test the soil.\nLast line.\n');
  return ws;
}

describe('hidden-link evaluation', () => {
  it('finds the paragraph of a link: neighbouring lines, or the one list item', () => {
    const text = 'a\n\nline one\nline two\nline three\n\n- item x\n- item y\n';
    const at = paragraphAround(text, text.indexOf('two'));
    expect(text.slice(at.start, at.end)).toBe('line one\nline two\nline three');
    const item = paragraphAround(text, text.indexOf('x'));
    expect(text.slice(item.start, item.end)).toBe('- item x');
  });

  it('hides a link as plain text (mention) or removes it (context)', () => {
    const ws = workspace();
    const hidden = sampleHiddenLinks(ws, 10, 1).find((h) => h.target === 'Worms.md')!;
    expect(hidden).toMatchObject({ source: 'Garden.md', raw: '[[Worms|wigglers]]', display: 'wigglers' });
    expect(makeQuery(ws, hidden, 'mention').paragraph).toBe('First line of the plan\nwe feed the wigglers and test the soil.\nLast line.');
    expect(makeQuery(ws, hidden, 'context').paragraph).toBe('First line of the plan\nwe feed the  and test the soil.\nLast line.');
  });

  it('scores ranks into recall@1, recall@5 and MRR@10, and restores every note it changed', async () => {
    expect(score([0, 2, null, 7])).toEqual({ queries: 4, recallAt1: 0.25, recallAt5: 0.5, mrrAt10: 0.365 });
    const ws = workspace();
    const before = ws.file('Garden.md')!.text;
    const service = new SearchService(ws);
    const hidden = sampleHiddenLinks(ws, 10, 1);
    const results = await evaluate(ws, service, hidden, [serviceRanker('ours', service), serviceRanker('bm25', service, BM25_ONLY), titleRanker(ws)]);
    expect(results.mention.ours!.queries).toBe(hidden.length);
    expect(results.context['title match']!.recallAt1).toBe(0);
    expect(ws.file('Garden.md')!.text).toBe(before);
  });
});
