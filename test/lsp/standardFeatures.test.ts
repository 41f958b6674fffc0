import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { RelatedNotesResult, RolesResult, SearchResult, SuggestLinksResult } from '../../shared-types/protocol.js';
import { copyOfVault, sampleVault } from '../cli/runCli.js';
import { LspClient } from './lspClient.js';

// The standard feature providers (language-server/features) and the search and roles requests,
// end to end through the real server process: what an editor gets.
describe('standard LSP features and search over the wire', () => {
  let vault: string;
  let client: LspClient;

  beforeAll(async () => {
    vault = copyOfVault(sampleVault);
    client = await LspClient.start(vault);
    await client.ready();
  });

  afterAll(async () => {
    await client.stop();
    rmSync(vault, { recursive: true, force: true });
  });

  it('announces the feature providers in its capabilities', () => {
    const capabilities = client.initializeResult!.capabilities;
    expect(capabilities.completionProvider?.triggerCharacters).toContain('[');
    expect(capabilities.renameProvider).toBeTruthy();
    expect(capabilities.referencesProvider).toBe(true);
  });

  it('completes [[ with notes of the workspace, in the text as typed', async () => {
    const note = 'Inbox.md';
    await client.open(note, 'Plan the [[Web');
    const answer = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: client.uri(note) },
      position: { line: 0, character: 14 },
    });
    const items = Array.isArray(answer) ? answer : (answer?.items ?? []);
    expect(items.map((i) => i.label)).toContain('Website relaunch');
    await client.close(note);
  });

  it('renames a note: every link to it changes in one WorkspaceEdit', async () => {
    const spec = 'Specs/Landing page spec.md';
    await client.open(spec);
    const line = client.textOf(spec).split('\n').findIndex((l) => l.includes('[[Website relaunch]]'));
    const character = client.textOf(spec).split('\n')[line]!.indexOf('Website relaunch') + 2;
    const edit = await client.request<WorkspaceEdit | null>('textDocument/rename', {
      textDocument: { uri: client.uri(spec) },
      position: { line, character },
      newName: 'Site relaunch',
    });
    expect(edit).not.toBeNull();
    const touched = [...Object.keys(edit!.changes ?? {}), ...(edit!.documentChanges ?? []).map((c) => ('textDocument' in c ? c.textDocument.uri : 'oldUri' in c ? c.oldUri : c.uri))];
    expect(touched).toEqual(expect.arrayContaining([client.uri(spec), client.uri('Home.md')]));
    await client.close(spec);
  });

  it('lists backlinks as references', async () => {
    const plan = 'Projects/Website relaunch.md';
    await client.open(plan);
    const locations = await client.request<Location[] | null>('textDocument/references', {
      textDocument: { uri: client.uri(plan) },
      position: { line: 6, character: 2 },
      context: { includeDeclaration: false },
    });
    expect((locations ?? []).map((l) => l.uri)).toEqual(expect.arrayContaining([client.uri('Home.md'), client.uri('Specs/Landing page spec.md')]));
    await client.close(plan);
  });

  it('searches, finds related notes and suggests links for a range', async () => {
    const search = await client.request<SearchResult>('scriptorium/search', { query: 'reading group book', limit: 3 });
    expect(search.hits[0]).toMatchObject({ path: 'Projects/Reading group.md', title: 'Reading group', uri: client.uri('Projects/Reading group.md') });

    const related = await client.request<RelatedNotesResult>('scriptorium/relatedNotes', { uri: client.uri('Specs/Landing page spec.md'), limit: 5 });
    expect(related.notes.map((n) => n.path)).toContain('Projects/Website relaunch.md');

    const note = 'Draft.md';
    await client.open(note, '# Draft\n\nAsk the reading group before the website relaunch.\n');
    const suggested = await client.request<SuggestLinksResult>('scriptorium/suggestLinks', {
      uri: client.uri(note),
      range: { start: { line: 2, character: 0 }, end: { line: 2, character: 52 } },
      limit: 5,
    });
    const website = suggested.suggestions.find((s) => s.path === 'Projects/Website relaunch.md');
    const at = 'Ask the reading group before the '.length;
    expect(website?.phrase).toEqual({ text: 'website relaunch', range: { start: { line: 2, character: at }, end: { line: 2, character: at + 16 } } });
    await client.close(note);
  });

  it('lists the roles, the vault overriding the built-in tree', async () => {
    const { roles } = await client.request<RolesResult>('scriptorium/roles', { name: 'coder' });
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({ name: 'coder', path: 'Roles/coder.yaml', restrictions: { max_file_changes: 5 } });
    expect(roles[0]!.chain.at(-1)).toBe('orchestrator');
  });
});
