import { describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver';
import { CodeActionProvider } from '../../../language-server/features/codeActions.js';
import { applyWorkspaceEdit, fixture } from './fixture.js';

const point = (line: number, character: number) => ({ start: { line, character }, end: { line, character } });

function actions(files: Record<string, string>, path: string, line: number, character: number) {
  const f = fixture(files);
  const provider = new CodeActionProvider(f.context, { today: () => '2024-05-15', random: seeded() });
  return { f, list: provider.provideCodeActions(f.uri(path), point(line, character)) };
}

/** A fixed sequence, so fresh ids are the same on every run. */
function seeded(): () => number {
  let i = 0;
  return () => ((i++ * 7) % 36) / 36;
}

const titled = (list: CodeAction[], title: string) => list.find((a) => a.title === title);

describe('CodeActionProvider: notes', () => {
  it('creates the missing note of an unresolved link, with the linked heading', () => {
    const { f, list } = actions({ 'A.md': 'See [[ideas/New Idea#Plan]] and [[Gone]].' }, 'A.md', 0, 8);
    const create = titled(list, "Create note 'ideas/New Idea.md'")!;
    expect(create.kind).toBe('quickfix');
    expect(applyWorkspaceEdit(f, create.edit!)).toMatchObject({ 'ideas/New Idea.md': '# Plan\n' });
    expect(list.some((a) => a.title.includes('Gone'))).toBe(false);
  });

  it('offers nothing to create for resolved links or attachments', () => {
    const { list } = actions({ 'A.md': '[[B]] ![[pic.png]]', 'B.md': '' }, 'A.md', 0, 2);
    expect(list.filter((a) => a.title.startsWith('Create'))).toEqual([]);
    const pic = actions({ 'A.md': '[[B]] ![[pic.png]]', 'B.md': '' }, 'A.md', 0, 9);
    expect(pic.list.filter((a) => a.title.startsWith('Create'))).toEqual([]);
  });

  it('links an unlinked mention of a note name or alias, keeping the words as written', () => {
    const files = { 'A.md': 'We discussed the project alpha plan today.', 'Project Alpha.md': '', 'Plan B.md': '---\naliases: [alpha plan]\n---\n' };
    const { f, list } = actions(files, 'A.md', 0, 28);
    expect(list.map((a) => a.title)).toEqual(["Link 'project alpha' to Project Alpha", "Link 'alpha plan' to Plan B"]);
    expect(applyWorkspaceEdit(f, list[0]!.edit!)['A.md']).toBe('We discussed the [[Project Alpha|project alpha]] plan today.');
    expect(applyWorkspaceEdit(f, list[1]!.edit!)['A.md']).toBe('We discussed the project [[Plan B|alpha plan]] today.');
  });

  it('does not link mentions inside links, code or other words', () => {
    const files = { 'A.md': '[[Alpha]] `Alpha` Alphabet\n```\nAlpha\n```', 'Alpha.md': '' };
    for (const [line, character] of [[0, 3], [0, 12], [0, 20], [2, 2]] as const) {
      expect(actions(files, 'A.md', line, character).list.filter((a) => a.title.startsWith('Link'))).toEqual([]);
    }
    expect(actions({ 'A.md': 'Alpha.', 'Alpha.md': '' }, 'A.md', 0, 2).list.map((a) => a.title)).toEqual(["Link 'Alpha' to Alpha"]);
  });
});

describe('CodeActionProvider: tasks', () => {
  it('advances Todo → In Progress → Done, adding the done date', () => {
    const todo = actions({ 'T.md': '- [ ] write\r\n' }, 'T.md', 0, 0);
    const start = titled(todo.list, 'Advance task to In Progress')!;
    expect(applyWorkspaceEdit(todo.f, start.edit!)['T.md']).toBe('- [/] write\r\n');
    const doing = actions({ 'T.md': '- [/] write\n' }, 'T.md', 0, 0);
    expect(applyWorkspaceEdit(doing.f, titled(doing.list, 'Advance task to Done')!.edit!)['T.md']).toBe('- [x] write ✅ 2024-05-15\n');
    expect(actions({ 'T.md': '- [x] done\n' }, 'T.md', 0, 0).list.filter((a) => a.title.startsWith('Advance'))).toEqual([]);
    const failed = actions({ 'T.md': '- [F] failed\n' }, 'T.md', 0, 0);
    expect(applyWorkspaceEdit(failed.f, titled(failed.list, 'Advance task to Todo (reopen)')!.edit!)['T.md']).toBe('- [ ] failed\n');
  });

  it('offers completing a blocked task only as disabled, with the reason', () => {
    const { list } = actions({ 'T.md': '- [ ] dep 🆔 d\n- [/] work ⛔ d\n' }, 'T.md', 1, 0);
    const done = titled(list, 'Advance task to Done')!;
    expect(done.edit).toBeUndefined();
    expect(done.disabled!.reason).toContain("'dep' (🆔 d)");
  });

  it('adds a dependency on a task with an id, or gives a same-note task a fresh id, never closing a cycle', () => {
    const files = { 'T.md': '- [ ] a 🆔 a1\n- [ ] b\n- [ ] c ⛔ a1\n', 'U.md': '- [ ] far 🆔 far1\n- [x] done 🆔 old\n' };
    const { f, list } = actions(files, 'T.md', 0, 0);
    const titles = list.filter((a) => a.title.startsWith('Depend on')).map((a) => a.title);
    // c depends on a: depending on c would be a cycle; done tasks are not offered.
    expect(titles).toEqual(['Depend on b', 'Depend on far (far1)']);
    const onB = applyWorkspaceEdit(f, titled(list, 'Depend on b')!.edit!)['T.md']!;
    expect(onB).toMatch(/^- \[ \] a 🆔 a1 ⛔ ([0-9a-z]{6})\n- \[ \] b 🆔 \1\n/);
    const onFar = applyWorkspaceEdit(f, titled(list, 'Depend on far (far1)')!.edit!);
    expect(onFar['T.md']!.split('\n')[0]).toBe('- [ ] a 🆔 a1 ⛔ far1');
  });

  it('tracks a TODO comment by giving it an id, keeping the comment closer', () => {
    const { f, list } = actions({ 'src/x.ts': 'let a; /* TODO: wire it */\n' }, 'src/x.ts', 0, 0);
    const track = titled(list, 'Track this TODO as a task (add 🆔 id)')!;
    expect(applyWorkspaceEdit(f, track.edit!)['src/x.ts']).toMatch(/^let a; \/\* TODO: wire it 🆔 [0-9a-z]{6} \*\/\n$/);
    expect(list.some((a) => a.title.startsWith('Advance'))).toBe(false);
    const tracked = actions({ 'src/x.ts': '// TODO: wired 🆔 abc\n' }, 'src/x.ts', 0, 0);
    expect(tracked.list.some((a) => a.title.startsWith('Track'))).toBe(false);
  });

  it('versions edits of open documents with the client version', () => {
    const f = fixture({ 'T.md': '- [ ] write\n' });
    f.open('T.md', 3);
    const [first] = new CodeActionProvider(f.context).provideCodeActions(f.uri('T.md'), point(0, 0));
    const change = first!.edit!.documentChanges![0]!;
    expect('textDocument' in change && change.textDocument.version).toBe(3);
  });
});
