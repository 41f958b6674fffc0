// The node build of the language server: `scriptorium serve --stdio`, or dist/server.js forked by an
// editor over IPC (esbuild.config.mjs makes that bundle's entry call runNodeServer). createConnection
// picks the transport from argv (--stdio, --node-ipc, --socket=N, --pipe=NAME).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import type { HostFileContent, ServerHost } from '../server/host.js';
import { startServer, type ServerOptions } from '../server/startServer.js';
import { backgroundTurn } from '../server/yieldNow.js';
import { embeddingProviderFromSpec, openEmbeddingStore } from './embeddings.js';
import { readHiddenRoleFiles } from './loadRoles.js';
import { defaultStoreFolder } from './openHistory.js';
import { listWorkspaceFiles, readCapped } from './readWorkspaceFiles.js';
import { ServerHistory } from './serverHistory.js';

/** Files on disk below the workspace folder. Watching is the client's job (workspace/didChangeWatchedFiles). */
export function createNodeHost(log: (line: string) => void = (line) => process.stderr.write(`scriptorium: ${line}\n`)): ServerHost {
  let root: string | null = null;
  let history: ServerHistory | null = null;
  return {
    name: 'node',
    async open(rootUri) {
      root = rootUri === null ? null : folderOf(rootUri);
      history = root === null ? null : new ServerHistory(root, log);
      if (root === null && rootUri !== null) log(`the workspace ${rootUri} is not a file: URI; no files are indexed.`);
    },
    async listFiles() {
      if (root === null) return [];
      // Background turns between folders: the first requests arrive while the folder is listed.
      return (await listWorkspaceFiles(root, () => true, backgroundTurn)).map((f) => f.path);
    },
    async readFile(relative) {
      return root === null ? { kind: 'missing' } : readOne(path.join(root, relative));
    },
    // Synchronous reads, one batch per call: ~10x faster than the promise API for small files, and
    // the server yields between batches, so requests still get their turn.
    async readFiles(paths) {
      return paths.map((relative) => (root === null ? { kind: 'missing' } : readOne(path.join(root, relative))));
    },
    async taskHistory(params) {
      return history === null ? { events: [], lineText: null } : history.read(params);
    },
    async recordTaskEdits(edits, applied) {
      if (history === null || edits.length === 0) return;
      await history.record(edits, applied).catch((error: unknown) => log(`warning: the task history could not be recorded (${error instanceof Error ? error.message : String(error)})`));
    },
    async readRoleFiles() {
      return root === null ? [] : readHiddenRoleFiles(root);
    },
    // A relative `local:` folder is read from the vault.
    embeddingProvider: (spec) => embeddingProviderFromSpec(spec, root ?? process.cwd()),
    // The store the task history keeps beside the vault; its cache is merged in on save, never overwritten.
    embeddingStore: async () => (root === null ? null : openEmbeddingStore(path.join(root, defaultStoreFolder), log)),
    log,
  };
}

function folderOf(uri: string): string | null {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : null;
  } catch {
    return null;
  }
}

function readOne(absolute: string): HostFileContent {
  try {
    const read = readCapped(absolute);
    return 'bytes' in read ? { kind: 'bytes', bytes: read.bytes } : { kind: 'tooLarge', size: read.tooLarge };
  } catch {
    return { kind: 'missing' };
  }
}

/** Starts the server on this process's transport. */
export function runNodeServer(options?: ServerOptions): void {
  const connection = createConnection(ProposedFeatures.all);
  const log = (line: string) => connection.console.log(line);
  // A bug in one handler must not take the server down with every open editor: log and go on.
  process.on('uncaughtException', (error) => log(`uncaught: ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log(`unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  startServer(connection, createNodeHost(log), options);
}

