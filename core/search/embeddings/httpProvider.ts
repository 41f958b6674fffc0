import { EmbeddingError } from './errors.js';
import type { HttpTransport } from './http.js';
import type { EmbeddingProvider } from './types.js';
import { checkDimension } from './vectors.js';

/** How one service speaks: where to POST, what to send, how to read the vectors back. */
export interface WireFormat {
  /** Prefix of the model id and of messages, e.g. `ollama`. */
  readonly kind: string;
  /** Path under the base URL, e.g. `/api/embed`. */
  readonly path: string;
  request(model: string, batch: readonly string[]): unknown;
  /** The batch's vectors, in input order; throws a `malformed` EmbeddingError when the JSON is not as documented. */
  vectors(json: unknown, batchLength: number, where: string): Float32Array[];
}

export interface HttpProviderOptions {
  model: string;
  baseUrl: string;
  transport: HttpTransport;
  /** Texts per request (default 16): small enough that a CPU-only service answers one well within the timeout. */
  batchSize?: number;
  /** Per request (default 5000 ms). */
  timeoutMs?: number;
  headers?: Record<string, string>;
  /** When the user knows it: checked from the first answer on. Otherwise learned from the first answer. */
  dimension?: number;
  /** Texts are cut to this many characters (default 16000) so one long note cannot exceed a model's context. */
  maxChars?: number;
}

export const defaultHttpTimeoutMs = 5000;

/** An embedding service over HTTP: batches, checks every answer and learns the dimension from the first. */
export class HttpEmbeddingProvider implements EmbeddingProvider {
  readonly modelId: string;
  private learnedDimension: number | null;
  private readonly url: string;
  private readonly batchSize: number;
  private readonly timeoutMs: number;
  private readonly maxChars: number;

  constructor(
    private readonly wire: WireFormat,
    private readonly options: HttpProviderOptions,
    url: string,
  ) {
    this.modelId = `${wire.kind}:${options.model}`;
    this.learnedDimension = options.dimension ?? null;
    this.url = url;
    this.batchSize = Math.max(1, options.batchSize ?? 16);
    this.timeoutMs = options.timeoutMs ?? defaultHttpTimeoutMs;
    this.maxChars = options.maxChars ?? 16000;
  }

  get dimension(): number | null {
    return this.learnedDimension;
  }

  /** Requests made so far (tests and status lines count them). */
  requests = 0;

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      const batch = texts.slice(start, start + this.batchSize).map((t) => this.prepare(t));
      out.push(...(await this.embedBatch(batch)));
    }
    return out;
  }

  private prepare(text: string): string {
    // Some services reject an empty input outright; a space embeds as "nothing" everywhere.
    const cut = text.length > this.maxChars ? text.slice(0, this.maxChars) : text;
    return cut.trim() === '' ? ' ' : cut;
  }

  private async embedBatch(batch: string[]): Promise<Float32Array[]> {
    const where = `${this.modelId} at ${this.url}`;
    this.requests++;
    const response = await this.options.transport.postJson(this.url, this.wire.request(this.options.model, batch), {
      headers: this.options.headers ?? {},
      timeoutMs: this.timeoutMs,
    });
    if (response.status < 200 || response.status > 299) {
      throw new EmbeddingError(`${where} answered HTTP ${response.status}${serviceMessage(response.text)}`, 'http');
    }
    let json: unknown;
    try {
      json = JSON.parse(response.text);
    } catch {
      throw new EmbeddingError(`${where} answered with something that is not JSON: ${snippet(response.text)}`, 'malformed');
    }
    const vectors = this.wire.vectors(json, batch.length, where);
    if (vectors.length !== batch.length) {
      throw new EmbeddingError(`${where} answered ${vectors.length} vectors for ${batch.length} texts`, 'malformed');
    }
    this.learnedDimension = checkDimension(vectors, this.learnedDimension, where);
    return vectors;
  }
}

/** The service's own words, when it gave any (`{"error": "model 'x' not found"}` is worth showing). */
function serviceMessage(text: string): string {
  if (text.trim() === '') return '';
  try {
    const json = JSON.parse(text) as { error?: unknown };
    const error = json.error;
    if (typeof error === 'string') return `: ${error}`;
    if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return `: ${(error as { message: string }).message}`;
  } catch {
    // not JSON: show the start of the text
  }
  return `: ${snippet(text)}`;
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 120)}…` : flat);
}
