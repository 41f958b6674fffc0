import { EmbeddingError } from './errors.js';
import { endpoint } from './http.js';
import { HttpEmbeddingProvider, type HttpProviderOptions, type WireFormat } from './httpProvider.js';
import { vectorFromJson } from './vectors.js';

/**
 * The OpenAI embeddings API as OpenAI, llama.cpp's server, LM Studio, vLLM and others speak it:
 * `POST /v1/embeddings` {model, input: [...]} → {data: [{index, embedding}, ...]}. The answer's
 * order is not promised; `index` is.
 */
export const openAiWire: WireFormat = {
  kind: 'openai',
  path: '/v1/embeddings',
  request: (model, batch) => ({ model, input: batch, encoding_format: 'float' }),
  vectors(json, batchLength, where) {
    const data = (json as { data?: unknown } | null)?.data;
    if (!Array.isArray(data)) throw new EmbeddingError(`${where}: the answer has no "data" array`, 'malformed');
    const out: (Float32Array | undefined)[] = new Array(batchLength);
    data.forEach((item: unknown, position) => {
      const { index, embedding } = (item ?? {}) as { index?: unknown; embedding?: unknown };
      const at = index === undefined ? position : index;
      if (typeof at !== 'number' || !Number.isInteger(at) || at < 0 || at >= batchLength || out[at] !== undefined) {
        throw new EmbeddingError(`${where}: data[${position}] has index ${JSON.stringify(index)}, not a fresh one below ${batchLength}`, 'malformed');
      }
      out[at] = vectorFromJson(embedding, `${where}: data[${position}].embedding`);
    });
    const missing = out.findIndex((v) => v === undefined);
    if (missing >= 0 || data.length !== batchLength) throw new EmbeddingError(`${where}: answered ${data.length} embeddings for ${batchLength} texts`, 'malformed');
    return out as Float32Array[];
  },
};

export interface OpenAiProviderOptions extends HttpProviderOptions {
  /** Sent as `Authorization: Bearer <key>`; local servers usually need none. */
  apiKey?: string;
}

export function openAiProvider(options: OpenAiProviderOptions): HttpEmbeddingProvider {
  const headers = { ...(options.headers ?? {}), ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) };
  return new HttpEmbeddingProvider(openAiWire, { ...options, headers }, endpoint(options.baseUrl, openAiWire.path));
}
