import { describe, expect, it } from 'vitest';
import type { TreeItem } from 'vscode';
import { ScriptoriumRequest, type RelatedNotesResult, type RolesResult, type SuggestLinksResult } from '../../shared-types/protocol.js';
import { paragraphAround, RelatedNotesProvider, wikilinkFor, type RelatedElement } from '../../vscode-extension/src/views/relatedNotesView.js';
import { RolesTreeProvider, type RolesElement } from '../../vscode-extension/src/views/rolesView.js';
import { FakeConnection } from './fixtures.js';

const note = 'file:///ws/Projects/Launch.md';
const related: RelatedNotesResult = {
  notes: [
    { path: 'Specs/Landing page.md', uri: 'file:///ws/Specs/Landing page.md', title: 'Landing page', score: 0.8, snippet: 'Hero section' },
    { path: 'Home.md', uri: 'file:///ws/Home.md', title: 'Home', score: 0.4 },
  ],
};
const suggestions: SuggestLinksResult = {
  suggestions: [
    {
      path: 'Reading group.md',
      uri: 'file:///ws/Reading group.md',
      title: 'Reading group',
      score: 0.9,
      phrase: { text: 'the reading group', range: { start: { line: 4, character: 10 }, end: { line: 4, character: 27 } } },
    },
  ],
};

function labelsOf<T>(provider: { getChildren(e?: T): T[]; getTreeItem(e: T): TreeItem }, element?: T): string[] {
  return provider.getChildren(element).map((child) => String(provider.getTreeItem(child).label));
}

describe('RelatedNotesProvider', () => {
  it('lists link suggestions for the cursor paragraph and notes related to the active note', async () => {
    const connection = new FakeConnection((method) => (method === ScriptoriumRequest.relatedNotes ? related : suggestions));
    const provider = new RelatedNotesProvider(connection, () => ({ note: 7, paragraph: 3 }));
    await provider.follow({ uri: note, paragraph: { startLine: 4, endLine: 5, endCharacter: 12 } });
    expect(labelsOf<RelatedElement>(provider)).toEqual(['Link from this paragraph', 'Related to this note']);
    const [paragraph, whole] = provider.getChildren();
    expect(labelsOf(provider, paragraph)).toEqual(['Reading group']);
    expect(labelsOf(provider, whole)).toEqual(['Landing page', 'Home']);
    expect(provider.getTreeItem(provider.getChildren(paragraph)[0]!).description).toBe('“the reading group”');
    expect(provider.getTreeItem(provider.getChildren(whole)[0]!).contextValue).toBe('relatedNote');
    expect(connection.requests).toEqual(
      expect.arrayContaining([
        { method: ScriptoriumRequest.relatedNotes, params: { uri: note, limit: 7 } },
        { method: ScriptoriumRequest.suggestLinks, params: { uri: note, range: { start: { line: 4, character: 0 }, end: { line: 5, character: 12 } }, limit: 3 } },
      ]),
    );
  });

  it('drops answers for a place the cursor already left, and empties when no note is active', async () => {
    const pending: ((value: RelatedNotesResult) => void)[] = [];
    const connection = new FakeConnection((method) =>
      method === ScriptoriumRequest.relatedNotes ? new Promise<RelatedNotesResult>((resolve) => pending.push(resolve)) : { suggestions: [] },
    );
    const provider = new RelatedNotesProvider(connection, () => ({ note: 5, paragraph: 0 }));
    const first = provider.follow({ uri: 'file:///ws/A.md', paragraph: null });
    const second = provider.follow({ uri: 'file:///ws/B.md', paragraph: null });
    pending[1]!({ notes: [related.notes[1]!] });
    pending[0]!({ notes: [related.notes[0]!] });
    await Promise.all([first, second]);
    expect(labelsOf(provider, provider.getChildren()[0])).toEqual(['Home']);
    // A paragraph limit of 0 asks for no suggestions at all.
    expect(connection.requests.map((r) => r.method)).toEqual([ScriptoriumRequest.relatedNotes, ScriptoriumRequest.relatedNotes]);
    await provider.follow(null);
    expect(provider.getChildren()).toEqual([]);
  });

  it('shows nothing rather than failing when the server does not know the note', async () => {
    const provider = new RelatedNotesProvider(new FakeConnection(() => new Error("'untitled:1' is not inside the workspace.")), () => ({ note: 5, paragraph: 5 }));
    await provider.follow({ uri: 'untitled:1', paragraph: { startLine: 0, endLine: 0, endCharacter: 3 } });
    expect(provider.getChildren()).toEqual([]);
  });

  it('builds the wikilink to insert, showing the paragraph phrase when it differs from the title', () => {
    expect(wikilinkFor({ title: 'Home', phrase: null })).toBe('[[Home]]');
    expect(wikilinkFor({ title: 'Reading group', phrase: suggestions.suggestions[0]!.phrase })).toBe('[[Reading group|the reading group]]');
    expect(wikilinkFor({ title: 'Home', phrase: { text: 'Home', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } } } })).toBe('[[Home]]');
  });

  it('finds the paragraph around the cursor line', () => {
    const lines = ['# Title', '', 'first line', 'second line', '', 'other'];
    expect(paragraphAround(lines.length, (i) => lines[i]!, 3)).toEqual({ startLine: 2, endLine: 3, endCharacter: 11 });
    expect(paragraphAround(lines.length, (i) => lines[i]!, 1)).toBeNull();
    expect(paragraphAround(lines.length, (i) => lines[i]!, 5)).toEqual({ startLine: 5, endLine: 5, endCharacter: 5 });
    expect(paragraphAround(lines.length, (i) => lines[i]!, 9)).toBeNull();
  });
});

describe('RolesTreeProvider', () => {
  const roles: RolesResult = {
    roles: [
      { name: 'worker', description: 'Does the work', chain: ['worker'], capabilities: ['read'], restrictions: {}, extends: null },
      {
        name: 'coder',
        displayName: 'Coder',
        description: 'Builds the templates',
        chain: ['coder', 'worker'],
        capabilities: ['read', 'edit_code'],
        restrictions: { max_file_changes: 5 },
        path: 'Roles/coder.yaml',
        uri: 'file:///ws/Roles/coder.yaml',
        extends: 'worker',
      },
    ],
  };

  it('lists roles with their chain, capabilities, restrictions and where they are defined', async () => {
    const provider = new RolesTreeProvider(new FakeConnection(() => roles));
    await provider.refresh();
    expect(labelsOf<RolesElement>(provider)).toEqual(['worker', 'Coder']);
    expect(provider.roleNames()).toEqual(['worker', 'coder']);
    const coder = provider.getChildren()[1]!;
    const details = provider.getChildren(coder).map((d) => {
      const item = provider.getTreeItem(d);
      return `${String(item.label)}: ${String(item.description)}`;
    });
    expect(details).toEqual(['Extends: worker', 'Capabilities: read, edit_code', 'max_file_changes: 5', 'Defined in: Roles/coder.yaml']);
    expect(provider.getTreeItem(coder).command?.command).toBe('vscode.open');
    expect(provider.getTreeItem(provider.getChildren()[0]!).command).toBeUndefined();
  });

  it('keeps what it had and records the error when the server fails', async () => {
    let fail = false;
    const provider = new RolesTreeProvider(new FakeConnection(() => (fail ? new Error('timeout') : roles)));
    await provider.refresh();
    fail = true;
    await provider.refresh();
    expect(provider.error).toBe('timeout');
    expect(provider.roleNames()).toEqual(['worker', 'coder']);
  });
});
