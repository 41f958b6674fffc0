import { describe, expect, it } from 'vitest';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { CompletionProvider } from '../../../language-server/features/completion/completionProvider.js';
import { namedDates } from '../../../language-server/features/completion/dates.js';
import type { LinkRanker } from '../../../language-server/features/shared/options.js';
import { cursor, fixture } from './fixture.js';

async function complete(files: Record<string, string>, path: string, withCursor: string, options: ConstructorParameters<typeof CompletionProvider>[1] = {}) {
  const c = cursor(withCursor);
  const f = fixture({ ...files, [path]: c.text });
  const list = await new CompletionProvider(f.context, { today: () => '2024-05-15', ...options }).provideCompletion(f.uri(path), c);
  return { list, items: list?.items ?? [], pos: c };
}

const edit = (item: CompletionItem | undefined) => item?.textEdit as TextEdit | undefined;
const vault = {
  'Projects/Alpha Plan.md': '---\naliases: [Plan A]\n---\n# Alpha Plan\n## Budget\nText ^blk1\n## Risks\n',
  'Archive/Alpha Plan.md': '# Old alpha\n',
  'Beta.md': 'See [[Alpha Plan]] and [[Alpha Plan]].\n',
  'Gamma.md': 'Nothing.\n',
  'img/photo.png': '',
};

describe('CompletionProvider: [[ links', () => {
  it('offers notes whose name starts with what was typed, then closes the link', async () => {
    const { items, pos } = await complete(vault, 'Note.md', 'Link to [[Gam‸');
    const gamma = items.find((i) => i.label === 'Gamma');
    expect(gamma).toBeDefined();
    expect(items[0]!.label).toBe('Gamma');
    expect(edit(gamma)).toEqual({ range: { start: { line: 0, character: 10 }, end: pos && { line: 0, character: 13 } }, newText: 'Gamma]]' });
  });

  it('does not add ]] when the editor already closed the link, and replaces the rest of the word', async () => {
    const { items } = await complete(vault, 'Note.md', '[[Ga‸mm]] after');
    const gamma = edit(items.find((i) => i.label === 'Gamma'));
    expect(gamma).toEqual({ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 6 } }, newText: 'Gamma' });
  });

  it('keeps an alias already written after the cursor', async () => {
    const { items } = await complete(vault, 'Note.md', '[[Ga‸|shown]]');
    expect(edit(items.find((i) => i.label === 'Gamma'))?.newText).toBe('Gamma');
  });

  it('uses the path for a name two notes share, and offers aliases as Name|Alias', async () => {
    const { items } = await complete(vault, 'Note.md', '[[alpha‸]]');
    const texts = items.map((i) => edit(i)?.newText);
    expect(texts).toContain('Projects/Alpha Plan');
    // `[[Alpha Plan]]` resolves to the shorter path (Obsidian's tie-break), so that one keeps the bare name.
    expect(items.find((i) => i.detail === 'Archive/Alpha Plan.md') && edit(items.find((i) => i.detail === 'Archive/Alpha Plan.md'))?.newText).toBe('Alpha Plan');
    const { items: aliasItems } = await complete(vault, 'Note.md', '[[plan a‸]]');
    expect(aliasItems.map((i) => edit(i)?.newText)).toContain('Projects/Alpha Plan|Plan A');
  });

  it('ranks a more linked note above a less linked one of the same match', async () => {
    const { items } = await complete({ 'Beta.md': '[[Proj One]]', 'Proj One.md': '', 'Proj Two.md': '' }, 'Note.md', '[[Proj‸');
    expect(items.map((i) => i.label).slice(0, 2)).toEqual(['Proj One', 'Proj Two']);
  });

  it('lets an injected ranker order notes by relevance to the paragraph', async () => {
    const asked: string[] = [];
    const ranker: LinkRanker = {
      scores: (request) => {
        asked.push(request.paragraph);
        return new Map([['Proj Two.md', 5]]);
      },
    };
    const { items } = await complete({ 'Beta.md': '[[Proj One]]', 'Proj One.md': '', 'Proj Two.md': '' }, 'Note.md', 'About budgets\nsee [[Proj‸\n\nother', { linkRanker: ranker });
    expect(items[0]!.label).toBe('Proj Two');
    // The link being typed is not part of the paragraph: it stays the same as the name grows.
    expect(asked).toEqual(['About budgets\nsee ']);
  });

  it('offers headings after [[Note# and blocks after [[Note#^, case-insensitively resolved', async () => {
    const { items } = await complete(vault, 'Note.md', '[[projects/alpha plan#bud‸');
    expect(items.map((i) => i.label)).toEqual(['Budget']);
    expect(edit(items[0])).toEqual({ range: { start: { line: 0, character: 22 }, end: { line: 0, character: 25 } }, newText: 'Budget]]' });
    const blocks = await complete(vault, 'Note.md', '[[Projects/Alpha Plan#^‸]]');
    expect(blocks.items.map((i) => edit(i)?.newText)).toEqual(['^blk1']);
    expect(blocks.items[0]!.detail).toBe('Text');
  });

  it('offers this note\'s headings after [[#', async () => {
    const { items } = await complete({}, 'Note.md', '# Top\n## Sub heading\n[[#‸');
    expect(items.map((i) => i.label)).toEqual(['Top', 'Sub heading']);
  });

  it('offers attachments for embeds only', async () => {
    const embed = await complete(vault, 'Note.md', '![[pho‸');
    expect(embed.items.map((i) => edit(i)?.newText)).toEqual(['photo.png]]']);
    const link = await complete(vault, 'Note.md', '[[pho‸');
    expect(link.items).toEqual([]);
  });

  it('columns count UTF-16 units after emoji and accents', async () => {
    const { items } = await complete(vault, 'Note.md', '🎉 café [[Gam‸');
    expect(edit(items.find((i) => i.label === 'Gamma'))?.range.start).toEqual({ line: 0, character: 10 });
  });

  it('works on CRLF lines', async () => {
    const { items } = await complete(vault, 'Note.md', 'first\r\n[[Gam‸]]\r\nlast');
    expect(edit(items.find((i) => i.label === 'Gamma'))).toEqual({ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 5 } }, newText: 'Gamma' });
  });

  it('offers nothing inside fenced or inline code, or after a closed link', async () => {
    expect((await complete(vault, 'Note.md', '```\n[[Gam‸\n```')).list).toBeNull();
    expect((await complete(vault, 'Note.md', '~~~~md\n```\n[[Gam‸\n~~~~')).list).toBeNull();
    expect((await complete(vault, 'Note.md', 'a `[[Gam‸` b')).list).toBeNull();
    expect((await complete(vault, 'Note.md', '[[Gamma]] ‸')).list).toBeNull();
    // An unclosed backtick is a literal, not code.
    expect((await complete(vault, 'Note.md', 'a ` [[Gam‸')).items.length).toBeGreaterThan(0);
    // After the fence closes, completion works again.
    expect((await complete(vault, 'Note.md', '```\ncode\n```\n[[Gam‸')).items.length).toBeGreaterThan(0);
  });
});

