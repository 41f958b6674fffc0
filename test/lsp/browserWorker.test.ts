import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sampleVault } from '../cli/runCli.js';

// The browser build (dist/server-browser.js) in a real Web Worker, started from a Blob URL the way
// the Obsidian plugin starts it, in headless Chromium (../shared/HOSTS.md). The page plays the
// host: it answers the server's scriptorium/host/* requests with the sample vault's files.
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(chromiumPath);
if (!available) console.log(`browser worker test skipped: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).`);

function vaultFiles(root: string, dir = ''): { path: string; text: string }[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.')) return [];
    const relative = dir === '' ? entry.name : `${dir}/${entry.name}`;
    return entry.isDirectory() ? vaultFiles(root, relative) : [{ path: relative, text: readFileSync(path.join(root, relative), 'utf8') }];
  });
}

/** The page's globals this test uses (the project compiles without the DOM lib). */
interface PageGlobals {
  workerSource: string;
  Worker: new (url: string) => PageWorker;
}
interface PageWorker {
  onerror: ((event: { message: string }) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  postMessage(message: unknown): void;
}

/** Runs in the page: a minimal JSON-RPC client over postMessage, answering the worker's host requests. */
function pageScript(files: { path: string; text: string }[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const page = globalThis as unknown as PageGlobals;
    const worker = new page.Worker(URL.createObjectURL(new Blob([page.workerSource], { type: 'text/javascript' })));
    worker.onerror = (e) => reject(new Error(`worker error: ${e.message}`));
    const pending = new Map<number, (result: unknown) => void>();
    let nextId = 1;
    const request = (method: string, params: unknown) =>
      new Promise<unknown>((done) => {
        const id = nextId++;
        pending.set(id, done);
        worker.postMessage({ jsonrpc: '2.0', id, method, params });
      });
    const byPath = new Map(files.map((f) => [f.path, f.text]));
    const answers: Record<string, (params: { paths?: string[] }) => unknown> = {
      'scriptorium/host/listFiles': () => ({ paths: files.map((f) => f.path) }),
      'scriptorium/host/readFiles': (p) => ({ files: (p.paths ?? []).map((path) => (byPath.has(path) ? { path, text: byPath.get(path) } : { path })) }),
      'window/workDoneProgress/create': () => null,
      'client/registerCapability': () => null,
    };
    const started = performance.now();
    let initializeMs = 0;
    worker.onmessage = async (event) => {
      const message = event.data as { id?: number; method?: string; params?: { state?: string; files?: number }; result?: unknown; error?: unknown };
      if (message.method !== undefined && message.id !== undefined) {
        const answer = answers[message.method];
        worker.postMessage(answer ? { jsonrpc: '2.0', id: message.id, result: answer(message.params as { paths?: string[] }) } : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: 'not here' } });
        return;
      }
      if (message.method === 'scriptorium/status' && message.params?.state === 'ready') {
        const query = await request('scriptorium/taskQuery', { query: 'not done\nid includes launch' });
        const tree = await request('scriptorium/taskTree', {});
        worker.postMessage({ jsonrpc: '2.0', method: 'scriptorium/fileChanged', params: { path: 'Inbox.md', text: '- [ ] Pushed by the host 🆔 pushed\n' } });
        // Notifications and requests are handled in order, so the change is in before this answer.
        const pushed = await request('scriptorium/taskQuery', { query: 'id includes pushed' });
        const history = await request('scriptorium/taskHistory', { task: 'launch' });
        resolve({ initializeMs, files: message.params.files, query, tree, pushed, history });
        return;
      }
      if (message.id !== undefined && pending.has(message.id)) {
        pending.get(message.id)!(message.error ? { error: message.error } : message.result);
        pending.delete(message.id);
      }
    };
    void request('initialize', { processId: null, rootUri: 'app://vault', capabilities: { window: { workDoneProgress: true } }, initializationOptions: { today: '2026-11-23' } }).then((init) => {
      initializeMs = performance.now() - started;
      if (!(init as { capabilities?: unknown }).capabilities) reject(new Error(`initialize failed: ${JSON.stringify(init)}`));
      worker.postMessage({ jsonrpc: '2.0', method: 'initialized', params: {} });
    });
  });
}

describe.skipIf(!available)('the browser build in a Web Worker (headless Chromium)', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    // A real page on 127.0.0.1 with the CSP an Obsidian-like host needs for a Blob worker.
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; worker-src blob:" });
      res.end('<!doctype html><title>host</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('initializes, indexes the files its host sends, and answers task queries', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(origin);
    await page.evaluate((source) => ((globalThis as unknown as PageGlobals).workerSource = source), readFileSync(path.join(repoRoot, 'dist/server-browser.js'), 'utf8'));
    const files = vaultFiles(sampleVault);
    const result = (await page.evaluate(pageScript, files)) as {
      initializeMs: number;
      files: number;
      query: { groups: { tasks: { description: string; state: string; uri: string }[] }[] };
      tree: { files: { path: string }[] };
      pushed: { totalMatching: number };
      history: { error?: { code: number; message: string } };
    };
    expect(result.files).toBe(files.length);
    const tasks = result.query.groups.flatMap((g) => g.tasks);
    expect(tasks).toEqual([expect.objectContaining({ description: 'Launch', state: 'Blocked', uri: 'app://vault/Projects/Website%20relaunch.md' })]);
    expect(result.tree.files.map((f) => f.path)).toContain('src/deploy.ts');
    expect(result.pushed.totalMatching).toBe(1);
    // History needs the event log on disk: the browser build says so instead of failing obscurely.
    expect(result.history.error).toMatchObject({ code: 1002, message: expect.stringContaining('browser') });
    // Nothing went over the network but the page itself (the worker's own Blob URL is local).
    expect(requests.filter((url) => !url.startsWith('blob:'))).toEqual([origin]);
    console.log(`browser worker: initialize answered in ${result.initializeMs.toFixed(0)} ms`);
  });
});
