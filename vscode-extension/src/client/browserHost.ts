import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ScriptoriumHostNotification,
  ScriptoriumHostRequest,
  type FileChangedParams,
  type HostListFilesResult,
  type HostReadFilesParams,
  type HostReadFilesResult,
} from '../../../shared-types/protocol.js';
import { registerHistoryHost, type HistoryHostContext } from './historyHost.js';

/** Files above this size are not sent to the worker (the node server skips them the same way). */
const maxBytes = 5 * 1024 * 1024;

/**
 * The editor's side of the browser server's host protocol: the workspace's files come from
 * vscode.workspace (which works for virtual file systems too), changes are pushed as notifications,
 * the task history's store, log and device name are answered by historyHost.ts.
 */
export function registerBrowserHost(client: BaseLanguageClient, context: HistoryHostContext): vscode.Disposable[] {
  const root = () => vscode.workspace.workspaceFolders?.[0]?.uri;
  const relative = (uri: vscode.Uri): string | null => {
    const base = root();
    if (!base || uri.scheme !== base.scheme || uri.authority !== base.authority) return null;
    const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
    return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : null;
  };
  const decoder = new TextDecoder();
  const read = async (path: string): Promise<{ path: string; text?: string }> => {
    const base = root();
    if (!base) return { path };
    try {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(base, path));
      return bytes.byteLength > maxBytes ? { path } : { path, text: decoder.decode(bytes) };
    } catch {
      return { path };
    }
  };

  const disposables: vscode.Disposable[] = [
    client.onRequest(ScriptoriumHostRequest.listFiles, async (): Promise<HostListFilesResult> => {
      const uris = await vscode.workspace.findFiles('**/*', '**/{node_modules,.git}/**');
      return { paths: uris.map(relative).filter((p): p is string => p !== null).sort() };
    }),
    client.onRequest(ScriptoriumHostRequest.readFiles, async (params: HostReadFilesParams): Promise<HostReadFilesResult> => ({
      files: await Promise.all((params?.paths ?? []).map(read)),
    })),
    ...registerHistoryHost(client, context, root),
  ];

  // Changes before the server runs are not lost: it lists and reads every file when it starts.
  const notify = (method: string, params: object) => {
    if (client.isRunning()) client.sendNotification(method, params).catch(() => undefined);
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  // The path alone: the server asks for the content of the files it reads (notes, code) and
  // never for the rest (images, the history log this host appends to, which would otherwise
  // come back whole after every task edit).
  const changed = (uri: vscode.Uri) => {
    const path = relative(uri);
    if (path === null) return;
    const params: FileChangedParams = { path };
    notify(ScriptoriumHostNotification.fileChanged, params);
  };
  disposables.push(
    watcher,
    watcher.onDidCreate(changed),
    watcher.onDidChange(changed),
    watcher.onDidDelete((uri) => {
      const path = relative(uri);
      if (path !== null) notify(ScriptoriumHostNotification.fileDeleted, { path });
    }),
    vscode.workspace.onDidRenameFiles((event) => {
      for (const file of event.files) {
        const from = relative(file.oldUri);
        const to = relative(file.newUri);
        if (from !== null && to !== null) notify(ScriptoriumHostNotification.fileRenamed, { from, to });
      }
    }),
  );
  return disposables;
}
