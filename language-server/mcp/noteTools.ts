import { readFile } from 'node:fs/promises';
import { decodeNote } from '../../core/markdown/decode.js';
import { contentHash } from '../../core/text/hash.js';
import { noteLines } from '../../core/tasks/noteText.js';
import type { VersionedFileEdit } from '../../shared-types/index.js';
import type { AgentVault } from './agentVault.js';
import { resolveInsideWorkspace } from './safePaths.js';
import { refuse } from './toolRefusal.js';

/** Larger files are not handed to an agent (nor accepted from one). */
export const maxNoteBytes = 2 * 1024 * 1024;

/** The text of a file inside the workspace. */
export async function readNote(vault: AgentVault, requested: string, operation: 'read_note' | 'read_resource' = 'read_note'): Promise<{ path: string; text: string }> {
  vault.authorize(operation);
  const target = await resolveInsideWorkspace(vault.root, requested);
  if (!target.exists) refuse(`No file '${target.relative}' in this workspace.`);
  const bytes = await readFile(target.absolute);
  if (bytes.length > maxNoteBytes) refuse(`'${target.relative}' is ${(bytes.length / 1048576).toFixed(1)} MB; files over ${maxNoteBytes / 1048576} MB are not read.`);
  const decoded = decodeNote(new Uint8Array(bytes));
  if (decoded.problem?.code === 'binary-file') refuse(`'${target.relative}' is a binary file, not text.`);
  return { path: target.relative, text: decoded.text };
}

/** Creates or replaces a file (atomically), within the role's file_write capability and restrictions. */
export function writeNote(vault: AgentVault, requested: string, content: string) {
  return vault.change('write_note', async () => {
    vault.authorize('write_note');
    const target = await resolveInsideWorkspace(vault.root, requested);
    if (vault.isProtected(target.relative)) refuse(`Refused: '${target.relative}' is a role definition or the task history; agents cannot change those.`);
    if (typeof content !== 'string') refuse('content must be text.');
    if (Buffer.byteLength(content) > maxNoteBytes) refuse(`Refused: content over ${maxNoteBytes / 1048576} MB.`);
    let before = '';
    if (target.exists) {
      const decoded = decodeNote(new Uint8Array(await readFile(target.absolute)));
      if (decoded.problem?.code === 'binary-file') refuse(`Refused: '${target.relative}' is a binary file.`);
      before = decoded.text;
    }
    const lines = noteLines(before);
    const last = lines[lines.length - 1]!;
    const edit: VersionedFileEdit = {
      path: target.relative,
      version: contentHash(before),
      edits: before === content ? [] : [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: last.text.length } }, newText: content }],
    };
    const effects = { writes: [target.relative], ...(target.exists ? {} : { creates: [target.relative] }) };
    return { edits: [edit], effects, result: { path: target.relative, created: !target.exists, bytes: Buffer.byteLength(content) } };
  });
}

/** Notes (markdown) of the workspace as resource URIs: `scriptorium://note/<path, each segment URI-encoded>`. */
export function noteUri(path: string): string {
  return `scriptorium://note/${path.split('/').map(encodeURIComponent).join('/')}`;
}

export function pathOfNoteUri(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value.join('/') : (value ?? '');
  try {
    return raw.split('/').map(decodeURIComponent).join('/');
  } catch {
    refuse(`'${raw}' is not a valid note URI path.`);
  }
}
