import { describe, expect, it } from 'vitest';
import type { CompletionList } from 'vscode-languageserver';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { CompletionProvider } from '../../../language-server/features/completion/completionProvider.js';
import type { FeatureContext } from '../../../language-server/server/featureContext.js';
import { ServerSearch } from '../../../language-server/server/searchIndex.js';
import { ServerWorkspace } from '../../../language-server/server/serverWorkspace.js';
import { yieldNow } from '../../../language-server/server/yieldNow.js';
import { cursor } from './fixture.js';

const root = 'file:///vault/';

/** The server's own pieces, in memory: its workspace, its search index and the completion provider wired to it. */
function server(files: Record<string, string>) {
  const state = new ServerWorkspace(defaultTaskSettings());
  for (const [path, text] of Object.entries(files)) state.setFromHost(path, { kind: 'text', text });
  const search = new ServerSearch(state);
  const context: FeatureContext = {
    workspace: () => state.workspace,
    pathOf: (u) => (u.startsWith(root) ? decodeURIComponent(u.slice(root.length)) : null),
    uriOf: (p) => root + encodeURIComponent(p),
    documentVersion: () => null,
    onDidChange: (listener) => state.onDidChange((c) => listener(c.paths)),
  };
  const completion = new CompletionProvider(context, { linkRanker: search.linkRanker });
  return { state, search, completion };
}

const notes = {
  // Both names start with "Pro"; the popular one is not about proteins.
  'Project plan.md': '# Project plan\nMilestones, budget and the launch date for the website.\n',
  'Protein folding.md': '# Protein folding\nAmino acid chains fold into a three-dimensional structure; misfolded proteins aggregate.\n',
  'Index.md': '[[Project plan]] [[Project plan]] [[Project plan]]\n',
  'Chaperones.md': 'Chaperones help amino acid chains fold; [[Protein folding]] covers the structure.\n',
};

async function labels(s: ReturnType<typeof server>, path: string, withCursor: string): Promise<string[]> {
  const c = cursor(withCursor);
  s.state.setFromHost(path, { kind: 'text', text: c.text });
  const list = (await s.completion.provideCompletion(root + encodeURIComponent(path), c)) as CompletionList;
  return list.items.map((i) => i.label);
}

describe('[[ completion ranked by meaning through the server search index', () => {
  const paragraph = 'Misfolded amino acid chains aggregate when the structure is wrong, see [[Pro‸';

  it('answers in name order while the search index is not built', async () => {
    const s = server(notes);
    expect((await labels(s, 'Draft.md', paragraph)).slice(0, 2)).toEqual(['Project plan', 'Protein folding']);
  });

  it('ranks the note about the paragraph above a more popular one with an equally good name match', async () => {
    const s = server(notes);
    await s.search.warmUp();
    let shown = await labels(s, 'Draft.md', paragraph);
    // A ranking may be computed after the answer (it costs more than a keystroke may wait): the client asks again as the user types.
    for (let i = 0; i < 20 && shown[0] !== 'Protein folding'; i++) {
      await yieldNow();
      await new Promise((r) => setTimeout(r, 5));
      shown = await labels(s, 'Draft.md', paragraph);
    }
    expect(shown.slice(0, 2)).toEqual(['Protein folding', 'Project plan']);
    // Typing more of the name keeps the paragraph's ranking (the link being typed is not part of it).
    expect((await labels(s, 'Draft.md', paragraph.replace('[[Pro‸', '[[Pr‸'))).slice(0, 2)).toEqual(['Protein folding', 'Project plan']);
  });

  it('ranks a paragraph after the answer when rankings are slow, a leg at a time, and drops the ranking of a paragraph the user has left', async () => {
    const s = server(notes);
    await s.search.warmUp();
    // As on a vault where a ranking costs more than a keystroke may wait (50k notes): every ranking is deferred.
    (s.search as unknown as { rankingMs: number }).rankingMs = 1000;
    const left = 'Milestones and the launch date of the website, see [[Pro‸';
    // Each first answer comes before its paragraph's ranking: names in order.
    expect((await labels(s, 'Draft.md', left)).slice(0, 2)).toEqual(['Project plan', 'Protein folding']);
    expect((await labels(s, 'Draft.md', paragraph)).slice(0, 2)).toEqual(['Project plan', 'Protein folding']);
    let shown: string[] = [];
    for (let i = 0; i < 40 && shown[0] !== 'Protein folding'; i++) {
      await new Promise((r) => setTimeout(r, 5));
      shown = await labels(s, 'Draft.md', paragraph);
    }
    expect(shown.slice(0, 2)).toEqual(['Protein folding', 'Project plan']);
    // The paragraph left before its ranking was done was not ranked further.
    const rankings = (s.search as unknown as { rankings: Map<string, unknown> }).rankings;
    expect([...rankings.keys()].some((k) => k.includes('Milestones'))).toBe(false);
  });

  it('keeps names current from change events: a new, renamed or removed note is offered as it is now', async () => {
    const s = server(notes);
    expect(await labels(s, 'Draft.md', '[[Zeb‸')).toEqual([]);
    s.state.setFromHost('Zebra crossing.md', { kind: 'text', text: '---\naliases: [Zebra path]\n---\n' });
    expect(await labels(s, 'Draft.md', '[[Zeb‸')).toEqual(['Zebra crossing', 'Zebra path']);
    s.state.renameOnHost('Zebra crossing.md', 'Pedestrian/Zebra.md');
    expect(await labels(s, 'Draft.md', '[[Zeb‸')).toEqual(['Zebra', 'Zebra path']);
    s.state.removeFromHost('Pedestrian/Zebra.md');
    expect(await labels(s, 'Draft.md', '[[Zeb‸')).toEqual([]);
  });
});
