import type { EmbeddingProvider } from '../../../../core/search/embeddings/types.js';
import type { ModelFiles } from '../../../../core/search/embeddings/model2vec.js';

/** A safetensors file written by the format's own rules (8-byte LE header length, JSON header padded to 8, raw LE data). */
export function writeSafetensors(tensors: Record<string, { dtype: 'F32' | 'F16' | 'BF16' | 'I32' | 'I64'; shape: number[]; values: number[] }>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = {};
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const bytes = encodeValues(t.dtype, t.values);
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + bytes.length] };
    chunks.push(bytes);
    offset += bytes.length;
  }
  if (metadata) header.__metadata__ = metadata;
  let json = JSON.stringify(header);
  while ((8 + json.length) % 8 !== 0) json += ' ';
  const headerBytes = new TextEncoder().encode(json);
  const out = new Uint8Array(8 + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, 8);
  let at = 8 + headerBytes.length;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function encodeValues(dtype: string, values: number[]): Uint8Array {
  const size = dtype === 'F16' || dtype === 'BF16' ? 2 : dtype === 'I64' ? 8 : 4;
  const out = new Uint8Array(values.length * size);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    if (dtype === 'F32') view.setFloat32(i * 4, v, true);
    else if (dtype === 'I32') view.setInt32(i * 4, v, true);
    else if (dtype === 'I64') view.setBigInt64(i * 8, BigInt(v), true);
    else if (dtype === 'BF16') {
      const f = new DataView(new ArrayBuffer(4));
      f.setFloat32(0, v);
      view.setUint16(i * 2, f.getUint32(0) >>> 16, true);
    } else view.setUint16(i * 2, floatToHalf(v), true);
  });
  return out;
}

/** Exact for the small dyadic values the fixtures use. */
function floatToHalf(v: number): number {
  if (v === 0) return 0;
  const sign = v < 0 ? 0x8000 : 0;
  const a = Math.abs(v);
  const exponent = Math.floor(Math.log2(a));
  const fraction = Math.round((a / 2 ** exponent - 1) * 1024);
  return sign | ((exponent + 15) << 10) | fraction;
}

/** The vocabulary of the tiny WordPiece model: BERT's specials, whole words and continuation pieces. */
export const tinyVocabulary = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'the', 'cat', 'sat', 'on', 'mat', 'dog', '##s', 'un', '##aff', '##able', '!', 'cafe'];

export const tinyDimension = 4;

/** Row i of the tiny model: distinct, simple values so an expected mean can be computed by hand. */
export function tinyRow(id: number): number[] {
  return [id, 1, id % 3, -id / 2];
}

export function tinyWordPieceTokenizer(): unknown {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: null,
    decoder: null,
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(tinyVocabulary.map((t, i) => [t, i])) },
  };
}

/** The files of a tiny, real Model2Vec folder: tokenizer.json, model.safetensors, config.json. */
export function tinyModelFolder(options: { dtype?: 'F32' | 'F16'; rowScale?: number } = {}): Record<string, Uint8Array> {
  const scale = options.rowScale ?? 1;
  const values = tinyVocabulary.flatMap((_, id) => tinyRow(id).map((v) => v * scale));
  const encoder = new TextEncoder();
  return {
    'tokenizer.json': encoder.encode(JSON.stringify(tinyWordPieceTokenizer())),
    'model.safetensors': writeSafetensors({ embeddings: { dtype: options.dtype ?? 'F32', shape: [tinyVocabulary.length, tinyDimension], values } }),
    'config.json': encoder.encode(JSON.stringify({ model_type: 'model2vec', architectures: ['StaticModel'], hidden_dim: tinyDimension, normalize: true })),
  };
}

export function memoryModelFiles(files: Record<string, Uint8Array>, where = 'models/tiny'): ModelFiles {
  return { where, read: async (name) => files[name] ?? null };
}

/** The expected Model2Vec vector: the mean of the rows, at unit length. */
export function expectedVector(ids: number[]): number[] {
  const sum = new Array<number>(tinyDimension).fill(0);
  for (const id of ids) tinyRow(id).forEach((v, d) => (sum[d]! += v / ids.length));
  const norm = Math.hypot(...sum);
  return sum.map((v) => v / norm);
}

/**
 * A stand-in for the offline default in these tests (the real one is built from the workspace in
 * core/search): hashed words into 8 buckets. It counts its calls.
 */
export class BucketEmbedder implements EmbeddingProvider {
  readonly modelId = 'test:buckets';
  readonly dimension = 8;
  calls = 0;
  texts = 0;

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.calls++;
    this.texts += texts.length;
    return texts.map((t) => bucketVector(t, this.dimension));
  }
}

export function bucketVector(text: string, dimension: number): Float32Array {
  const out = new Float32Array(dimension);
  for (const word of text.toLowerCase().match(/\w+/g) ?? []) {
    let h = 0;
    for (const ch of word) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
    out[h % dimension]! += 1;
  }
  return out;
}

/** A provider that counts what it is asked, answering `bucketVector`s of its dimension. */
export class CountingProvider implements EmbeddingProvider {
  asked: string[][] = [];
  private known: number | null;

  constructor(
    readonly modelId: string,
    private answerDimension: number,
    options: { announcesDimension?: boolean } = {},
  ) {
    this.known = options.announcesDimension === false ? null : answerDimension;
  }

  get dimension(): number | null {
    return this.known;
  }

  /** The model behind the name changes (a new version pulled under the same tag). */
  changeDimension(dimension: number): void {
    this.answerDimension = dimension;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    this.asked.push([...texts]);
    this.known = this.answerDimension;
    return texts.map((t) => bucketVector(t, this.answerDimension));
  }

  get textsEmbedded(): number {
    return this.asked.reduce((n, batch) => n + batch.length, 0);
  }
}
