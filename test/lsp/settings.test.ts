import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddingsStatus, RelatedNotesResult, RolesResult, SearchResult, StatusParams, TaskQueryResult } from '../../shared-types/protocol.js';
import { defaultTaskSettings } from '../../core/tasks/statuses.js';
import type { ServerHost } from '../../language-server/server/host.js';
import { ServerSearch } from '../../language-server/server/searchIndex.js';
import { ServerEmbeddings } from '../../language-server/server/serverEmbeddings.js';
import { readSettings } from '../../language-server/server/serverSettings.js';
import { ServerWorkspace } from '../../language-server/server/serverWorkspace.js';
import { LspClient } from './lspClient.js';

/** A small vault: roles in two folders, a task with a custom status, and notes to relate. */
function makeVault(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-settings-'));
  const write = (relative: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), text);
  };
  write('Roles/drafter.yaml', 'description: Writes first drafts.\n');
  write('Team/proofreader.yaml', 'description: Reviews drafts before they go out.\n');
  write('Tasks.md', '# Tasks\n\n- [R] Check the migration plan\n- [ ] Book the venue\n');
  write(
    'Trip.md',
    [
      '# Trip',
      '',
      '## Sailing',
      '',
      'We sail the catamaran along the coast, tacking against the wind, anchoring in a quiet bay.',
      '',
      '## Baking',
      '',
      'The sourdough starter needs flour and water every morning; the loaves proof overnight before baking.',
      '',
    ].join('\n'),
  );
  write('Boats.md', '# Boats\n\nA catamaran sails fast; tacking and anchoring in a bay take practice. The wind decides the coast we sail.\n');
  write('Bread.md', '# Bread\n\nSourdough loaves: feed the starter flour and water, let the dough proof overnight, then baking.\n');
  write('Archive/Old boats.md', '# Old boats\n\nAn old catamaran we used to sail along the coast, tacking into the wind, anchoring in the bay.\n');
  return root;
}

function statuses(client: LspClient): StatusParams[] {
  return client.notifications.filter((n) => n.method === 'scriptorium/status').map((n) => n.params as StatusParams);
}

function warnings(client: LspClient): string[] {
  return client.notifications
    .filter((n) => n.method === 'window/showMessage' && (n.params as { type: number }).type === 2)
    .map((n) => (n.params as { message: string }).message);
}

async function taskCalled(client: LspClient, description: string) {
  const result = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: `description includes ${description}` });
  return result.groups.flatMap((g) => g.tasks)[0]!;
}

