import { readFile } from 'node:fs/promises';
import { SearchService } from '../../../core/search/searchService.js';
import { embeddingProviderFromSpec } from '../../node/embeddings.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';

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

export async function openSearch(dir: string, embeddings?: string): Promise<SearchService> {
  const workspace = await loadWorkspace(dir);
  // Without --embeddings the built-in offline leg is used; with it, the configured provider (helper in node/embeddings.ts).
  const provider = embeddings === undefined ? null : await embeddingProviderFromSpec(embeddings, dir);
  const service = new SearchService(workspace, provider ? { embeddings: provider } : {});
  return service;
}
