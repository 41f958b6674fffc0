import { commentSyntaxFor } from '../code/commentSyntax.js';

export type FileKind = 'markdown' | 'code' | 'other';

const markdownExtensions = /\.(md|markdown)$/i;

/** Markdown notes are parsed as notes; source files only for their TODO comments. */
export function fileKindOf(path: string): FileKind {
  if (markdownExtensions.test(path)) return 'markdown';
  return commentSyntaxFor(path) ? 'code' : 'other';
}
