import { contentHash } from '../../text/hash.js';
import { EmbeddingError, messageOf } from './errors.js';
import { floatTensor, integerTensor, parseSafetensors, type SafetensorsFile } from './safetensors.js';
import { tokenizerFromJson, type Tokenizer } from './tokenizer.js';
import type { EmbeddingProvider } from './types.js';
import { normalizeInPlace } from './vectors.js';

/** Reads a model folder's files, injected by the host; null when a file is absent. */
export interface ModelFiles {
  /** The folder, for messages. */
  readonly where: string;
  read(relativePath: string): Promise<Uint8Array | null>;
}

/**
 * The layouts a Model2Vec model is saved in: its own (`model.safetensors` with an `embeddings`
 * tensor) and Sentence Transformers' StaticEmbedding module (`0_StaticEmbedding/`, tensor
 * `embedding.weight`).
 */
const layouts = [
  { tensors: 'model.safetensors', tokenizer: 'tokenizer.json', config: 'config.json', embeddings: 'embeddings' },
  { tensors: '0_StaticEmbedding/model.safetensors', tokenizer: '0_StaticEmbedding/tokenizer.json', config: 'config.json', embeddings: 'embedding.weight' },
] as const;

export const expectedModelFiles =
  'a Model2Vec static-embedding folder: tokenizer.json (Hugging Face WordPiece, Unigram or WordLevel), model.safetensors (a 2-D "embeddings" tensor, float32 or float16) and config.json — or the same under 0_StaticEmbedding/';

export interface Model2VecOptions {
  /** Shown in the model id, e.g. the folder's name. */
  name: string;
  /** Tokens per text beyond which the rest is ignored (Model2Vec's default: 512). */
  maxTokens?: number;
}

/**
 * A static-embedding model from a folder on this machine (Model2Vec, e.g. potion-base-8M):
 * tokenize, look each token's row up, average (weighted when the model ships per-token weights)
 * and scale to unit length. No network, no native code; thousands of texts per second.
 */
export class Model2VecProvider implements EmbeddingProvider {
  readonly modelId: string;
  readonly dimension: number;
  private readonly maxTokens: number;

  private constructor(
    name: string,
    fingerprint: string,
    private readonly tokenizer: Tokenizer,
    private readonly table: Float32Array,
    private readonly rows: number,
    dimension: number,
    private readonly weights: Float32Array | null,
    private readonly mapping: Int32Array | null,
    maxTokens: number,
  ) {
    this.modelId = `model2vec:${name}#${fingerprint}`;
    this.dimension = dimension;
    this.maxTokens = maxTokens;
  }

