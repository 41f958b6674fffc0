import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../../../../core/search/embeddings/errors.js';
import { Model2VecProvider } from '../../../../core/search/embeddings/model2vec.js';
import { floatTensor, halfToFloat, integerTensor, parseSafetensors } from '../../../../core/search/embeddings/safetensors.js';
import { tokenizerFromJson } from '../../../../core/search/embeddings/tokenizer.js';
import { expectedVector, memoryModelFiles, tinyDimension, tinyModelFolder, tinyVocabulary, tinyWordPieceTokenizer, writeSafetensors } from './fixtures.js';

const id = (token: string) => tinyVocabulary.indexOf(token);

describe('safetensors', () => {
  it('reads F32, F16, BF16 and integer tensors at their offsets', () => {
    const file = parseSafetensors(
      writeSafetensors({
        a: { dtype: 'F32', shape: [2, 2], values: [1, -2.5, 3, 0.125] },
        b: { dtype: 'F16', shape: [3], values: [1, -0.5, 2048] },
        c: { dtype: 'BF16', shape: [2], values: [1.5, -4] },
        d: { dtype: 'I64', shape: [3], values: [0, 7, 2] },
      }, { format: 'pt' }),
      'x.safetensors',
    );
    expect([...file.tensors.keys()]).toEqual(['a', 'b', 'c', 'd']);
    expect(file.tensors.get('a')!.shape).toEqual([2, 2]);
    expect([...floatTensor(file, 'a', 'x')]).toEqual([1, -2.5, 3, 0.125]);
    expect([...floatTensor(file, 'b', 'x')]).toEqual([1, -0.5, 2048]);
    expect([...floatTensor(file, 'c', 'x')]).toEqual([1.5, -4]);
    expect([...integerTensor(file, 'd', 'x')]).toEqual([0, 7, 2]);
  });

  it('decodes half precision edge cases', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('refuses truncated and inconsistent files with a reason', () => {
    const good = writeSafetensors({ a: { dtype: 'F32', shape: [4], values: [1, 2, 3, 4] } });
    expect(() => parseSafetensors(good.subarray(0, 5), 'm.safetensors')).toThrow(/m\.safetensors: not a readable safetensors file \(shorter than its 8-byte header length\)/);
    expect(() => parseSafetensors(good.subarray(0, good.length - 4), 'm.safetensors')).toThrow(/tensor "a" lies outside the file/);
    const lying = new Uint8Array(good);
    new DataView(lying.buffer).setBigUint64(0, 1_000_000n, true);
    expect(() => parseSafetensors(lying, 'm.safetensors')).toThrow(/header length 1000000 does not fit/);
  });
});

describe('the tokenizer.json reader', () => {
  it('splits like BERT WordPiece: lowercase, accents stripped, punctuation isolated, longest piece first', () => {
    const tokenizer = tokenizerFromJson(tinyWordPieceTokenizer(), 'tokenizer.json');
    expect(tokenizer.encode('The CATS sat!')).toEqual([id('the'), id('cat'), id('##s'), id('sat'), id('!')]);
    expect(tokenizer.encode('unaffable café')).toEqual([id('un'), id('##aff'), id('##able'), id('cafe')]);
    // A word that cannot be covered by pieces is one unknown token, as in BERT.
    expect(tokenizer.encode('zebra dog')).toEqual([id('[UNK]'), id('dog')]);
    expect(tokenizer.unknownId).toBe(id('[UNK]'));
  });

  it('segments Unigram vocabularies by the most probable pieces, after Metaspace', () => {
    const tokenizer = tokenizerFromJson(
      {
        normalizer: { type: 'Sequence', normalizers: [{ type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }] },
        pre_tokenizer: { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true },
        model: {
          type: 'Unigram',
          unk_id: 0,
          vocab: [['<unk>', 0], ['\u2581', -2], ['\u2581new', -3], ['\u2581york', -3], ['\u2581ne', -4], ['w', -4], ['york', -6], ['\u2581n', -5], ['e', -5]],
        },
      },
      'tokenizer.json',
    );
    expect(tokenizer.encode('new  york')).toEqual([2, 3]);
    // "q" and "n" have no piece: one fused unknown token, then "e" and "w".
    expect(tokenizer.encode('qnew')).toEqual([1, 0, 8, 5]);
  });

  it('names the part it does not support', () => {
    expect(() => tokenizerFromJson({ model: { type: 'BPE', vocab: {}, merges: [] } }, 'm/tokenizer.json')).toThrow('m/tokenizer.json: its model is "BPE"; supported: WordPiece, Unigram, WordLevel');
    expect(() => tokenizerFromJson({ pre_tokenizer: { type: 'ByteLevel' }, model: { type: 'WordPiece', vocab: {} } }, 't')).toThrow('its pre-tokenizer "ByteLevel" is not supported');
    expect(() => tokenizerFromJson([], 't')).toThrow('not a Hugging Face tokenizer.json');
  });
});

describe('a Model2Vec model folder', () => {
  it('embeds as the unit-length mean of the token rows, unknown tokens dropped', async () => {
    const model = await Model2VecProvider.load(memoryModelFiles(tinyModelFolder()), { name: 'tiny' });
    expect(model.dimension).toBe(tinyDimension);
    expect(model.modelId).toMatch(/^model2vec:tiny#[0-9a-z]+$/);
    const [cats, zebra, nothing] = await model.embed(['The cats sat on the mat.', 'zebra dog', 'zebra']);
    expect([...cats!].map((v) => round(v))).toEqual(expectedVector([id('the'), id('cat'), id('##s'), id('sat'), id('on'), id('the'), id('mat')]).map(round));
    expect([...zebra!].map(round)).toEqual(expectedVector([id('dog')]).map(round));
    expect([...nothing!]).toEqual([0, 0, 0, 0]);
    expect(Math.hypot(...cats!)).toBeCloseTo(1, 6);
  });

  it('reads float16 tables the same, and another table means another model id', async () => {
    const f32 = await Model2VecProvider.load(memoryModelFiles(tinyModelFolder()), { name: 'tiny' });
    const f16 = await Model2VecProvider.load(memoryModelFiles(tinyModelFolder({ dtype: 'F16' })), { name: 'tiny' });
    const scaled = await Model2VecProvider.load(memoryModelFiles(tinyModelFolder({ rowScale: 2 })), { name: 'tiny' });
    expect([...(await f16.embed(['dog sat']))[0]!].map(round)).toEqual([...(await f32.embed(['dog sat']))[0]!].map(round));
    expect(new Set([f32.modelId, f16.modelId, scaled.modelId]).size).toBe(3);
  });

  it('applies per-token weights and a vocabulary mapping when the model has them', async () => {
    const files = tinyModelFolder();
    const rows = [[1, 0, 0, 0], [0, 1, 0, 0]];
    const mapping = tinyVocabulary.map((token) => (token === 'dog' ? 1 : 0));
    const weights = tinyVocabulary.map((token) => (token === 'dog' ? 3 : 1));
    files['model.safetensors'] = writeSafetensors({
      embeddings: { dtype: 'F32', shape: [2, 4], values: rows.flat() },
      weights: { dtype: 'F32', shape: [tinyVocabulary.length], values: weights },
      mapping: { dtype: 'I64', shape: [tinyVocabulary.length], values: mapping },
    });
    const model = await Model2VecProvider.load(memoryModelFiles(files), { name: 'quantized' });
    const [v] = await model.embed(['cat dog']);
    // cat → row 0 (weight 1), dog → row 1 (weight 3): direction (1, 3, 0, 0).
    expect([...v!].map(round)).toEqual([1 / Math.sqrt(10), 3 / Math.sqrt(10), 0, 0].map(round));
  });

  it('also reads the Sentence Transformers layout (0_StaticEmbedding/)', async () => {
    const files = tinyModelFolder();
    const table = parseSafetensors(files['model.safetensors']!, 'x');
    const values = [...floatTensor(table, 'embeddings', 'x')];
    const model = await Model2VecProvider.load(
      memoryModelFiles({
        '0_StaticEmbedding/tokenizer.json': files['tokenizer.json']!,
        '0_StaticEmbedding/model.safetensors': writeSafetensors({ 'embedding.weight': { dtype: 'F32', shape: [tinyVocabulary.length, 4], values } }),
      }),
      { name: 'st' },
    );
    expect([...(await model.embed(['dog']))[0]!].map(round)).toEqual(expectedVector([id('dog')]).map(round));
  });

  it('refuses a folder it cannot use, saying what files were expected', async () => {
    const error = await Model2VecProvider.load(memoryModelFiles({ 'pytorch_model.bin': new Uint8Array(8) }, 'models/bert'), { name: 'bert' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as EmbeddingError).reason).toBe('model');
    expect((error as Error).message).toBe(
      'models/bert is not a model folder Scriptorium can use; expected a Model2Vec static-embedding folder: tokenizer.json (Hugging Face WordPiece, Unigram or WordLevel), model.safetensors (a 2-D "embeddings" tensor, float32 or float16) and config.json — or the same under 0_StaticEmbedding/',
    );
    const mismatched = tinyModelFolder();
    mismatched['model.safetensors'] = writeSafetensors({ embeddings: { dtype: 'F32', shape: [3, 4], values: new Array(12).fill(1) } });
    await expect(Model2VecProvider.load(memoryModelFiles(mismatched), { name: 'x' })).rejects.toThrow('the tokenizer knows 16 tokens but "embeddings" has only 3 rows; the files do not belong together');
    const vector = tinyModelFolder();
    vector['model.safetensors'] = writeSafetensors({ embeddings: { dtype: 'F32', shape: [64], values: new Array(64).fill(1) } });
    await expect(Model2VecProvider.load(memoryModelFiles(vector), { name: 'x' })).rejects.toThrow('tensor "embeddings" has shape [64]; expected [vocabulary, dimension]');
  });
});

function round(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}
