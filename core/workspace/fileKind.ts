import { commentSyntaxFor } from '../code/commentSyntax.js';

export type FileKind = 'markdown' | 'canvas' | 'code' | 'other';

const markdownExtensions = /\.(md|markdown)$/i;

/**
 * Markdown notes are parsed as notes; source files only for their TODO comments; Obsidian
 * canvases (JSON) are read for the links on their cards; any other file (images, PDFs, …) is
 * known by its path only, as a link target.
 */
export function fileKindOf(path: string): FileKind {
  if (markdownExtensions.test(path)) return 'markdown';
  if (/\.canvas$/i.test(path)) return 'canvas';
  return commentSyntaxFor(path) ? 'code' : 'other';
}
