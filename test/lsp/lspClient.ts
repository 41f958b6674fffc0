import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ApplyWorkspaceEditParams, ApplyWorkspaceEditResult, InitializeResult, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { afterAll, beforeAll } from 'vitest';
import { copyOfVault, repoRoot } from '../cli/runCli.js';

export interface Notification {
  method: string;
  params: unknown;
}

export interface StartOptions {
  /** Extra `initializationOptions`. */
  initializationOptions?: Record<string, unknown>;
  /** Answer `workspace/configuration` with this `scriptorium` section (the client then claims configuration support). */
  configuration?: Record<string, unknown>;
  /** Command line: default `node dist/server.js --stdio`. */
  args?: string[];
}

/**
 * A plain JSON-RPC client driving the real server process over stdio, the way an editor does:
 * it keeps its open documents in memory, applies `workspace/applyEdit` to them (refusing an edit
 * whose version is not the document's), and records every notification.
 */
export class LspClient {
  readonly notifications: Notification[] = [];
  readonly documents = new Map<string, TextDocument>();
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly stderr: string[] = [];
  initializeResult: InitializeResult | null = null;
  private waiters: { test: (n: Notification) => boolean; resolve: (n: Notification) => void }[] = [];

  private constructor(
    readonly root: string,
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
  ) {}

  static async start(root: string, options: StartOptions = {}): Promise<LspClient> {
    const args = options.args ?? [path.join(repoRoot, 'dist/server.js'), '--stdio'];
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SCRIPTORIUM_DEVICE: 'test-device' } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(root, child, connection);
    child.stderr!.on('data', (chunk: Buffer) => client.stderr.push(chunk.toString()));
    connection.onNotification((method, params) => client.record({ method, params }));
    // vscode-jsonrpc routes $/progress to progress handlers by token; the client here has none.
    connection.onUnhandledProgress((params) => client.record({ method: '$/progress', params }));
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => options.configuration ?? null));
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => client.applyEdit(params));
    connection.listen();
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: client.uri(''),
      workspaceFolders: [{ uri: client.uri(''), name: path.basename(root) }],
      initializationOptions: { today: '2026-11-23', ...options.initializationOptions },
      capabilities: {
        window: { workDoneProgress: true },
        workspace: {
          applyEdit: true,
          workspaceEdit: { documentChanges: true },
          configuration: options.configuration !== undefined,
          didChangeWatchedFiles: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
        },
        textDocument: { synchronization: { dynamicRegistration: false }, diagnostic: { dynamicRegistration: false } },
      },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  uri(relative: string): string {
    const base = pathToFileURL(this.root).href.replace(/\/$/, '');
    return relative === '' ? base : `${base}/${relative.split('/').map(encodeURIComponent).join('/')}`;
  }

  request<R>(method: string, params?: unknown, token?: CancellationTokenSource): Promise<R> {
    return token ? this.connection.sendRequest<R>(method, params, token.token) : this.connection.sendRequest<R>(method, params);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Resolves with the first notification (already received or coming) that passes `test`. */
  waitFor(method: string, test: (params: unknown) => boolean = () => true, after = 0): Promise<Notification> {
    const matches = (n: Notification) => n.method === method && test(n.params);
    const seen = this.notifications.slice(after).find(matches);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test: matches, resolve }));
  }

  /** Waits until indexing has finished (the server's `scriptorium/status` ready). */
  ready(): Promise<Notification> {
    return this.waitFor('scriptorium/status', (p) => (p as { state: string }).state === 'ready');
  }

  async open(relative: string, text = readFileSync(path.join(this.root, relative), 'utf8')): Promise<TextDocument> {
    const document = TextDocument.create(this.uri(relative), 'markdown', 1, text);
    this.documents.set(document.uri, document);
    await this.notify('textDocument/didOpen', { textDocument: { uri: document.uri, languageId: 'markdown', version: 1, text } });
    return document;
  }

  /** Replaces one whole line (zero-based) with an incremental change, as an editor sends keystrokes. */
  async editLine(relative: string, line: number, newText: string): Promise<TextDocument> {
    const uri = this.uri(relative);
    const current = this.documents.get(uri)!;
    const range = { start: { line, character: 0 }, end: { line, character: current.getText().split('\n')[line]!.length } };
    const next = TextDocument.update(current, [{ range, text: newText }], current.version + 1);
    this.documents.set(uri, next);
    await this.notify('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: [{ range, text: newText }] });
    return next;
  }

  async close(relative: string): Promise<void> {
    const uri = this.uri(relative);
    this.documents.delete(uri);
    await this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  textOf(relative: string): string {
    return this.documents.get(this.uri(relative))?.getText() ?? readFileSync(path.join(this.root, relative), 'utf8');
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      await this.notify('exit', undefined);
    } catch {
      // already gone
    }
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        this.process.kill();
        resolve();
      }, 3000);
      this.process.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    this.connection.dispose();
  }

  private record(n: Notification): void {
    this.notifications.push(n);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(n)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(n);
      }
    }
  }

  /** An editor's answer to `workspace/applyEdit`: every document at the version the edit names, or nothing. */
  private async applyEdit(params: ApplyWorkspaceEditParams): Promise<ApplyWorkspaceEditResult> {
    this.applied.push(params);
    const changes = (params.edit.documentChanges ?? []) as TextDocumentEdit[];
    for (const change of changes) {
      const open = this.documents.get(change.textDocument.uri);
      if (open && change.textDocument.version !== null && change.textDocument.version !== open.version)
        return { applied: false, failureReason: `version ${change.textDocument.version} is not ${open.version}` };
    }
    for (const change of changes) {
      const uri = change.textDocument.uri;
      const open = this.documents.get(uri);
      if (open) {
        // A WorkspaceEdit's edits all refer to the text before it; didChange changes apply one after another, so send the result whole.
        const text = TextDocument.applyEdits(open, change.edits as TextEdit[]);
        const next = TextDocument.update(open, [{ text }], open.version + 1);
        this.documents.set(uri, next);
        await this.notify('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: [{ text }] });
      } else {
        const file = new URL(uri);
        const before = TextDocument.create(uri, 'markdown', 0, readFileSync(file, 'utf8'));
        writeFileSync(file, TextDocument.applyEdits(before, change.edits as TextEdit[]));
      }
    }
    return { applied: true };
  }
}

/**
 * For a describe block: the real server on a throwaway copy of `source`, started (and indexed)
 * before its tests, stopped and the copy removed after. Read `client` and `vault` inside tests.
 */
export function serverOnCopyOf(source: string): { readonly client: LspClient; readonly vault: string } {
  let started: { client: LspClient; vault: string } | null = null;
  beforeAll(async () => {
    const vault = copyOfVault(source);
    const client = await LspClient.start(vault);
    started = { client, vault };
    await client.ready();
  });
  afterAll(async () => {
    if (!started) return;
    await started.client.stop();
    rmSync(started.vault, { recursive: true, force: true });
  });
  const current = () => {
    if (!started) throw new Error('serverOnCopyOf: read the server inside a test, after beforeAll');
    return started;
  };
  return {
    get client() {
      return current().client;
    },
    get vault() {
      return current().vault;
    },
  };
}
