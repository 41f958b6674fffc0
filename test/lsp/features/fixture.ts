import { Workspace } from '../../../core/workspace/workspace.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import type { FeatureContext } from '../../../language-server/server/featureContext.js';

const root = 'file:///vault/';

/** An in-memory workspace and the FeatureContext a server would give providers, on file:///vault/ URIs. */
export interface Fixture {
  workspace: Workspace;
  context: FeatureContext;
  uri(path: string): string;
  /** Marks a document open at a client version (documentVersion then returns it). */
  open(path: string, version: number): void;
}

export function fixture(files: Record<string, string>): Fixture {
  const workspace = new Workspace(defaultTaskSettings());
  for (const [path, text] of Object.entries(files)) workspace.setText(path, text);
  const versions = new Map<string, number>();
  const uri = (path: string) => root + path.split('/').map(encodeURIComponent).join('/');
  const context: FeatureContext = {
    workspace: () => workspace,
    pathOf: (u) => (u.startsWith(root) ? u.slice(root.length).split('/').map(decodeURIComponent).join('/') : null),
    uriOf: uri,
    documentVersion: (u) => versions.get(u) ?? null,
  };
  return { workspace, context, uri, open: (path, version) => versions.set(uri(path), version) };
}

/**
 * Splits a text holding one `|` cursor marker into the text and the cursor's position (UTF-16).
 * Use `‸` when the text itself needs a `|`.
 */
export function cursor(textWithCursor: string, marker = '‸'): { text: string; line: number; character: number } {
  const at = textWithCursor.indexOf(marker);
  if (at < 0) throw new Error('no cursor marker');
  const text = textWithCursor.slice(0, at) + textWithCursor.slice(at + marker.length);
  const before = textWithCursor.slice(0, at).split(/\r\n|\r|\n/);
  return { text, line: before.length - 1, character: before[before.length - 1]!.length };
}

import { applyEdits } from '../../../core/tasks/edits.js';
import type { WorkspaceEdit } from 'vscode-languageserver';

/**
 * Applies a WorkspaceEdit to the fixture's files the way a client would (text edits against the
 * current text, then file operations in order) and returns every file's text by path.
 */
export function applyWorkspaceEdit(f: Fixture, edit: WorkspaceEdit): Record<string, string> {
  const files = new Map<string, string>();
  for (const file of f.workspace.files()) files.set(file.path, file.text);
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const path = (u: string) => f.context.pathOf(u)!;
      if (change.kind === 'create') {
        if (!files.has(path(change.uri))) files.set(path(change.uri), '');
      } else if (change.kind === 'rename') {
        const from = path(change.oldUri);
        if (!files.has(from)) throw new Error(`rename of a missing file ${from}`);
        if (files.has(path(change.newUri))) throw new Error(`rename onto an existing file ${path(change.newUri)}`);
        files.set(path(change.newUri), files.get(from)!);
        files.delete(from);
      } else {
        files.delete(path(change.uri));
      }
    } else {
      const path = f.context.pathOf(change.textDocument.uri)!;
      // Providers never send snippet edits; a snippet here would be a bug worth failing on.
      const edits = change.edits.map((e) => {
        if ('snippet' in e) throw new Error('unexpected snippet edit');
        return e;
      });
      files.set(path, applyEdits(files.get(path) ?? '', edits));
    }
  }
  return Object.fromEntries([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}
