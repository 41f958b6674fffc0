import { describe, expect, it } from 'vitest';
import { CodeLensProvider } from '../../../language-server/features/codeLens.js';
import { InlayHintProvider } from '../../../language-server/features/inlayHints.js';
import { DocumentSymbolProvider, WorkspaceSymbolProvider } from '../../../language-server/features/symbols.js';
import { fixture } from './fixture.js';

describe('DocumentSymbolProvider', () => {
  it('nests headings by level, each spanning its section, skipping headings in code', () => {
    const f = fixture({ 'A.md': '# One\ntext\n## Two\n```\n# not a heading\n```\n### Three\n## Four\r\n# Five 🎉\n' });
    const symbols = new DocumentSymbolProvider(f.context).provideDocumentSymbols(f.uri('A.md'));
    const shape = (s: (typeof symbols)[number]): unknown => [s.name, s.range.start.line, s.range.end.line, (s.children ?? []).map(shape)];
    expect(symbols.map(shape)).toEqual([
      ['One', 0, 7, [['Two', 2, 6, [['Three', 6, 6, []]]], ['Four', 7, 7, []]]],
      ['Five 🎉', 8, 9, []],
    ]);
    expect(symbols[1]!.selectionRange).toEqual({ start: { line: 8, character: 0 }, end: { line: 8, character: 9 } });
  });

  it('gives nothing for code files', () => {
    const f = fixture({ 'a.ts': '// # not a heading' });
    expect(new DocumentSymbolProvider(f.context).provideDocumentSymbols(f.uri('a.ts'))).toEqual([]);
  });
});

describe('WorkspaceSymbolProvider', () => {
  it('finds notes, aliases, headings and task ids, prefix matches first', () => {
    const f = fixture({
      'Budget 2024.md': '---\naliases: [Money plan]\n---\n# Overview\n',
      'Plans.md': '## Budget review\n- [ ] approve budget 🆔 bud1\n',
    });
    const provider = new WorkspaceSymbolProvider(f.context);
    expect(provider.provideWorkspaceSymbols('budg').map((s) => s.name)).toEqual(['Budget 2024', 'Budget review', '🆔 bud1']);
    expect(provider.provideWorkspaceSymbols('money').map((s) => s.name)).toEqual(['Money plan']);
    expect(provider.provideWorkspaceSymbols('bgt').map((s) => s.name)).toContain('Budget 2024');
    expect(provider.provideWorkspaceSymbols('zzz')).toEqual([]);
  });
});

describe('CodeLensProvider', () => {
  it('counts references on the note top and on each heading', () => {
    const f = fixture({
      'Target.md': '# Target\n## Part\n',
      'B.md': '[[Target]] [[Target#Part]] [[Target#part]]\n',
      'Plain.md': 'no heading\n',
      'C.md': '[[Plain]]',
    });
    const lenses = new CodeLensProvider(f.context).provideCodeLenses(f.uri('Target.md'));
    expect(lenses.map((l) => [l.range.start.line, l.command!.title])).toEqual([
      [0, '3 references · 0 to this heading'],
      [1, '2 references'],
    ]);
    expect(lenses[0]!.command!.arguments).toEqual([f.uri('Target.md'), { line: 0, character: 0 }]);
    const plain = new CodeLensProvider(f.context).provideCodeLenses(f.uri('Plain.md'));
    expect(plain.map((l) => l.command!.title)).toEqual(['1 reference']);
  });

  it('shows dependents and blockers on tasks, and state on TODO comments', () => {
    const f = fixture({
      'T.md': '- [ ] first 🆔 a\n- [ ] second 🆔 b ⛔ a\n- [ ] third ⛔ b\n',
      'src/x.ts': 'const a = 1; // TODO: wire it ⛔ a\n// FIXME tracked 🆔 fx\n',
    });
    const lenses = new CodeLensProvider(f.context).provideCodeLenses(f.uri('T.md'));
    expect(lenses.map((l) => [l.range.start.line, l.command!.title])).toEqual([
      [0, '0 references'],
      [0, '2 dependents'],
      [1, '1 dependent · blocked by first (a)'],
      [2, 'blocked by second (b)'],
    ]);
    const code = new CodeLensProvider(f.context).provideCodeLenses(f.uri('src/x.ts'));
    expect(code.map((l) => l.command!.title)).toEqual(['TODO · Blocked · untracked · blocked by first (a)', 'FIXME · Pending · 0 dependents']);
  });
});

describe('InlayHintProvider', () => {
  it('labels blocked tasks in the range with what blocks them', () => {
    const f = fixture({ 'T.md': '- [ ] first 🆔 a\n- [x] done 🆔 d\n- [ ] 🎉 second ⛔ a,d\n- [ ] third ⛔ d\n- [ ] fourth ⛔ a\n' });
    const hints = new InlayHintProvider(f.context).provideInlayHints(f.uri('T.md'), { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
    expect(hints).toEqual([
      { position: { line: 2, character: 21 }, label: 'blocked by first (a)', paddingLeft: true, tooltip: 'first (a) — T.md:1' },
    ]);
  });
});
