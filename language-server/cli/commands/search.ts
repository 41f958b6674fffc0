import type { SearchResult } from '../../../core/search/searchService.js';
import { UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';
import { openSearch, parseLimit, readJsonLines } from './searchSupport.js';

/** `search <dir> --query <text> | --queries <file.jsonl> [--limit N] [--json] [--embeddings <spec> [--store <dir>]]` */
export async function searchCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('search', args, {
    query: { type: 'string' },
    queries: { type: 'string' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
    embeddings: { type: 'string' },
    store: { type: 'string' },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('search: expected one directory, e.g. scriptorium search ./vault --query "weekly review"');
  if ((values.query === undefined) === (values.queries === undefined)) throw new UserError('search: give either --query "<text>" or --queries <file.jsonl>.');
  const limit = parseLimit('search', values.limit);
  const queries = values.queries !== undefined ? await readJsonLines('search', values.queries, ['id', 'query']) : [{ id: null, query: values.query! }];
  const { service, close } = await openSearch(dir, { embeddings: values.embeddings, store: values.store });
  try {
    for (const q of queries) {
      const results = await service.search(String(q.query), { limit });
      if (values.json) process.stdout.write(`${JSON.stringify(values.queries !== undefined ? { id: q.id, results } : { results })}\n`);
      else process.stdout.write(readable(String(q.query), results));
    }
  } finally {
    await close();
  }
  return 0;
}

function readable(query: string, results: SearchResult[]): string {
  if (results.length === 0) return `No note matches "${query}".\n`;
  const lines = [`Notes matching "${query}":`];
  for (const r of results) lines.push(`  ${r.score.toFixed(3)}  ${r.path}${r.heading ? `  § ${r.heading}` : ''}`);
  return `${lines.join('\n')}\n`;
}
