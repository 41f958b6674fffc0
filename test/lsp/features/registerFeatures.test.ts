import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, type Connection } from 'vscode-languageserver/node';
import { featureCapabilities, registerFeatures } from '../../../language-server/features/index.js';
import { fixture } from './fixture.js';

let server: Connection | null = null;
let client: MessageConnection | null = null;

afterEach(() => {
  client?.dispose();
  server?.dispose();
});

/** A real server connection and a JSON-RPC client over in-process streams. */
function connect(files: Record<string, string>) {
  const f = fixture(files);
  const up = new PassThrough();
  const down = new PassThrough();
  server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  registerFeatures(server, f.context, { today: () => '2024-05-15' });
  server.onInitialize(() => ({ capabilities: featureCapabilities }));
  server.listen();
  client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  client.listen();
  return { f, client };
}

describe('registerFeatures', () => {
  it('answers the standard requests over JSON-RPC', async () => {
    const { f, client } = connect({ 'A.md': '# A\n[[B]] [[Missing]]\n', 'B.md': '# B\n- [ ] x 🆔 b1\n- [ ] y ⛔ b1\n' });
    const init = await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    expect(init).toMatchObject({ capabilities: { renameProvider: { prepareProvider: true }, inlayHintProvider: true } });
    const doc = (path: string) => ({ textDocument: { uri: f.uri(path) } });
    const completion = (await client.sendRequest('textDocument/completion', { ...doc('A.md'), position: { line: 1, character: 3 } })) as { items: unknown[] };
    expect(completion.items.length).toBeGreaterThan(0);
    expect(await client.sendRequest('textDocument/definition', { ...doc('A.md'), position: { line: 1, character: 3 } })).toEqual([
      { uri: f.uri('B.md'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } },
    ]);
    expect(await client.sendRequest('textDocument/references', { ...doc('B.md'), position: { line: 0, character: 0 }, context: { includeDeclaration: false } })).toEqual([]);
    expect(await client.sendRequest('textDocument/documentSymbol', doc('A.md'))).toHaveLength(1);
    expect(await client.sendRequest('workspace/symbol', { query: 'b1' })).toHaveLength(1);
    expect(await client.sendRequest('textDocument/documentLink', doc('A.md'))).toHaveLength(1);
    expect(await client.sendRequest('textDocument/codeLens', doc('B.md'))).not.toHaveLength(0);
    expect(await client.sendRequest('textDocument/inlayHint', { ...doc('B.md'), range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } })).toHaveLength(1);
    const actions = (await client.sendRequest('textDocument/codeAction', { ...doc('A.md'), range: { start: { line: 1, character: 8 }, end: { line: 1, character: 8 } }, context: { diagnostics: [] } })) as Array<{ title: string }>;
    expect(actions.map((a) => a.title)).toContain("Create note 'Missing.md'");
    expect(await client.sendRequest('textDocument/hover', { ...doc('A.md'), position: { line: 1, character: 3 } })).toHaveProperty('contents');
  });

  it('answers a refused rename with an error that says why', async () => {
    const { f, client } = connect({ 'A.md': '[[B]]', 'B.md': '', 'C.md': '' });
    await client.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
    await expect(
      client.sendRequest('textDocument/rename', { textDocument: { uri: f.uri('A.md') }, position: { line: 0, character: 3 }, newName: 'C' }),
    ).rejects.toThrow('C.md already exists.');
    const edit = (await client.sendRequest('textDocument/rename', { textDocument: { uri: f.uri('A.md') }, position: { line: 0, character: 3 }, newName: 'D' })) as { documentChanges: unknown[] };
    expect(edit.documentChanges).toHaveLength(2);
  });
});
