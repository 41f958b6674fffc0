import type { Position } from 'vscode-languageserver';
import type { OutgoingLink } from '../../../core/links/linkIndex.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { contains } from './documents.js';

/** The link under a position in a note (body or frontmatter), resolved; null when there is none. */
export function linkAt(workspace: Workspace, path: string, position: Position): OutgoingLink | null {
  for (const outgoing of workspace.linkIndex().outgoing(path)) if (contains(outgoing.link.range, position)) return outgoing;
  return null;
}

/** Every link in the workspace whose source and outgoing entry satisfy `keep`, in path order. */
export function linksWhere(
  workspace: Workspace,
  sources: Iterable<string>,
  keep: (outgoing: OutgoingLink, source: string) => boolean,
): Array<{ source: string; outgoing: OutgoingLink }> {
  const out: Array<{ source: string; outgoing: OutgoingLink }> = [];
  const index = workspace.linkIndex();
  for (const source of [...sources].sort()) {
    for (const outgoing of index.outgoing(source)) if (keep(outgoing, source)) out.push({ source, outgoing });
  }
  return out;
}

/** The sources holding links to `path` (itself included when it links to itself). */
export function linkingSources(workspace: Workspace, path: string): string[] {
  return [...workspace.linkIndex().backlinks(path).keys()];
}

/** Every link resolving to `path`, across the workspace. */
export function linksTo(workspace: Workspace, path: string): Array<{ source: string; outgoing: OutgoingLink }> {
  return linksWhere(workspace, linkingSources(workspace, path), (o) => o.target === path);
}

/** Links left unresolved that name the same target (case-insensitively), across the workspace. */
export function unresolvedLinksNamed(workspace: Workspace, target: string): Array<{ source: string; outgoing: OutgoingLink }> {
  const wanted = target.toLowerCase();
  const index = workspace.linkIndex();
  const sources = index.sourcePaths().filter((p) => [...index.unresolvedOf(p).keys()].some((t) => t.toLowerCase() === wanted));
  return linksWhere(workspace, sources, (o) => o.target === null && o.link.target.toLowerCase() === wanted);
}
