import type { Position, Range } from 'vscode-languageserver';
import type { ParsedNote } from '../../../core/markdown/types.js';
import type { WorkspaceFile } from '../../../core/workspace/workspace.js';
import type { FeatureContext } from '../../server/featureContext.js';

/** The workspace file behind a document URI, or null when the URI is outside the workspace or unknown. */
export function fileAt(context: FeatureContext, uri: string): WorkspaceFile | null {
  const path = context.pathOf(uri);
  if (path === null) return null;
  return context.workspace().file(path) ?? null;
}

/** The parsed note behind a document URI, or null for code, other files and unknown URIs. */
export function noteAt(context: FeatureContext, uri: string): { file: WorkspaceFile; note: ParsedNote } | null {
  const file = fileAt(context, uri);
  return file?.note ? { file, note: file.note } : null;
}

/** True when `position` lies within `range`, both ends included (a cursor right after `]]` still counts). */
export function contains(range: Range, position: Position): boolean {
  if (position.line < range.start.line || position.line > range.end.line) return false;
  if (position.line === range.start.line && position.character < range.start.character) return false;
  if (position.line === range.end.line && position.character > range.end.character) return false;
  return true;
}

export function overlaps(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** The note's text as one string offset → position (and back), for ranges inside links that may span lines. */
export { positionAt as positionOfOffset, offsetAt as offsetOfPosition } from '../../../core/text/lines.js';

/** The note's name as Obsidian shows it: the file name without `.md`. */
export function noteTitle(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name.replace(/\.md$/i, '');
}
