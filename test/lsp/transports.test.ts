import { fork, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult } from 'vscode-languageserver-protocol';
import type { TaskQueryResult } from '../../shared-types/protocol.js';
import { copyOfVault, repoRoot, sampleVault } from '../cli/runCli.js';

const vault = copyOfVault(sampleVault);
afterAll(() => rmSync(vault, { recursive: true, force: true }));

/** initialize, wait for indexing, one task query: enough to know the transport carries the protocol both ways. */
async function exercise(connection: MessageConnection): Promise<void> {
  const ready = new Promise<void>((resolve) =>
    connection.onNotification('scriptorium/status', (p: { state: string }) => {
      if (p.state === 'ready') resolve();
    }),
  );
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const init = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: pathToFileURL(vault).href, capabilities: {} });
  expect(init.serverInfo?.name).toBe('scriptorium');
  await connection.sendNotification('initialized', {});
  await ready;
  const result = await connection.sendRequest<TaskQueryResult>('scriptorium/taskQuery', { query: 'id includes launch' });
  expect(result.groups.flatMap((g) => g.tasks).map((t) => t.description)).toEqual(['Launch']);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
}

function exited(child: { exitCode: number | null; once(event: 'exit', cb: (code: number | null) => void): unknown }): Promise<number | null> {
  return child.exitCode !== null ? Promise.resolve(child.exitCode) : new Promise((resolve) => child.once('exit', resolve));
}

describe('transports', () => {
  it('dist/server.js speaks over node IPC, as vscode-languageclient forks it', async () => {
    const child = fork(path.join(repoRoot, 'dist/server.js'), ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    await exercise(connection);
    expect(await exited(child)).toBe(0);
    connection.dispose();
  });

  it('`scriptorium serve --stdio` runs the same server from the CLI', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'serve', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    await exercise(connection);
    expect(await exited(child)).toBe(0);
    connection.dispose();
  });

  it('`scriptorium serve` without a transport says what it needs', async () => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/cli.js'), 'serve'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    expect(await exited(child)).toBe(2);
    expect(stderr).toContain('serve: expected --stdio');
  });
});
