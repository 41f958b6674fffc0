import { describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { RelatedNotesResult, RolesResult, SearchResult, SuggestLinksResult } from '../../shared-types/protocol.js';
import { sampleVault } from '../cli/runCli.js';
import { serverOnCopyOf } from './lspClient.js';

// The standard feature providers (language-server/features) and the search and roles requests,
// end to end through the real server process: what an editor gets.
describe('standard LSP features and search over the wire', () => {
  const server = serverOnCopyOf(sampleVault);

  it('announces the feature providers in its capabilities', () => {
    const capabilities = server.client.initializeResult!.capabilities;
    expect(capabilities.completionProvider?.triggerCharacters).toContain('[');
    expect(capabilities.renameProvider).toBeTruthy();
    expect(capabilities.referencesProvider).toBe(true);
  });

  it('completes [[ with notes of the workspace, in the text as typed', async () => {
    const note = 'Inbox.md';
    await server.client.open(note, 'Plan the [[Web');
    const answer = await server.client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: server.client.uri(note) },
      position: { line: 0, character: 14 },
    });
    const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
    expect(items.map((i) => i.label)).toContain('Website relaunch');
    await server.client.close(note);
  });

  it('renames a note: every link to it changes in one WorkspaceEdit', async () => {
    const spec = 'Specs/Landing page spec.md';
    await server.client.open(spec);
    const line = server.client.textOf(spec).split('\n').findIndex((l) => l.includes('[[Website relaunch]]'));
    const character = server.client.textOf(spec).split('\n')[line]!.indexOf('Website relaunch') + 2;
    const edit = await server.client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri: server.client.uri(spec) },
      position: { line, character },
      newName: 'Site relaunch',
    });
    expect(edit).not.toBeNull();
    const touched = [...Object.keys(edit!.changes ?? {}), ...(edit!.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : 'oldUri' in c ? c.oldUri : c.uri))];
    expect(touched).toEqual(expect.arrayContaining([server.client.uri(spec), server.client.uri('Home.md')]));
    await server.client.close(spec);
  });

  it('lists backlinks as references', async () => {
    const plan = 'Projects/Website relaunch.md';
    await server.client.open(plan);
    const locations = await server.client.request<Location[] | null>('textDocument/references', {
      textDocument: { uri: server.client.uri(plan) },
      position: { line: 6, character: 2 },
      context: { includeDeclaration: false },
    });
    expect((locations ?? []).map((l) => l.uri)).toEqual(expect.arrayContaining([server.client.uri('Home.md'), server.client.uri('Specs/Landing page spec.md')]));
    await server.client.close(plan);
  });

  it('searches, finds related notes and suggests links for a range', async () => {
    const search = await server.client.request<SearchResult>('scriptorium/search', { query: 'reading group book', limit: 3 });
    expect(search.hits[0]).toMatchObject({ path: 'Projects/Reading group.md', title: 'Reading group', uri: server.client.uri('Projects/Reading group.md') });

    const related = await server.client.request<RelatedNotesResult>('scriptorium/relatedNotes', { uri: server.client.uri('Specs/Landing page spec.md'), limit: 5 });
    expect(related.notes.map((n) => n.path)).toContain('Projects/Website relaunch.md');

    const note = 'Draft.md';
    await server.client.open(note, '# Draft\n\nAsk the reading group before the website relaunch.\n');
    const suggested = await server.client.request<SuggestLinksResult>('scriptorium/suggestLinks', {
      uri: server.client.uri(note),
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 52 } },
      limit: 5,
    });
    const website = suggested.suggestions.find((s) => s.path === 'Projects/Website relaunch.md');
    const at = 'Ask the reading group before the '.length;
    expect(website?.phrase).toEqual({ text: 'website relaunch', range: { start: { line: 2, character: at }, end: { line: 2, character: at + 16 } } });
    await server.client.close(note);
  });

  it('lists the roles, the vault overriding the built-in tree', async () => {
    const { roles } = await server.client.request<RolesResult>('scriptorium/roles', { name: 'coder' });
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ name: 'coder', path: 'Roles/coder.yaml', restrictions: { max_file_changes: 5 } });
    expect(roles[0]!.chain.at(-1)).toBe('orchestrator');
  });
});
