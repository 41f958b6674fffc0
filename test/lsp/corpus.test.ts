import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, DocumentDiagnosticReport, Location, WorkspaceDiagnosticReport } from 'vscode-languageserver-protocol';
import { repoRoot } from '../cli/runCli.js';
import { dwarvesVault, hasCorpora, noticeIfNoCorpora } from '../support/corpora.js';
import { LspClient } from './lspClient.js';

noticeIfNoCorpora();

// The "done when": `scriptorium serve --stdio` answers completion, references and
// diagnostics on a real vault from a plain JSON-RPC client. The vault is read in place, never written.
describe.skipIf(!hasCorpora)('scriptorium serve --stdio on dwarves-brain', () => {
  let client: LspClient;
  const note = '§ Writing.md';

  beforeAll(async () => {
    client = await LspClient.start(dwarvesVault, { args: [path.join(repoRoot, 'dist/cli.js'), 'serve', '--stdio'] });
    await client.ready();
  }, 60_000);

  afterAll(async () => {
    await client?.stop();
    // Nothing was written into the vault.
    expect(readdirSync(dwarvesVault).filter((name) => name === '.scriptorium')).toEqual([]);
  });

  it('completes a [[ link with notes of the vault', async () => {
    const text = readFileSync(path.join(dwarvesVault, note), 'utf8');
    await client.open(note, `${text}\nSee also [[Show`);
    const line = text.split('\n').length;
    const answer = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
      textDocument: { uri: client.uri(note) },
      position: { line, character: 'See also [[Show'.length },
    });
    const labels = (Array.isArray(answer) ? answer : (answer?.items ?? [])).map((i) => i.label);
    expect(labels).toContain("Show, don't tell");
  });

  it('lists the backlinks of a note as references', async () => {
    const locations = await client.request<Location[] | null>('textDocument/references', {
      textDocument: { uri: client.uri(note) },
      position: { line: 1, character: 0 },
      context: { includeDeclaration: false },
    });
    expect((locations ?? []).map((l) => l.uri)).toContain(client.uri('Writing/Place characters within a landscape.md'));
  });

  it('pulls document and workspace diagnostics', async () => {
    const report = await client.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri: client.uri(note) } });
    expect(report.kind).toBe('full');
    const workspace = await client.request<WorkspaceDiagnosticReport>('workspace/diagnostic', { previousResultIds: [] });
    expect(workspace.items.length).toBeGreaterThan(0);
    expect(workspace.items.every((i) => i.uri.startsWith(client.uri('')))).toBe(true);
  });
});
