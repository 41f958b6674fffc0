// The desktop entry (`main`): the language server runs as a node process the client forks and
// speaks to over IPC. The server bundle ships inside the extension as dist/server.mjs.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { nodeServerFlags } from '../../shared-types/protocol.js';
import { activateScriptorium, type Scriptorium } from './activate.js';
import { runSelfTest, selfTestOutput } from './selfTest.js';

export async function activate(context: vscode.ExtensionContext): Promise<Scriptorium> {
  const module = context.asAbsolutePath('dist/server.mjs');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...nodeServerFlags] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...nodeServerFlags, '--nolazy', '--inspect=6009'] } },
  };
  const scriptorium = await activateScriptorium(context, (clientOptions) => new LanguageClient('scriptorium', 'Scriptorium', serverOptions, clientOptions));
  const output = selfTestOutput();
  if (output) void runSelfTest(scriptorium, output);
  return scriptorium;
}

export function deactivate(): void {
  // The client is stopped by its disposable in context.subscriptions.
}
