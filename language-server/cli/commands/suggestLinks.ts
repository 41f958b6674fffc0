import type { LinkSuggestion } from '../../../core/search/searchService.js';
import { UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';
import { openSearch, parseLimit, readJsonLines } from './searchSupport.js';

/** `suggest-links <dir> --queries <file.jsonl> [--limit N] [--min-score X] [--exclude <folder>]… [--json] [--embeddings <spec> [--store <dir>]]` */
export async function suggestLinksCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('suggest-links', args, {
    queries: { type: 'string' },
    limit: { type: 'string' },
    'min-score': { type: 'string' },
    exclude: { type: 'string', multiple: true },
    json: { type: 'boolean' },
    embeddings: { type: 'string' },
    store: { type: 'string' },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0 || values.queries === undefined)
    throw new UserError('suggest-links: expected a directory and --queries <file.jsonl> with {"id", "file", "text"} per line.');
  const limit = parseLimit('suggest-links', values.limit);
  const minRaw = values['min-score'];
  const minScore = minRaw === undefined ? 0 : Number(minRaw);
  if (!Number.isFinite(minScore)) throw new UserError(`suggest-links: --min-score must be a number, not '${minRaw}'.`);
  const queries = await readJsonLines('suggest-links', values.queries, ['id', 'file', 'text']);
  const { service, close } = await openSearch(dir, { embeddings: values.embeddings, store: values.store });
  try {
    for (const q of queries) {
      const suggestions = await service.suggestLinks({ file: String(q.file), text: String(q.text) }, { limit, minScore, excludeFolders: values.exclude ?? [] });
      if (values.json) process.stdout.write(`${JSON.stringify({ id: q.id, suggestions })}\n`);
      else process.stdout.write(readable(q.id, String(q.file), suggestions));
    }
  } finally {
    await close();
  }
  return 0;
}

function readable(id: unknown, file: string, suggestions: LinkSuggestion[]): string {
  const lines = [`${String(id)} (${file}):`];
  if (suggestions.length === 0) lines.push('  (no suggestions)');
  for (const s of suggestions) {
    const phrase = s.phrase ? `  "${s.phrase.text}" at ${s.phrase.start}–${s.phrase.end}` : '';
    lines.push(`  ${s.score.toFixed(3)}  ${s.target}${phrase}${s.why ? `\n         ${s.why}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
