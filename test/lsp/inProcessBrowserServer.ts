import { PassThrough } from 'node:stream';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createConnection, type Connection } from 'vscode-languageserver/node';
import { createBrowserHost, type BrowserHostOptions } from '../../language-server/browser/browserHost.js';
import { loadSqlJs } from '../../language-server/node/sqlJs.js';
import { startServer } from '../../language-server/server/startServer.js';

/**
 * The real server with the browser build's host (real sql.js), over in-process streams: `client`
 * plays the editor, answering the host requests as a test's editor does.
 */
export function inProcessBrowserServer(options: Omit<BrowserHostOptions, 'sql'> = {}): { server: Connection; client: MessageConnection } {
  const up = new PassThrough();
  const down = new PassThrough();
  const server = createConnection(new StreamMessageReader(up), new StreamMessageWriter(down));
  startServer(server, createBrowserHost(server, { ...options, sql: loadSqlJs }));
  const client = createMessageConnection(new StreamMessageReader(down), new StreamMessageWriter(up));
  return { server, client };
}
