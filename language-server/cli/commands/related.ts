import { resolveLinkTarget } from '../../../core/links/resolveLinkTarget.js';
import { VaultFiles } from '../../../core/links/vaultFiles.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { embeddingProviderFromSpec } from '../../node/embeddings.js';
import { SearchService } from '../../../core/search/searchService.js';
import { parseCommandArgs } from '../args.js';
import { parseLimit } from './searchSupport.js';

/** `related <dir> <note> [--section <heading>] [--limit N] [--json] [--embeddings <spec>]` */
export async function relatedCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('related', args, {
    limit: { type: 'string' },
    section: { type: 'string' },
    json: { type: 'boolean' },
    embeddings: { type: 'string' },
  });
  const [dir, name, ...extra] = positionals;
  if (!dir || !name || extra.length > 0) throw new UserError('related: expected a directory and a note, e.g. scriptorium related ./vault "Website relaunch"');
  const limit = parseLimit('related', values.limit);
  const workspace = await loadWorkspace(dir);
  const note = findNote(workspace.files(), name);
  if (note === null) throw new UserError(`related: no note named "${name}" in ${dir} (give a vault path or a name as in a wikilink).`);
  const provider = values.embeddings === undefined ? null : await embeddingProviderFromSpec(values.embeddings, dir);
  const service = new SearchService(workspace, provider ? { embeddings: provider } : {});
  if (values.section !== undefined && !service.hasSection(note.path, values.section)) throw new UserError(`related: ${note.path} has no heading "${values.section}".`);
  const related = await service.related(note.path, { limit, ...(values.section !== undefined ? { section: values.section } : {}) });
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ note: note.path, related })}\n`);
    return 0;
  }
  const lines = [`Related to ${note.path}${values.section ? ` § ${values.section}` : ''}:`];
  if (related.length === 0) lines.push('  (nothing related found)');
  for (const r of related) lines.push(`  ${r.score.toFixed(3)}  ${r.path}${r.why ? `\n         ${r.why}` : ''}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** A vault path (with or without `.md`) or a name resolved like a wikilink from the vault root. */
function findNote<F extends { path: string; note: unknown }>(files: Iterable<F>, name: string): F | null {
  const list = [...files];
  const vault = new VaultFiles();
  for (const f of list) vault.add(f.path);
  let text = name.trim();
  if (text.startsWith('[[') && text.endsWith(']]')) text = text.slice(2, -2).split('|')[0]!;
  const path = resolveLinkTarget(text, '', vault);
  const file = path === null ? undefined : list.find((f) => f.path === path);
  return file && file.note ? file : null;
}
