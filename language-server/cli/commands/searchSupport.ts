import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SearchService } from '../../../core/search/searchService.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { embeddingProviderFromSpec, openEmbeddingStore } from '../../node/embeddings.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { defaultStoreFolder } from '../../node/openHistory.js';

/** `--limit N`: a whole number ≥ 1. */
export function parseLimit(command: string, raw: string | undefined, fallback = 10): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new UserError(`${command}: --limit must be a whole number of results (1 or more), not '${raw}'.`);
  return Number(raw);
}

/** One JSON object per non-blank line; a bad line is a located error, not a crash. */
export async function readJsonLines(command: string, file: string, required: readonly string[]): Promise<Record<string, unknown>[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UserError(`${command}: cannot read --queries file ${file}.`);
  }
  const out: Record<string, unknown>[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new UserError(`${command}: ${file}:${i + 1}: not valid JSON.`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`${command}: ${file}:${i + 1}: expected a JSON object.`);
    const record = value as Record<string, unknown>;
    for (const key of required) {
      if (key === 'id' ? record[key] === undefined : typeof record[key] !== 'string') throw new UserError(`${command}: ${file}:${i + 1}: missing "${key}"${key === 'id' ? '' : ' (a string)'}.`);
    }
    out.push(record);
  });
  return out;
}

export interface OpenedSearch {
  service: SearchService;
  workspace: Workspace;
  /** Saves the vectors a configured provider made into the store (the cache), and closes it. */
  close(): Promise<void>;
}

/**
 * The search of a folder. Without `--embeddings` the built-in offline leg is used; with it, the
 * configured provider, its vectors cached in the folder's store when there is one (`--store`,
 * else `<dir>/.scriptorium`), falling back to the offline leg when it fails — said once on stderr.
 */
export async function openSearch(dir: string, options: { embeddings?: string | undefined; store?: string | undefined } = {}): Promise<OpenedSearch> {
  const workspace = await loadWorkspace(dir);
  const provider = options.embeddings === undefined ? null : await embeddingProviderFromSpec(options.embeddings, dir);
  const warn = (line: string) => process.stderr.write(`scriptorium: ${line}\n`);
  const store = provider ? await openEmbeddingStore(options.store ?? path.join(dir, defaultStoreFolder), warn) : null;
  const service = new SearchService(workspace, provider ? { embeddings: provider, ...(store ? { database: store.database } : {}), fallback: { onStatus: (status) => warn(status.message) } } : {});
  return {
    service,
    workspace,
    async close() {
      if (!store) return;
      await store.save().catch((error: unknown) => warn(`warning: the embedding cache could not be saved (${error instanceof Error ? error.message : String(error)}).`));
      store.close();
    },
  };
}
