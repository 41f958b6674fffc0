import type { Diagnostic } from '../../shared-types/index.js';
import type { LinkIndex } from './linkIndex.js';

/** The `unresolved-link` warnings of one source file. */
export function unresolvedLinkDiagnosticsOf(index: LinkIndex, path: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (index.unresolvedOf(path).size === 0) return out;
  for (const { link, target } of index.outgoing(path)) {
    if (target !== null) continue;
    out.push({ path, range: link.range, severity: 'warning', code: 'unresolved-link', message: unresolvedMessage(link.target) });
  }
  return out;
}

export function unresolvedMessage(name: string): string {
  const hasExtension = /\.[A-Za-z0-9]{1,8}$/.test(name);
  const create = hasExtension ? `add the file "${name}"` : `create the note "${name}.md"`;
  return `Unresolved link: no note or file is named "${name}". To fix it, ${create} or correct the link's name.`;
}