/** A 127.0.0.1 port nothing listens on: bound, noted, closed. */
async function closedPort(): Promise<number> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('settings the server reads from initializationOptions and didChangeConfiguration', () => {
  let vault: string;
  let client: LspClient | null = null;

  beforeAll(() => {
    vault = makeVault();
  });
  afterEach(async () => {
    await client?.stop();
    client = null;
  });
  afterAll(() => rmSync(vault, { recursive: true, force: true }));

  it('reads roles from the rolesFolder setting, at start and when it changes', async () => {
    client = await LspClient.start(vault, { initializationOptions: { rolesFolder: 'Team' } });
    await client.ready();
    const names = async () => (await client!.request<RolesResult>('scriptorium/roles', {})).roles.map((r) => r.name);
    expect(await names()).toContain('proofreader');
    expect(await names()).not.toContain('drafter');
    const proofreader = (await client.request<RolesResult>('scriptorium/roles', { name: 'proofreader' })).roles[0]!;
    expect(proofreader.path).toBe('Team/proofreader.yaml');

    await client.notify('workspace/didChangeConfiguration', { settings: { scriptorium: { rolesFolder: 'Roles' } } });
    await expect.poll(names).toContain('drafter');
    expect(await names()).not.toContain('proofreader');
  });

  it('reads tasks with the custom statuses setting, and again when it changes', async () => {
    client = await LspClient.start(vault);
    await client.ready();
    const before = await taskCalled(client, 'migration plan');
    expect(before.status).toEqual({ symbol: 'R', type: 'TODO', name: 'Unknown' });

    const custom = [{ symbol: 'R', name: 'Review', type: 'IN_PROGRESS', next: 'x' }];
    const after = client.notifications.length;
    await client.notify('workspace/didChangeConfiguration', { settings: { scriptorium: { statuses: { custom } } } });
    await client.waitFor('scriptorium/status', (p) => (p as StatusParams).state === 'ready', after);
    const reviewed = await taskCalled(client, 'migration plan');
    expect(reviewed.status).toEqual({ symbol: 'R', type: 'IN_PROGRESS', name: 'Review' });
    expect(reviewed.state).toBe('InProgress');
  });

  it('falls back to the offline default when the embeddings provider does not answer, says so, and search still answers', async () => {
    const port = await closedPort();
    const spec = `ollama:nomic-embed-text@http://127.0.0.1:${port}`;
    client = await LspClient.start(vault, { initializationOptions: { embeddings: spec } });
    await client.ready();
    const fallback = await client.waitFor('scriptorium/status', (p) => (p as StatusParams).embeddings?.state === 'fallback');
    const status = (fallback.params as StatusParams).embeddings!;
    expect(status.spec).toBe(spec);
    expect(status.message).toContain(`127.0.0.1:${port}`);
    expect(status.message).toContain('offline default');
    expect(warnings(client).some((w) => w.includes('offline default'))).toBe(true);

    const result = await client.request<SearchResult>('scriptorium/search', { query: 'catamaran tacking' });
    expect(result.hits.map((h) => h.path)).toContain('Boats.md');

    // Back to the default: the status says so.
    const after = client.notifications.length;
    await client.notify('workspace/didChangeConfiguration', { settings: { scriptorium: { embeddings: '' } } });
    const back = await client.waitFor('scriptorium/status', (p) => (p as StatusParams).embeddings?.state === 'default', after);
    expect((back.params as StatusParams).embeddings!.spec).toBe('default');
  });

  it('switches search to an embeddings provider that answers (a real HTTP server on 127.0.0.1 speaking Ollama)', async () => {
    const asked: string[] = [];
    // Bag-of-letters vectors: enough for a real answer of the right shape.
    const ollama = createHttpServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const input = (JSON.parse(body) as { input: string[] }).input;
        asked.push(...input);
        const embeddings = input.map((text) => Array.from({ length: 26 }, (_, i) => [...text.toLowerCase()].filter((c) => c.charCodeAt(0) - 97 === i).length + 0.01));
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ embeddings }));
      });
    });
    await new Promise<void>((resolve) => ollama.listen(0, '127.0.0.1', resolve));
    try {
      const spec = `ollama:letters@http://127.0.0.1:${(ollama.address() as { port: number }).port}`;
      client = await LspClient.start(vault, { initializationOptions: { embeddings: spec } });
      await client.ready();
      const ok = await client.waitFor('scriptorium/status', (p) => (p as StatusParams).embeddings?.state === 'ok');
      expect((ok.params as StatusParams).embeddings!.message).toContain('letters');
      const result = await client.request<SearchResult>('scriptorium/search', { query: 'sourdough starter' });
      expect(result.hits.map((h) => h.path)).toContain('Bread.md');
      // The notes were embedded by the provider, not only the probe.
      expect(asked.some((text) => text.includes('catamaran'))).toBe(true);
      expect(warnings(client)).toEqual([]);
    } finally {
      await client?.stop();
      client = null;
      await new Promise<void>((resolve) => ollama.close(() => resolve()));
    }
  });

  it('warns about a bad value, uses the default, and goes on answering', async () => {
    client = await LspClient.start(vault, {
      initializationOptions: { rolesFolder: '../outside', embeddings: 'carrier-pigeon:fast', suggestions: { limit: -3 }, statuses: { custom: [{ symbol: 'too long' }] } },
    });
    await client.ready();
    await expect.poll(() => warnings(client!).length).toBeGreaterThanOrEqual(4);
    const all = warnings(client).join('\n');
    expect(all).toContain('scriptorium.rolesFolder');
    expect(all).toContain('scriptorium.suggestions.limit');
    expect(all).toContain('scriptorium.statuses.custom[0]');
    expect(all).toContain('"carrier-pigeon" is not a provider');
    // Defaults in force: the Roles folder, the offline embedder, ten results.
    const roles = (await client.request<RolesResult>('scriptorium/roles', {})).roles.map((r) => r.name);
    expect(roles).toContain('drafter');
    const embeddings = statuses(client).map((s) => s.embeddings?.state);
    expect(embeddings).toContain('fallback');
    const related = await client.request<RelatedNotesResult>('scriptorium/relatedNotes', { uri: client.uri('Trip.md') });
    expect(related.notes.length).toBeGreaterThan(0);

    // A bad value sent later warns too, and changes nothing else.
    const before = warnings(client).length;
    await client.notify('workspace/didChangeConfiguration', { settings: { scriptorium: { suggestions: { minScore: 'high' } } } });
    await expect.poll(() => warnings(client!).length).toBe(before + 1);
    expect(warnings(client).at(-1)).toContain('scriptorium.suggestions.minScore');
  });

  it('relates the section at a range, and applies the suggestion settings', async () => {
    client = await LspClient.start(vault);
    await client.ready();
    const uri = client.uri('Trip.md');
    const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 10 } });
    const sailing = await client.request<RelatedNotesResult>('scriptorium/relatedNotes', { uri, range: at(4) });
    const baking = await client.request<RelatedNotesResult>('scriptorium/relatedNotes', { uri, range: at(8) });
    expect(sailing.notes.slice(0, 2).map((n) => n.path).sort()).toEqual(['Archive/Old boats.md', 'Boats.md']);
    expect(baking.notes[0]?.path).toBe('Bread.md');
    expect(sailing.notes.map((n) => n.path)).not.toContain('Bread.md');

    await client.notify('workspace/didChangeConfiguration', { settings: { scriptorium: { suggestions: { limit: 1, excludeFolders: ['Archive'] } } } });
    await expect
      .poll(async () => (await client!.request<RelatedNotesResult>('scriptorium/relatedNotes', { uri, range: at(4) })).notes.map((n) => n.path))
      .toEqual(['Boats.md']);

    await expect(client.request('scriptorium/relatedNotes', { uri, range: { start: { line: -1 } } })).rejects.toThrow(/range/);
  });
});

