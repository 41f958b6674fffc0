import { EmbeddingError } from './errors.js';
import { endpoint } from './http.js';
import { HttpEmbeddingProvider, type HttpProviderOptions, type WireFormat } from './httpProvider.js';
import { vectorFromJson } from './vectors.js';

export const defaultOllamaUrl = 'http://127.0.0.1:11434';

/** Ollama's `POST /api/embed` {model, input: [...]} → {embeddings: [[...], ...]} (in input order). */
export const ollamaWire: WireFormat = {
  kind: 'ollama',
  path: '/api/embed',
  request: (model, batch) => ({ model, input: batch }),
  vectors(json, _batchLength, where) {
    const embeddings = (json as { embeddings?: unknown } | null)?.embeddings;
    if (!Array.isArray(embeddings)) throw new EmbeddingError(`${where}: the answer has no "embeddings" array`, 'malformed');
    return embeddings.map((e, i) => vectorFromJson(e, `${where}: embeddings[${i}]`));
  },
};

export function ollamaProvider(options: HttpProviderOptions): HttpEmbeddingProvider {
  return new HttpEmbeddingProvider(ollamaWire, options, endpoint(options.baseUrl, ollamaWire.path));
}
