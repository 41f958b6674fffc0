import type { Link, ParsedNote } from '../markdown/types.js';
import { canvasLinks } from './canvasLinks.js';
import { frontmatterLinks } from './frontmatterLinks.js';

/** What the link index needs to know of a workspace file. */
export interface LinkSourceFile {
  path: string;
  text: string;
  note: ParsedNote | null;
  /** The links, when already known (a note restored from the store): they are used as they are. */
  knownLinks?: Link[] | null;
  /**
   * The targets of `knownLinks`, in order, when they are known without making the links (a
   * restored note makes its links only when something reads them).
   */
  knownLinkTargets?: readonly string[];
}

const canvasExtension = /\.canvas$/i;

/**
 * The links a file holds, as Obsidian's metadata cache counts them: a note's body links and
 * embeds plus its frontmatter links, a canvas's cards; null for a file that cannot hold links
 * (an image, a PDF, source code): it is only ever a target. External URLs are not links.
 */
export function linksOfFile(file: LinkSourceFile): Link[] | null {
  if (file.knownLinks !== undefined) return file.knownLinks;
  if (file.note) {
    const body = file.note.links.filter((l) => !l.external);
    const fm = frontmatterLinks(file.note);
    return fm.length === 0 ? body : [...fm, ...body];
  }
  if (canvasExtension.test(file.path)) return canvasLinks(file.text).filter((l) => !l.external);
  return null;
}
