// The web entry (`browser`, VS Code for the Web): the language server's browser build runs in a
// Web Worker and cannot read a disk, so this side answers its `scriptorium/host/…` requests from
// vscode.workspace.fs and forwards file changes.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateScriptorium, type Scriptorium } from './activate.js';
import { registerBrowserHost } from './client/browserHost.js';

export async function activate(context: vscode.ExtensionContext): Promise<Scriptorium> {
  const worker = await serverWorker(vscode.Uri.joinPath(context.extensionUri, 'dist/server-browser.js'));
  // Documents of the workspace's own scheme (vscode-vfs, vscode-remote, …) and plain files.
  const schemes = [...new Set(['file', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)])];
  return activateScriptorium(
    context,
    (clientOptions) => {
      const client = new LanguageClient('scriptorium', 'Scriptorium', worker, clientOptions);
      // Host requests must be answerable before start() sends initialize.
      context.subscriptions.push(...registerBrowserHost(client, context));
      return client;
    },
    { documentSelector: schemes.map((scheme) => ({ scheme })) },
  );
}

/**
 * The server's worker. Its script is read through VS Code's file system and started from a Blob
 * URL: the extension's own URI may be one a Worker cannot load directly (vscode-remote, another
 * origin). Where that read fails, the URI is tried as it is.
 */
async function serverWorker(script: vscode.Uri): Promise<Worker> {
  try {
    const bytes = await vscode.workspace.fs.readFile(script);
    return new Worker(URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'text/javascript' })));
  } catch {
    return new Worker(script.toString(true));
  }
}

export function deactivate(): void {}
