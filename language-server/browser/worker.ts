// The browser build of the language server, run in a Web Worker (Obsidian, VS Code for the Web).
// The worker's host speaks to it with postMessage; files come from the host (see browserHost.ts).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from '../server/startServer.js';
import { createBrowserHost } from './browserHost.js';
import { loadInlinedSqlJs } from './sqlJs.js';

// The worker's global scope; the project compiles without the DOM/WebWorker libs, so it is declared here.
declare const self: unknown;

const connection = createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self));
startServer(connection, createBrowserHost(connection, { sql: loadInlinedSqlJs }));