  /** Loads and checks the folder; an unusable folder is an EmbeddingError (`model`) that says what was expected. */
  static async load(files: ModelFiles, options: Model2VecOptions): Promise<Model2VecProvider> {
    const where = files.where;
    let chosen: (typeof layouts)[number] | null = null;
    let tensorBytes: Uint8Array | null = null;
    let tokenizerBytes: Uint8Array | null = null;
    for (const layout of layouts) {
      tensorBytes = await files.read(layout.tensors);
      tokenizerBytes = tensorBytes ? await files.read(layout.tokenizer) : null;
      if (tensorBytes && tokenizerBytes) {
        chosen = layout;
        break;
      }
    }
    if (!chosen || !tensorBytes || !tokenizerBytes) throw new EmbeddingError(`${where} is not a model folder Scriptorium can use; expected ${expectedModelFiles}`, 'model');
    const configBytes = await files.read(chosen.config);
    const config = configBytes ? parseJson(configBytes, `${where}/${chosen.config}`) : {};

    const tokenizer = tokenizerFromJson(parseJson(tokenizerBytes, `${where}/${chosen.tokenizer}`), `${where}/${chosen.tokenizer}`);
    const tensorsWhere = `${where}/${chosen.tensors}`;
    const file = parseSafetensors(tensorBytes, tensorsWhere);
    const name = file.tensors.has(chosen.embeddings) ? chosen.embeddings : onlyMatrix(file);
    if (!name) throw new EmbeddingError(`${tensorsWhere} has no "${chosen.embeddings}" tensor (it has: ${[...file.tensors.keys()].join(', ') || 'none'}); expected ${expectedModelFiles}`, 'model');
    const shape = file.tensors.get(name)!.shape;
    if (shape.length !== 2 || shape[0]! < 1 || shape[1]! < 1) throw new EmbeddingError(`${tensorsWhere}: tensor "${name}" has shape [${shape.join(', ')}]; expected [vocabulary, dimension]`, 'model');
    const [rows, dimension] = shape as [number, number];
    const table = floatTensor(file, name, tensorsWhere);
    const weights = file.tensors.has('weights') ? floatTensor(file, 'weights', tensorsWhere) : null;
    const mapping = file.tensors.has('mapping') ? integerTensor(file, 'mapping', tensorsWhere) : null;
    if (!mapping && tokenizer.vocabularySize > rows) {
      throw new EmbeddingError(`${where}: the tokenizer knows ${tokenizer.vocabularySize} tokens but "${name}" has only ${rows} rows; the files do not belong together`, 'model');
    }
    if (mapping?.some((row) => row < 0 || row >= rows)) throw new EmbeddingError(`${tensorsWhere}: "mapping" points outside the ${rows} rows of "${name}"`, 'model');
    const configMax = typeof (config as { max_length?: unknown }).max_length === 'number' ? (config as { max_length: number }).max_length : undefined;
    return new Model2VecProvider(
      options.name,
      fingerprintOf(file, tokenizerBytes, configBytes),
      tokenizer,
      table,
      rows,
      dimension,
      weights,
      mapping,
      options.maxTokens ?? configMax ?? 512,
    );
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((text) => this.embedOne(text));
  }

  /** Synchronous, for callers on a hot path (a paragraph being typed). */
  embedOne(text: string): Float32Array {
    const out = new Float32Array(this.dimension);
    let total = 0;
    let used = 0;
    for (const id of this.tokenizer.encode(text)) {
      // Model2Vec drops unknown tokens: they carry no meaning, only noise.
      if (id === this.tokenizer.unknownId) continue;
      if (used++ >= this.maxTokens) break;
      const row = this.mapping ? this.mapping[id] : id;
      if (row === undefined || row < 0 || row >= this.rows) continue;
      const weight = this.weights ? this.weights[id] ?? 1 : 1;
      const base = row * this.dimension;
      for (let d = 0; d < this.dimension; d++) out[d]! += weight * this.table[base + d]!;
      total += 1;
    }
    if (total > 0) for (let d = 0; d < this.dimension; d++) out[d]! /= total;
    return normalizeInPlace(out);
  }
}

/** When a file names its one matrix differently, that matrix is still the table. */
function onlyMatrix(file: SafetensorsFile): string | null {
  const matrices = [...file.tensors].filter(([, info]) => info.shape.length === 2);
  return matrices.length === 1 ? matrices[0]![0] : null;
}

/**
 * A cheap identity of the model's content, so replacing the files in the same folder never
 * reuses cached vectors: the tensor header, a sample of the tensor bytes, tokenizer and config.
 */
function fingerprintOf(file: SafetensorsFile, tokenizer: Uint8Array, config: Uint8Array | null): string {
  const parts: string[] = [file.headerText, String(file.data.length), sample(file.data), String(tokenizer.length), sample(tokenizer), config ? sample(config) : ''];
  return contentHash(parts.join('\u0000')).slice(0, 8);
}

function sample(bytes: Uint8Array): string {
  const step = Math.max(1, Math.floor(bytes.length / 4096));
  let out = '';
  for (let i = 0; i < bytes.length; i += step) out += String.fromCharCode(bytes[i]!);
  return out;
}

const Decoder = (globalThis as unknown as { TextDecoder: ScriptoriumTextDecoderConstructor }).TextDecoder;

function parseJson(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(new Decoder('utf-8').decode(bytes));
  } catch (error) {
    throw new EmbeddingError(`${where} is not valid JSON (${messageOf(error)})`, 'model');
  }
}