describe('settings without a server process', () => {
  it('the browser build, which has no providers, reports an embeddings spec as unavailable and keeps the offline default', async () => {
    // The browser host (language-server/browser/browserHost.ts) has no embeddingProvider either.
    const host: ServerHost = {
      name: 'browser',
      open: async () => undefined,
      listFiles: async () => [],
      readFile: async () => ({ kind: 'missing' }),
      log: () => undefined,
    };
    const changes: { status: EmbeddingsStatus; warn: boolean }[] = [];
    const embeddings = new ServerEmbeddings(host, new ServerSearch(new ServerWorkspace(defaultTaskSettings())), { changed: (status, warn) => changes.push({ status, warn }) });
    await embeddings.apply('ollama:nomic-embed-text@http://127.0.0.1:11434');
    expect(embeddings.status().state).toBe('unavailable');
    expect(changes.at(-1)?.warn).toBe(true);
    expect(changes.at(-1)?.status.message).toMatch(/needs the desktop \(node\) build.*browser build uses the offline default/);
    await embeddings.apply('none');
    expect(embeddings.status().state).toBe('none');
    embeddings.dispose();
  });

  it('reads VS Code\'s nested section, ignoring the keys only the extension uses', () => {
    const { settings, problems } = readSettings(
      {},
      {
        scriptorium: {
          statuses: { start: '/', hidden: ['Completed'], custom: [{ symbol: 'R', name: 'Review', type: 'IN_PROGRESS' }] },
          suggestions: { relatedNotesLimit: 10, paragraphLimit: 5, limit: 7, minScore: 0.2, excludeFolders: ['Templates/'] },
          rolesFolder: 'Team/',
          embeddings: '',
          tasks: { groupBy: 'file' },
        },
      },
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      statuses: { custom: [{ symbol: 'R', name: 'Review', type: 'IN_PROGRESS' }] },
      suggestions: { limit: 7, minScore: 0.2, excludeFolders: ['Templates'] },
      rolesFolder: 'Team',
    });
  });
});
