import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyEmbeddings, lastEmbeddingRow, type EmbeddingStore } from '../../core/search/embeddings/cache.js';
import { EmbeddingError, messageOf } from '../../core/search/embeddings/errors.js';
import type { HttpTransport } from '../../core/search/embeddings/http.js';
import { Model2VecProvider, type ModelFiles } from '../../core/search/embeddings/model2vec.js';
import { defaultOllamaUrl, ollamaProvider } from '../../core/search/embeddings/ollama.js';
import { openAiProvider } from '../../core/search/embeddings/openai.js';
import type { EmbeddingProvider } from '../../core/search/embeddings/types.js';
import { TaskStore } from '../../core/store/taskStore.js';
import { fileByteStore } from './fileByteStore.js';
import { UserError } from './loadWorkspace.js';
import { storeFileName } from './openHistory.js';
import { loadSqlJs } from './sqlJs.js';

export const apiKeyVariable = 'SCRIPTORIUM_EMBEDDINGS_API_KEY';
const openAiUrl = 'https://api.openai.com';

export const embeddingSpecExamples = [
  'ollama:nomic-embed-text@http://127.0.0.1:11434',
  'openai:text-embedding-3-small@http://127.0.0.1:8080',
  'local:/path/to/potion-base-8M',
];

/**
 * The embedding provider a `--embeddings <spec>` (or a setting) asks for, or null for the offline
 * default computed from the workspace. Nothing here touches the network: HTTP providers are only
 * contacted when something is embedded (and fall back when they do not answer); a local model
 * folder is read and checked now, so a wrong folder is reported at once. Relative folder paths
 * are resolved against `root`, the vault.
 */
export async function embeddingProviderFromSpec(spec: string | undefined, root: string): Promise<EmbeddingProvider | null> {
  const trimmed = spec?.trim() ?? '';
  if (trimmed === '' || trimmed === 'default' || trimmed === 'offline') return null;
  const colon = trimmed.indexOf(':');
  const kind = colon < 0 ? trimmed : trimmed.slice(0, colon);
  const rest = colon < 0 ? '' : trimmed.slice(colon + 1).trim();
  switch (kind) {
    case 'ollama': {
      const { model, url } = modelAndUrl(trimmed, rest, defaultOllamaUrl);
      return ollamaProvider({ model, baseUrl: url, transport: nodeHttpTransport() });
    }
    case 'openai': {
      const { model, url } = modelAndUrl(trimmed, rest, openAiUrl);
      const apiKey = process.env[apiKeyVariable]?.trim() || undefined;
      if (!apiKey && new URL(url).hostname === 'api.openai.com') {
        throw new UserError(`--embeddings ${trimmed}: api.openai.com needs an API key; set ${apiKeyVariable}.`);
      }
      return openAiProvider({ model, baseUrl: url, transport: nodeHttpTransport(), ...(apiKey ? { apiKey } : {}) });
    }
    case 'local':
      return localModel(trimmed, rest, root);
    default:
      throw badSpec(trimmed, `"${kind}" is not a provider`);
  }
}

function modelAndUrl(spec: string, rest: string, defaultUrl: string): { model: string; url: string } {
  const at = rest.lastIndexOf('@');
  const model = (at < 0 ? rest : rest.slice(0, at)).trim();
  let url = at < 0 ? defaultUrl : rest.slice(at + 1).trim();
  if (model === '') throw badSpec(spec, 'it names no model');
  if (!/^https?:\/\//i.test(url)) url = `http://${url}`;
  try {
    const parsed = new URL(url);
    if (parsed.hostname === '') throw new Error('no host');
  } catch {
    throw badSpec(spec, `"${rest.slice(at + 1)}" is not a URL`);
  }
  return { model, url };
}

async function localModel(spec: string, rest: string, root: string): Promise<EmbeddingProvider> {
  if (rest === '') throw badSpec(spec, 'it names no folder');
  const expanded = rest === '~' || rest.startsWith('~/') ? path.join(os.homedir(), rest.slice(1)) : rest;
  const folder = path.resolve(root, expanded);
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new UserError(`--embeddings ${spec}: ${info ? 'not a folder' : 'no such folder'}: ${folder}`);
  try {
    return await Model2VecProvider.load(folderModelFiles(folder), { name: path.basename(folder) });
  } catch (error) {
    if (error instanceof EmbeddingError) throw new UserError(`--embeddings ${spec}: ${error.message}`);
    throw error;
  }
}

function badSpec(spec: string, why: string): UserError {
  return new UserError(`--embeddings ${spec}: ${why}. Use "default" (offline, nothing to download) or one of:\n${embeddingSpecExamples.map((e) => `  --embeddings ${e}`).join('\n')}`);
}

/** HTTP with the global fetch; an AbortController ends a request (and its body) after `timeoutMs`. */
export function nodeHttpTransport(): HttpTransport {
  return {
    async postJson(url, body, options) {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), options.timeoutMs);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(options.headers ?? {}) },
          body: JSON.stringify(body),
          signal: controller.signal,
        });
        return { status: response.status, text: await response.text() };
      } catch (error) {
        if (controller.signal.aborted) throw new EmbeddingError(`${url} gave no answer within ${options.timeoutMs} ms`, 'timeout');
        throw new EmbeddingError(`cannot reach ${url} (${networkCause(error)})`, 'unreachable');
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in its cause. */
function networkCause(error: unknown): string {
  let cause: unknown = error;
  while (cause instanceof Error && cause.cause !== undefined) cause = cause.cause;
  const code = (cause as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return 'connection refused: is the service running?';
  if (code === 'ENOTFOUND') return 'no such host';
  return typeof code === 'string' ? `${code}: ${messageOf(cause)}` : messageOf(cause);
}

/** A model folder on disk. */
export function folderModelFiles(folder: string): ModelFiles {
  return {
    where: folder,
    async read(relative) {
      try {
        const buffer = await readFile(path.join(folder, relative));
        return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return null;
        throw error;
      }
    },
  };
}

/**
 * The embedding cache in the store of `storeDir` (`<vault>/.scriptorium` unless `--store` says
 * otherwise), when that store exists: a search never creates one (the task history does, with
 * its first scan). The store is read once and kept in memory; `save()` merges the vectors added
 * since into the file as it is then (the task history opens, changes and saves the same file
 * per use, so writing our whole copy back could drop its events). A store that cannot be read
 * means no cache, never a failure.
 */
export async function openEmbeddingStore(storeDir: string, log: (line: string) => void = () => undefined): Promise<EmbeddingStore | null> {
  const file = path.join(storeDir, storeFileName);
  if (!existsSync(file)) return null;
  const sql = await loadSqlJs();
  const bytes = fileByteStore(file);
  const opened = await TaskStore.open(sql, bytes);
  if (opened.status === 'rebuilt' || opened.status === 'created') {
    opened.store.close();
    log(`embeddings are not cached: the store ${file} cannot be used (${opened.reason ?? opened.status}).`);
    return null;
  }
  const store = opened.store;
  let saved = lastEmbeddingRow(store.database);
  let saving: Promise<void> = Promise.resolve();
  const save = async () => {
    const last = lastEmbeddingRow(store.database);
    if (last <= saved) return;
    const current = await TaskStore.open(sql, bytes);
    try {
      if (current.status === 'rebuilt' || current.status === 'created') return;
      copyEmbeddings(store.database, current.store.database, saved);
      await current.store.save();
      saved = last;
    } finally {
      current.store.close();
    }
  };
  return {
    database: store.database,
    // One save at a time: two would each merge into the same old file.
    save: () => (saving = saving.then(save, save)),
    close: () => store.close(),
  };
}
