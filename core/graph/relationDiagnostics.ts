import type { Diagnostic } from '../../shared-types/index.js';
import type { LinkIndex } from '../links/linkIndex.js';
import { relationsOfNote } from './relations.js';
import { type GraphFile, RELATION_NAMES } from './types.js';

/**
 * Typed-relation problems, per note in path order:
 * - `unresolved-relation` (warning): a relation whose link names no note or file. It stands in
 *   for the `unresolved-link` warning of the same link (the workspace keeps only this one).
 * - `unknown-relation` (warning): an inline field or property holding a link whose name is a
 *   likely typo of a relation name (`implemnts:: [[Spec]]`); other unknown names are someone
 *   else's fields (Dataview's `author:: [[X]]`) and are left alone.
 */
export function relationDiagnostics(files: Iterable<GraphFile>, links: LinkIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const file of files) {
    if (!file.note) continue;
    const outgoing = links.outgoing(file.path);
    if (outgoing.length === 0) continue;
    const { relations, typos } = relationsOfNote(file.note, outgoing.map((o) => o.link));
    for (const { link, target } of outgoing) {
      const relation = relations.get(link);
      if (!relation || target !== null) continue;
      out.push({
        path: file.path,
        range: link.range,
        severity: 'warning',
        code: 'unresolved-relation',
        message: `Unresolved relation: "${relation}" names "${link.target}", which is no note or file. To fix it, ${createHint(link.target)} or correct the link's name.`,
      });
    }
    for (const typo of typos) {
      out.push({
        path: file.path,
        range: typo.range,
        severity: 'warning',
        code: 'unknown-relation',
        message: `Unknown relation "${typo.name}": did you mean "${typo.suggestion}"? Relations are ${RELATION_NAMES.join(', ')}.`,
      });
    }
  }
  return out;
}

function createHint(name: string): string {
  return /\.[A-Za-z0-9]{1,8}$/.test(name) ? `add the file "${name}"` : `create the note "${name}.md"`;
}
