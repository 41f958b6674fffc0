import { describe, expect, it, vi } from 'vitest';
import type { EmbeddingProvider } from '../../../core/search/embeddings/types.js';
import { SearchService } from '../../../core/search/searchService.js';
import { WorkspaceLsa } from '../../../core/search/workspaceLsa.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

function workspaceOf(files: Record<string, string>): Workspace {
  const ws = new Workspace(defaultTaskSettings());
  for (const [path, text] of Object.entries(files)) ws.setText(path, text);
  return ws;
}

const vault = {
  'Gardening/Composting.md': '---\naliases: [compost heap]\n---\n# Composting\nTurning kitchen scraps into soil.\n## Worms\nRed wigglers eat scraps and leave castings rich in nitrogen.\n',
  'Gardening/Soil health.md': '# Soil health\nNitrogen, worms and organic matter keep soil alive. See [[Composting]].\n',
  'Cooking/Bread.md': '# Bread\nFlour, water, salt and a sourdough starter. Kitchen scraps go to [[Composting]].\n',
  'Archive/Old compost notes.md': 'Composting worms and castings, the old way.\n',
  'Journal.md': 'Today I read about worms and castings.\n',
};

describe('SearchService', () => {
  it('search ranks by BM25 and names the best section', async () => {
    const service = new SearchService(workspaceOf(vault));
    const results = await service.search('red wigglers');
    expect(results[0]).toMatchObject({ path: 'Gardening/Composting.md', heading: 'Worms' });
    expect(results.map((r) => r.path)).not.toContain('Cooking/Bread.md');
  });

  it('related finds notes by text and links, never the note itself, with why', async () => {
    const service = new SearchService(workspaceOf(vault));
    const related = await service.related('Gardening/Composting.md', { limit: 3 });
    expect(related.map((r) => r.path)).not.toContain('Gardening/Composting.md');
    expect(related.map((r) => r.path)).toContain('Gardening/Soil health.md');
    expect(related.find((r) => r.path === 'Gardening/Soil health.md')?.why).toMatch(/worms/i);
    const bySection = await service.related('Gardening/Composting.md', { section: 'Worms', limit: 5 });
    expect(bySection.length).toBeGreaterThan(0);
  });

  it('related on a fresh service takes the notes\' vectors from the LSA training: none is projected again', async () => {
    const project = vi.spyOn(WorkspaceLsa.prototype, 'project');
    try {
      // A ring of words, each in two of six notes: every note has a row in the training's matrix.
      const words = ['apple', 'brick', 'cedar', 'delta', 'ember', 'fjord'];
      const ring = Object.fromEntries(words.map((w, i) => [`${w}.md`, `${w} ${words[(i + 1) % words.length]} ${w}\n`]));
      const service = new SearchService(workspaceOf(ring));
      expect((await service.related('apple.md', { limit: 3 })).length).toBeGreaterThan(0);
      expect(service.vectorStatus).toBe('workspace-lsa-64: 6 note vectors');
      expect(project).not.toHaveBeenCalled();
    } finally {
      project.mockRestore();
    }
  });

  it('suggestLinks puts named notes first with the exact phrase, and excludes self, linked and excluded folders', async () => {
    const service = new SearchService(workspaceOf(vault));
    const text = 'My compost heap needs more worms; the [[Bread]] recipe makes scraps. Soil Health matters.';
    const found = await service.suggestLinks({ file: 'Journal.md', text }, { limit: 10, excludeFolders: ['Archive'] });
    const targets = found.map((s) => s.target);
    expect(targets.slice(0, 2).sort()).toEqual(['Gardening/Composting.md', 'Gardening/Soil health.md']);
    const compost = found.find((s) => s.target === 'Gardening/Composting.md')!;
    expect(compost.phrase).toEqual({ text: 'compost heap', start: 3, end: 15 });
    expect(text.slice(compost.phrase!.start, compost.phrase!.end)).toBe('compost heap');
    expect(found.find((s) => s.target === 'Gardening/Soil health.md')!.phrase!.text).toBe('Soil Health');
    expect(targets).not.toContain('Cooking/Bread.md');
    expect(targets).not.toContain('Journal.md');
    expect(targets).not.toContain('Archive/Old compost notes.md');
    expect(found[0]!.score).toBeGreaterThan(1);
  });

  it('suggestLinks with pauses between its legs (a background ranking) answers as one without', async () => {
    const service = new SearchService(workspaceOf(vault));
    const text = 'Composting worms: the compost heap and soil health, see [[Bread]].';
    const whole = await service.suggestLinks({ file: 'Journal.md', text }, { limit: 10 });
    let pauses = 0;
    const paused = await service.suggestLinks({ file: 'Journal.md', text }, { limit: 10, pause: async () => void pauses++ });
    expect(paused).toEqual(whole);
    expect(whole.length).toBeGreaterThan(1);
    // Mentions, then text, then vectors, then the graph and scoring.
    expect(pauses).toBe(3);
  });

  it('suggestLinks honours limit and minScore, and finds notes by meaning when none is named', async () => {
    const service = new SearchService(workspaceOf(vault));
    const byMeaning = await service.suggestLinks({ file: 'Journal.md', text: 'red wigglers leave castings' });
    expect(byMeaning[0]).toMatchObject({ target: 'Gardening/Composting.md' });
    expect(byMeaning[0]!.phrase).toBeUndefined();
    expect(byMeaning[0]!.why).toMatch(/^Worms: /);
    expect(await service.suggestLinks({ file: 'Journal.md', text: 'red wigglers leave castings' }, { limit: 1 })).toHaveLength(1);
    expect(await service.suggestLinks({ file: 'Journal.md', text: 'red wigglers leave castings' }, { minScore: 1 })).toEqual([]);
    expect(await service.suggestLinks({ file: 'Gardening/Soil health.md', text: '  \n' })).toEqual([]);
  });

  it('suggestLinks without explain gives the same suggestions and scores, without why', async () => {
    const service = new SearchService(workspaceOf(vault));
    const input = { file: 'Journal.md', text: 'My compost heap needs red wigglers; Soil Health matters.' };
    const explained = await service.suggestLinks(input, { limit: 10 });
    const bare = await service.suggestLinks(input, { limit: 10, explain: false });
    expect(explained.some((s) => s.why !== undefined)).toBe(true);
    expect(bare.every((s) => s.why === undefined)).toBe(true);
    expect(bare).toEqual(explained.map(({ why: _why, ...rest }) => rest));
  });

  it('update and remove follow the workspace note by note', async () => {
    const ws = workspaceOf(vault);
    const service = new SearchService(ws);
    ws.setText('Cooking/Pickles.md', 'Brine, dill and cucumbers ferment into pickles.');
    service.update('Cooking/Pickles.md');
    expect((await service.search('dill brine'))[0]?.path).toBe('Cooking/Pickles.md');
    ws.remove('Cooking/Pickles.md');
    service.update('Cooking/Pickles.md');
    expect(await service.search('dill brine')).toEqual([]);
    const mentioned = await service.suggestLinks({ file: 'Journal.md', text: 'pickles again' });
    expect(mentioned.map((s) => s.target)).not.toContain('Cooking/Pickles.md');
  });

  it('uses a given EmbeddingProvider for the vector leg, and keeps ranking when it fails', async () => {
    const calls: number[] = [];
    // A toy provider: one dimension per topic, so "dough" (a word no note has) lands on the bread note.
    const topics = ['soil|loam|nitrogen', 'flour|bread|dough'];
    const provider: EmbeddingProvider = {
      modelId: 'toy',
      dimension: topics.length,
      async embed(texts) {
        calls.push(texts.length);
        return texts.map((t) => Float32Array.from(topics, (re) => (t.toLowerCase().match(new RegExp(re, 'g')) ?? []).length));
      },
    };
    const service = new SearchService(workspaceOf(vault), { embeddings: provider, weights: { text: 0, backlink: 0, shared: 0 } });
    const found = await service.search('dough');
    expect(found[0]?.path).toBe('Cooking/Bread.md');
    expect(calls[0]).toBe(Object.keys(vault).length);

    const failing: EmbeddingProvider = { modelId: 'down', dimension: null, embed: async () => Promise.reject(new Error('connection refused')) };
    const fallback = new SearchService(workspaceOf(vault), { embeddings: failing });
    expect((await fallback.search('red wigglers'))[0]?.path).toBe('Gardening/Composting.md');
    expect(fallback.vectorStatus).toMatch(/connection refused/);
  });
});
