import type { Workspace } from '../../../core/workspace/workspace.js';
import { UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';
import { openSearch, parseLimit } from './searchSupport.js';

/** `related <dir> <note> [--section <heading>] [--limit N] [--json] [--embeddings <spec> [--store <dir>]]` */
export async function relatedCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('related', args, {
    limit: { type: 'string' },
    section: { type: 'string' },
    json: { type: 'boolean' },
    embeddings: { type: 'string' },
    store: { type: 'string' },
  });
  const [dir, name, ...extra] = positionals;
  if (!dir || !name || extra.length > 0) throw new UserError('related: expected a directory and a note, e.g. scriptorium related ./vault "Website relaunch"');
  const limit = parseLimit('related', values.limit);
  const { service, workspace, close } = await openSearch(dir, { embeddings: values.embeddings, store: values.store });
  try {
    const note = findNote(workspace, name);
    if (note === null) throw new UserError(`related: no note named "${name}" in ${dir} (give a vault path or a name as in a wikilink).`);
    if (values.section !== undefined && !service.hasSection(note, values.section)) throw new UserError(`related: ${note} has no heading "${values.section}".`);
    const related = await service.related(note, { limit, ...(values.section !== undefined ? { section: values.section } : {}) });
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ note, related })}\n`);
      return 0;
    }
    const lines = [`Related to ${note}${values.section ? ` § ${values.section}` : ''}:`];
    if (related.length === 0) lines.push('  (nothing related found)');
    for (const r of related) lines.push(`  ${r.score.toFixed(3)}  ${r.path}${r.why ? `\n         ${r.why}` : ''}`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    await close();
  }
}

/** A vault path (with or without `.md`) or a name resolved like a wikilink from the vault root; null unless a note. */
function findNote(workspace: Workspace, name: string): string | null {
  let text = name.trim();
  if (text.startsWith('[[') && text.endsWith(']]')) text = text.slice(2, -2).split('|')[0]!;
  const path = workspace.linkIndex().resolve(text, '');
  return path !== null && workspace.file(path)?.note ? path : null;
}
