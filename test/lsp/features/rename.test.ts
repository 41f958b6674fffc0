import { describe, expect, it } from 'vitest';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { RenameProvider } from '../../../language-server/features/rename.js';
import { applyWorkspaceEdit, cursor, fixture } from './fixture.js';

function setup(files: Record<string, string>, path: string, withCursor: string) {
  const c = cursor(withCursor);
  const f = fixture({ ...files, [path]: c.text });
  return { f, provider: new RenameProvider(f.context), uri: f.uri(path), pos: { line: c.line, character: c.character } };
}

function renamed(files: Record<string, string>, path: string, withCursor: string, newName: string) {
  const { f, provider, uri, pos } = setup(files, path, withCursor);
  const edit = provider.provideRenameEdits(uri, pos, newName);
  if (edit === null || 'refused' in edit) throw new Error(`no edit: ${JSON.stringify(edit)}`);
  return { files: applyWorkspaceEdit(f, edit), edit };
}

describe('RenameProvider: notes', () => {
  it('prepares on a link target with the note name as placeholder', () => {
    const { provider, uri, pos } = setup({ 'Old Name.md': '# x' }, 'A.md', 'see [[Old ‸Name#x|shown]]');
    expect(provider.prepareRename(uri, pos)).toEqual({ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 14 } }, placeholder: 'Old Name' });
  });

  it('renames the file and every link to it, keeping alias, subpath, embeds and .md', () => {
    const { files, edit } = renamed(
      {
        'Old.md': '# Top\nSelf [[#Top]] and [[Old]]\n',
        'B.md': '[[Old]] [[old|alias]] [[Old#Top]] ![[Old]] [[Old.md]] [[ Old |x]]\n',
        'sub/C.md': '[t](../Old.md) [u](../Old.md#Top "title")\n',
      },
      'A.md',
      '[[Ol‸d]]',
      'New Name',
    );
    expect(files).toEqual({
      'A.md': '[[New Name]]',
      'B.md': '[[New Name]] [[New Name|alias]] [[New Name#Top]] ![[New Name]] [[New Name.md]] [[ New Name |x]]\n',
      'New Name.md': '# Top\nSelf [[#Top]] and [[New Name]]\n',
      'sub/C.md': '[t](../New%20Name.md) [u](../New%20Name.md#Top "title")\n',
    });
    // Text edits come before the file rename, the rename last.
    const kinds = edit.documentChanges!.map((c) => ('kind' in c ? c.kind : 'edit'));
    expect(kinds[kinds.length - 1]).toBe('rename');
    expect(kinds.filter((k) => k === 'rename')).toHaveLength(1);
  });

  it('carries the client version of open documents and null for closed ones', () => {
    const { f, provider, uri, pos } = setup({ 'Old.md': '', 'B.md': '[[Old]]' }, 'A.md', '[[Ol‸d]]');
    f.open('A.md', 7);
    const edit = provider.provideRenameEdits(uri, pos, 'New') as WorkspaceEdit;
    const versions = edit.documentChanges!.filter((c) => !('kind' in c)).map((c) => ('textDocument' in c ? [c.textDocument.uri, c.textDocument.version] : []));
    expect(versions).toEqual([
      [f.uri('A.md'), 7],
      [f.uri('B.md'), null],
    ]);
  });

  it('keeps vault paths and relative paths in their style, and moves a note to a folder', () => {
    const { files } = renamed(
      {
        'notes/Old.md': 'x [rel](./Other.md) [bare](Other.md)\n',
        'notes/Other.md': '',
        'B.md': '[[notes/Old]] [[/notes/Old.md]] [m](notes/Old.md)\n',
        'notes/C.md': '[[./Old]] [m](Old.md)\n',
      },
      'A.md',
      '[[Ol‸d]]',
      'archive/Old',
    );
    expect(files['B.md']).toBe('[[archive/Old]] [[/archive/Old.md]] [m](archive/Old.md)\n');
    expect(files['notes/C.md']).toBe('[[../archive/Old]] [m](../archive/Old.md)\n');
    // The moved note's own `./` link is rewritten to keep pointing at notes/Other.md; a bare name still resolves anywhere.
    expect(files['archive/Old.md']).toBe('x [rel](../notes/Other.md) [bare](Other.md)\n');
    expect(files['A.md']).toBe('[[Old]]');
  });

  it('uses a path when the new name is ambiguous', () => {
    const { files } = renamed({ 'a/Old.md': '', 'b/Target.md': '', 'c/Target.md': '' }, 'A.md', '[[Ol‸d]]', 'Target');
    // Equal path lengths: code-unit order makes a/Target.md the one `[[Target]]` finds.
    expect(files['A.md']).toBe('[[Target]]');
    const longer = renamed({ 'aa/Old.md': '', 'b/Target.md': '' }, 'A.md', '[[Ol‸d]]', 'Target');
    expect(longer.files['A.md']).toBe('[[aa/Target]]');
  });

  it('resolves case-insensitively and works on CRLF files with emoji before the link', () => {
    const { files } = renamed({ 'Old.md': '' }, 'A.md', 'line\r\n🎉 é [[old‸]]\r\n', 'New');
    expect(files['A.md']).toBe('line\r\n🎉 é [[New]]\r\n');
    expect(files['New.md']).toBe('');
  });

  it('refuses unresolved links, clashes and bad names, and offers nothing on plain text', () => {
    const { provider, uri, pos } = setup({ 'Old.md': '', 'Taken.md': '' }, 'A.md', '[[Ol‸d]] [[Missing]]');
    expect(provider.provideRenameEdits(uri, pos, 'Taken')).toEqual({ refused: 'Taken.md already exists.' });
    expect(provider.provideRenameEdits(uri, pos, 'taken.md')).toEqual({ refused: 'Taken.md already exists.' });
    expect(provider.provideRenameEdits(uri, pos, 'a|b')).toHaveProperty('refused');
    expect(provider.provideRenameEdits(uri, pos, '../up')).toHaveProperty('refused');
    expect(provider.prepareRename(uri, { line: 0, character: 12 })).toHaveProperty('refused');
    const plain = setup({}, 'A.md', 'just te‸xt');
    expect(plain.provider.prepareRename(plain.uri, plain.pos)).toBeNull();
  });

  it('allows a case-only rename', () => {
    const { files } = renamed({ 'Old.md': '' }, 'A.md', '[[Ol‸d]]', 'OLD');
    expect(files).toEqual({ 'A.md': '[[OLD]]', 'OLD.md': '' });
  });
});

