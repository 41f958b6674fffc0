import { describe, expect, it } from 'vitest';
import { DefinitionProvider } from '../../../language-server/features/definition.js';
import { DocumentLinkProvider } from '../../../language-server/features/documentLinks.js';
import { HoverProvider } from '../../../language-server/features/hover.js';
import { ReferencesProvider } from '../../../language-server/features/references.js';
import { cursor, fixture } from './fixture.js';

const vault = {
  'Target.md': '---\naliases: [T]\n---\n# Target\nIntro line.\n## Part\nPart text ^blk\n## Other\nOther text\n',
  'B.md': 'See [[target]] and [[Target#Part|the part]].\n',
  'C.md': '![[Target#Part]] [md](Target.md)\n',
  'dup/Same.md': '',
  'other/Same.md': '',
};

function at(files: Record<string, string>, path: string, withCursor: string) {
  const c = cursor(withCursor);
  const f = fixture({ ...files, [path]: c.text });
  return { f, uri: f.uri(path), pos: { line: c.line, character: c.character } };
}

describe('DefinitionProvider', () => {
  it('goes to the file, the heading or the block, resolving case-insensitively', () => {
    const { f, uri, pos } = at(vault, 'A.md', '[[tar‸get]]');
    const definition = new DefinitionProvider(f.context);
    expect(definition.provideDefinition(uri, pos)).toEqual([{ uri: f.uri('Target.md'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
    const heading = at(vault, 'A.md', '[[Target#Pa‸rt]]');
    expect(new DefinitionProvider(heading.f.context).provideDefinition(heading.uri, heading.pos)![0]!.range.start).toEqual({ line: 5, character: 0 });
    const block = at(vault, 'A.md', '[[Target#^bl‸k]]');
    expect(new DefinitionProvider(block.f.context).provideDefinition(block.uri, block.pos)![0]!.range.start.line).toBe(6);
  });

  it('picks the nearest of two notes with the same name, and gives nothing for unresolved links', () => {
    const { f, uri, pos } = at(vault, 'dup/A.md', '[[Sa‸me]]');
    expect(new DefinitionProvider(f.context).provideDefinition(uri, pos)![0]!.uri).toBe(f.uri('dup/Same.md'));
    const missing = at(vault, 'A.md', '[[Nope‸]]');
    expect(new DefinitionProvider(missing.f.context).provideDefinition(missing.uri, missing.pos)).toBeNull();
  });

  it('goes from a ⛔ id to the task that carries it', () => {
    const { f, uri, pos } = at({ 'T.md': 'x\n- [ ] first 🆔 one' }, 'A.md', '- [ ] second ⛔ o‸ne');
    expect(new DefinitionProvider(f.context).provideDefinition(uri, pos)).toEqual([{ uri: f.uri('T.md'), range: { start: { line: 1, character: 0 }, end: { line: 1, character: 18 } } }]);
  });
});

describe('ReferencesProvider', () => {
  it('on a heading lists links to that heading, embeds included', () => {
    const { f, uri, pos } = at(vault, 'Target.md', vault['Target.md'].replace('## Part', '## Pa‸rt'));
    const refs = new ReferencesProvider(f.context).provideReferences(uri, pos, false);
    expect(refs.map((r) => `${f.context.pathOf(r.uri)}:${r.range.start.character}`)).toEqual(['B.md:19', 'C.md:0']);
  });

  it('on a link lists every link to the same target; elsewhere the note\'s backlinks', () => {
    const { f, uri, pos } = at(vault, 'A.md', 'x [[Tar‸get]]');
    const refs = new ReferencesProvider(f.context).provideReferences(uri, pos, false);
    expect(refs.map((r) => f.context.pathOf(r.uri))).toEqual(['A.md', 'B.md', 'B.md', 'C.md', 'C.md']);
    const plain = at(vault, 'Target.md', vault['Target.md'].replace('Intro line.', 'Intro ‸line.'));
    expect(new ReferencesProvider(plain.f.context).provideReferences(plain.uri, plain.pos, false)).toHaveLength(4);
  });

  it('groups unresolved links by name, ignoring case', () => {
    const { f, uri, pos } = at({ 'B.md': '[[missing note]] [[Other]]' }, 'A.md', '[[Missing ‸Note]]');
    const refs = new ReferencesProvider(f.context).provideReferences(uri, pos, false);
    expect(refs.map((r) => f.context.pathOf(r.uri))).toEqual(['A.md', 'B.md']);
  });

  it('on a task id lists the tasks depending on it', () => {
    const { f, uri, pos } = at({ 'T.md': '- [ ] b ⛔ one\n- [ ] c ⛔ two,one' }, 'A.md', '- [ ] a 🆔 o‸ne');
    const refs = new ReferencesProvider(f.context).provideReferences(uri, pos, true);
    expect(refs.map((r) => `${f.context.pathOf(r.uri)}:${r.range.start.line}`)).toEqual(['A.md:0', 'T.md:0', 'T.md:1']);
  });
});

describe('HoverProvider', () => {
  it('previews the linked section and counts backlinks', () => {
    const { f, uri, pos } = at(vault, 'A.md', '[[Target#Pa‸rt]]');
    const hover = new HoverProvider(f.context).provideHover(uri, pos)!;
    const text = (hover.contents as { value: string }).value;
    expect(text).toContain('## Part\nPart text ^blk');
    expect(text).not.toContain('Other text');
    expect(text).toContain('5 backlinks from 3 notes');
  });

  it('previews a whole note from after its frontmatter, and says when a link is unresolved', () => {
    const { f, uri, pos } = at(vault, 'A.md', '[[Tar‸get]]');
    const text = (new HoverProvider(f.context).provideHover(uri, pos)!.contents as { value: string }).value;
    expect(text.startsWith('# Target\nIntro line.')).toBe(true);
    expect(text).not.toContain('aliases');
    const missing = at(vault, 'A.md', '[[No‸pe]]');
    expect((new HoverProvider(missing.f.context).provideHover(missing.uri, missing.pos)!.contents as { value: string }).value).toContain('Unresolved');
  });

  it('shows a task\'s state, its dependencies with their status, and what it blocks', () => {
    const files = { 'T.md': '- [x] done dep 🆔 d1\n- [ ] open dep 🆔 d2\n- [ ] later ⛔ t1\n' };
    const { f, uri, pos } = at(files, 'A.md', '- [ ] the ‸task 🆔 t1 ⛔ d1,d2,zz');
    const text = (new HoverProvider(f.context).provideHover(uri, pos)!.contents as { value: string }).value;
    expect(text).toContain('**Todo** · Blocked · 🆔 `t1`');
    expect(text).toContain('- ✓ done dep (d1) — Completed');
    expect(text).toContain('- ○ open dep (d2) — Pending');
    expect(text).toContain('`zz` — no task has this id');
    expect(text).toContain('**Blocked by** open dep (d2)');
    expect(text).toContain('**Blocks** (1)\n- ⛔ later');
  });

  it('returns null on plain text', () => {
    const { f, uri, pos } = at(vault, 'A.md', 'plain ‸text');
    expect(new HoverProvider(f.context).provideHover(uri, pos)).toBeNull();
  });
});

describe('DocumentLinkProvider', () => {
  it('links resolved wikilinks, embeds and markdown links to file URIs, skipping unresolved ones', () => {
    const f = fixture({ ...vault, 'A.md': '[[Target|t]] ![[Target#Part]] [x](Target.md) [[Missing]] [web](https://x.org)\n```\n[[Target]]\n```' });
    const links = new DocumentLinkProvider(f.context).provideDocumentLinks(f.uri('A.md'));
    expect(links.map((l) => [l.range.start.character, l.target])).toEqual([
      [0, f.uri('Target.md')],
      [13, f.uri('Target.md')],
      [30, f.uri('Target.md')],
    ]);
  });
});