describe('CompletionProvider: task fields', () => {
  const tasks = {
    'Tasks.md': '- [ ] Write the report 🆔 rep1\n- [x] Collect data 🆔 data9\n- [ ] Review draft 🆔 rev2 ⛔ rep1\n',
  };

  it('offers task ids after ⛔, labelled by description, open tasks first, filtered by description', async () => {
    const { items } = await complete(tasks, 'Other.md', '- [ ] Publish ⛔ ‸');
    expect(items.map((i) => edit(i)?.newText)).toEqual(['rev2', 'rep1', 'data9']);
    expect(items[1]!.label).toBe('Write the report');
    const filtered = await complete(tasks, 'Other.md', '- [ ] Publish ⛔ rev‸');
    expect(filtered.items.map((i) => edit(i)?.newText)).toEqual(['rev2']);
    const byDescription = await complete(tasks, 'Other.md', '- [ ] Publish [dependsOn:: coll‸]');
    expect(byDescription.items.map((i) => edit(i)?.newText)).toEqual(['data9']);
  });

  it('leaves out ids already listed and the task itself', async () => {
    const { items } = await complete({}, 'Tasks.md', '- [ ] A 🆔 a1\n- [ ] B 🆔 b1 ⛔ a1,‸');
    expect(items.map((i) => edit(i)?.newText)).toEqual([]);
  });

  it('replaces the whole id under the cursor', async () => {
    const { items } = await complete(tasks, 'Other.md', '- [ ] Publish ⛔ re‸xx');
    expect(edit(items[0])?.range).toEqual({ start: { line: 0, character: 16 }, end: { line: 0, character: 20 } });
  });

  it('offers roles used in tasks plus the defaults', async () => {
    const { items } = await complete({ 'T.md': '- [ ] x [role:: translator]' }, 'Other.md', '- [ ] y [role:: ‸]');
    const labels = items.map((i) => i.label);
    expect(labels).toContain('translator');
    expect(labels).toContain('orchestrator');
    expect(labels).toContain('security_auditor');
    const coder = await complete({}, 'Other.md', '- [ ] y [role:: cod‸]');
    expect(coder.items.map((i) => i.label)).toEqual(['code_researcher', 'coder']);
  });

  it('prefers configured role names when wired', async () => {
    const { items } = await complete({}, 'Other.md', '- [ ] y [role:: ‸', { roleNames: () => ['alpha', 'beta'] });
    expect(items.map((i) => i.label)).toEqual(['alpha', 'beta']);
  });

  it('offers dates from the injected clock after 📅, ⏳, 🛫 and [due::', async () => {
    for (const prefix of ['- [ ] x 📅 ', '- [ ] x ⏳ ', '- [ ] x 🛫 ', '- [ ] x [due:: ']) {
      const { items } = await complete({}, 'Other.md', `${prefix}‸`);
      expect(items[0]).toMatchObject({ label: '2024-05-15', labelDetails: { description: 'today' } });
      expect(items[1]!.label).toBe('2024-05-16');
    }
    const tom = await complete({}, 'Other.md', '- [ ] x 📅 tom‸');
    expect(tom.items.map((i) => edit(i)?.newText)).toEqual(['2024-05-16']);
    expect(edit(tom.items[0])?.range.start.character).toBe(11);
  });

  it('completes task fields in code TODO comments too', async () => {
    const { items } = await complete(tasks, 'src/app.ts', '// TODO: fix ⛔ rep‸');
    expect(items.map((i) => edit(i)?.newText)).toEqual(['rep1']);
  });
});

describe('namedDates', () => {
  it('computes weekdays, month ends and leap years', () => {
    const byName = Object.fromEntries(namedDates('2024-01-31').map((d) => [d.name, d.date]));
    expect(byName).toMatchObject({ today: '2024-01-31', tomorrow: '2024-02-01', 'next month': '2024-02-29', 'end of month': '2024-01-31', 'next week': '2024-02-07' });
    // 2024-01-31 is a Wednesday.
    expect(byName['next monday']).toBe('2024-02-05');
    expect(byName['next friday']).toBe('2024-02-02');
    expect(namedDates('not a date')).toEqual([]);
  });
});
