import { TFile, type App } from 'obsidian';
import type { TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits } from './textEdits.js';
import { pathOfUri } from './uris.js';

/** Why `current` (the file's text right now) is not the text the edit was computed for; null when it is. */
export type EditCheck = (path: string, current: string) => string | null;

export interface ApplyEditResult {
  applied: boolean;
  failureReason?: string;
}

/**
 * Applies a server's WorkspaceEdit to vault files. Each file changes inside `vault.process`, so
 * the check and the write see the same text: if the user typed (and Obsidian saved) in between,
 * the check fails and the file is left exactly as it is — a stale edit is refused, never merged.
 * Every file is checked before any is written, so a refusal normally leaves all of them untouched.
 */
export async function applyWorkspaceEdit(app: App, edit: WorkspaceEdit, check: EditCheck, written: (path: string, text: string) => void): Promise<ApplyEditResult> {
  const perFile = editsByPath(edit);
  if ('error' in perFile) return { applied: false, failureReason: perFile.error };
  const files: { file: TFile; edits: TextEdit[] }[] = [];
  for (const [path, edits] of perFile) {
    const file = app.vault.getAbstractFileByPath(path);
    if (!(file instanceof TFile)) return { applied: false, failureReason: `${path} is not in the vault.` };
    const problem = check(path, await app.vault.read(file));
    if (problem) return { applied: false, failureReason: problem };
    files.push({ file, edits });
  }
  for (const { file, edits } of files) {
    let problem: string | null = null;
    await app.vault.process(file, (current) => {
      problem = check(file.path, current);
      if (problem) return current;
      const next = applyTextEdits(current, edits);
      written(file.path, next);
      return next;
    });
    if (problem) return { applied: false, failureReason: problem };
  }
  return { applied: true };
}

function editsByPath(edit: WorkspaceEdit): Map<string, TextEdit[]> | { error: string } {
  const out = new Map<string, TextEdit[]>();
  const add = (uri: string, edits: TextEdit[]): string | null => {
    const path = pathOfUri(uri);
    if (path === null) return `${uri} is not a vault file.`;
    out.set(path, [...(out.get(path) ?? []), ...edits]);
    return null;
  };
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change)) return { error: 'Scriptorium only applies text edits (no file creation, renaming or deletion).' };
    const documentEdit = change as TextDocumentEdit;
    const error = add(documentEdit.textDocument.uri, documentEdit.edits.filter((e): e is TextEdit => 'range' in e));
    if (error) return { error };
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    const error = add(uri, edits);
    if (error) return { error };
  }
  return out;
}
