// Language-server figures over the wire (issue 6): the real dist/server.js over stdio on a
// generated vault, driven by a plain JSON-RPC client as an editor drives it. Run by bench.ts in
// a fresh process (`node dist/bench.js --lsp <vault>`), or alone on any folder.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { nodeServerFlags } from '../../shared-types/protocol.js';
import { seededRandom } from '../eval/linkEval.js';
import { latency, log, round } from './measure.js';

const SAMPLES = 60;

/** dist/server.js beside this bundle (dist/bench.js), or in the repo when run from source. */
function serverPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.basename(here) === 'dist' ? path.join(here, 'server.js') : path.resolve(here, '../../dist/server.js');
}

function rssMB(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? round(Number(kb) / 1024, 1) : null;
  } catch {
    return null;
  }
}

export async function benchLsp(dir: string, name: string) {
  const started = performance.now();
  // Started as the VS Code extension starts it (its V8 flags included).
  const child = spawn(process.execPath, [...nodeServerFlags, serverPath(), '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, SCRIPTORIUM_DEVICE: 'bench' } });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const root = pathToFileURL(dir).href.replace(/\/$/, '');
  const uri = (p: string) => `${root}/${p.split('/').map(encodeURIComponent).join('/')}`;
  let readyAt = 0;
  let warmedAt = 0;
  const ready = new Promise<void>((resolve) =>
    connection.onNotification('scriptorium/status', (p: { state: string }) => {
      if (p.state === 'ready') {
        readyAt = performance.now();
        resolve();
      }
    }),
  );
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    if (p.message.startsWith('warmed up')) warmedAt = performance.now();
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.onUnhandledProgress(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: root,
    workspaceFolders: [{ uri: root, name }],
    capabilities: { window: { workDoneProgress: true }, workspace: { diagnostics: { refreshSupport: true } } },
  });
  await connection.sendNotification('initialized', {});

  // While indexing and warming up: a cheap request in a loop, to see how long one waits behind the work.
  const probe = 'Probe.md';
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(probe), languageId: 'markdown', version: 1, text: '# Probe\n' } });
  const duringIndex: number[] = [];
  const duringWarmUp: number[] = [];
  let done = false;
  const prober = (async () => {
    while (!done) {
      const t = performance.now();
      await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: uri(probe) } });
      (readyAt === 0 ? duringIndex : duringWarmUp).push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 2));
    }
  })();
  await ready;
  const deadline = performance.now() + 120_000;
  while (warmedAt === 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  done = true;
  await prober;
  log(`${name}: ready after ${Math.round(readyAt - started)} ms, warmed up after ${Math.round(warmedAt - started)} ms`);

  const notes = (readdirSync(dir, { recursive: true }) as string[]).map((p) => p.split(path.sep).join('/')).filter((p) => p.endsWith('.md') && !p.startsWith('.')).sort();
  const random = seededRandom(5);
  const pick = () => notes[Math.floor(random() * notes.length)]!;
  const time = async (method: string, params: unknown) => {
    const t = performance.now();
    await connection.sendRequest(method, params);
    return performance.now() - t;
  };

  // `[[` completion: a paragraph of a real note, then `[[` and one to three letters typed.
  const completion: number[] = [];
  const completionFirst: number[] = [];
  const draft = 'Draft.md';
  for (let i = 0; i < SAMPLES; i++) {
    const source = readFileSync(path.join(dir, pick()), 'utf8').split('\n').filter((l) => l.length > 40 && !l.startsWith('- ['));
    const line = (source[Math.floor(random() * source.length)] ?? 'Some words about the project').slice(0, 160);
    const text = `${line} see [[`;
    await connection.sendNotification(i === 0 ? 'textDocument/didOpen' : 'textDocument/didChange', i === 0
      ? { textDocument: { uri: uri(draft), languageId: 'markdown', version: 1, text } }
      : { textDocument: { uri: uri(draft), version: i + 1 }, contentChanges: [{ text }] });
    const typed = 'abcdefghilmnoprst'[Math.floor(random() * 17)]!;
    completionFirst.push(await time('textDocument/completion', { textDocument: { uri: uri(draft) }, position: { line: 0, character: text.length } }));
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri: uri(draft), version: 1000 + i }, contentChanges: [{ text: `${text}${typed}` }] });
    completion.push(await time('textDocument/completion', { textDocument: { uri: uri(draft) }, position: { line: 0, character: text.length + 1 } }));
  }

  const relatedFirst = await time('scriptorium/relatedNotes', { uri: uri(pick()), limit: 10 });
  const related: number[] = [];
  for (let i = 0; i < SAMPLES; i++) related.push(await time('scriptorium/relatedNotes', { uri: uri(pick()), limit: 10 }));
  // Limited: the figure is the query, not the transport of 30,000 tasks.
  const queries = ['not done\nsort by due\nlimit 50', '(priority is high) OR (is blocked)\nlimit 50'];
  const taskQuery: number[] = [];
  for (let i = 0; i < SAMPLES; i++) taskQuery.push(await time('scriptorium/taskQuery', { query: queries[i % queries.length] }));
  const hover: number[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const note = pick();
    const lines = readFileSync(path.join(dir, note), 'utf8').split('\n');
    const at = Math.max(0, lines.findIndex((l) => l.includes('[[')));
    const character = Math.max(0, (lines[at] ?? '').indexOf('[[') + 3);
    hover.push(await time('textDocument/hover', { textDocument: { uri: uri(note) }, position: { line: at, character } }));
  }
  const rss = rssMB(child.pid!);
  await connection.sendRequest('shutdown').catch(() => undefined);
  await connection.sendNotification('exit').catch(() => undefined);
  connection.dispose();
  child.kill();
  return {
    name,
    notes: notes.length,
    readyMs: round(readyAt - started),
    warmedUpMs: round(warmedAt - started),
    cheapRequestWhileIndexingMs: latency(duringIndex),
    cheapRequestWhileWarmingUpMs: latency(duringWarmUp),
    completion: { measured: '`[[` + one letter, the paragraph already ranked or being ranked', ...latency(completion) },
    completionOnNewParagraph: { measured: '`[[` right after the paragraph changed', ...latency(completionFirst) },
    relatedNotes: { firstMs: round(relatedFirst), ...latency(related) },
    taskQuery: latency(taskQuery),
    hover: latency(hover),
    serverRssMB: rss,
  };
}