describe('RenameProvider: headings', () => {
  const vault = {
    'Note.md': '# Title\n## Old Heading\ntext [[#Old Heading]]\n',
    'B.md': '[[Note#Old Heading|see]] [[Note#old  heading]] [[Note#Title]] [m](Note.md#Old%20Heading) ![[Note#Old Heading]]\n',
  };

  it('renames from the heading line, updating every link to it and no other', () => {
    const { files } = renamed(vault, 'Note.md', '# Title\n## Old H‸eading\ntext [[#Old Heading]]\n', 'New Part');
    expect(files['Note.md']).toBe('# Title\n## New Part\ntext [[#New Part]]\n');
    expect(files['B.md']).toBe('[[Note#New Part|see]] [[Note#New Part]] [[Note#Title]] [m](Note.md#New%20Part) ![[Note#New Part]]\n');
  });

  it('renames from a link subpath, with the heading text as placeholder', () => {
    const { provider, uri, pos } = setup(vault, 'C.md', '[[Note#Old He‸ading]]');
    expect(provider.prepareRename(uri, pos)).toMatchObject({ placeholder: 'Old Heading' });
    const edit = provider.provideRenameEdits(uri, pos, 'Renamed') as WorkspaceEdit;
    expect(edit.documentChanges!.some((c) => 'kind' in c)).toBe(false);
  });

  it('refuses names that links cannot carry', () => {
    const { provider, uri, pos } = setup(vault, 'C.md', '[[Note#Old He‸ading]]');
    expect(provider.provideRenameEdits(uri, pos, 'a#b')).toHaveProperty('refused');
    expect(provider.provideRenameEdits(uri, pos, ' ')).toHaveProperty('refused');
  });
});
