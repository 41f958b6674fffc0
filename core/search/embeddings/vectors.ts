import { EmbeddingError } from './errors.js';

/** Scales a vector to unit length in place (a zero vector stays zero), so a dot product is the cosine. */
export function normalizeInPlace(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  }
  return vector;
}

/** A JSON value as a vector: an array of finite numbers, or a `malformed` error naming `where`. */
export function vectorFromJson(value: unknown, where: string): Float32Array {
  if (!Array.isArray(value) || value.length === 0) throw new EmbeddingError(`${where}: expected a non-empty array of numbers`, 'malformed');
  const out = new Float32Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const n: unknown = value[i];
    if (typeof n !== 'number' || !Number.isFinite(n)) throw new EmbeddingError(`${where}[${i}]: expected a finite number, got ${JSON.stringify(n)}`, 'malformed');
    out[i] = n;
  }
  return out;
}

/**
 * Checks that every vector has the length `expected` (or, when it is null, the length of the
 * first): a model never changes its dimension, so a change means another model answered.
 */
export function checkDimension(vectors: readonly Float32Array[], expected: number | null, who: string): number {
  const dimension = expected ?? vectors[0]?.length ?? null;
  if (dimension === null) return 0;
  for (const v of vectors) {
    if (v.length !== dimension) {
      throw new EmbeddingError(
        `${who} answered with ${v.length}-dimensional vectors where ${expected === null ? 'the same answer had' : 'it gave before'} ${dimension}; another model may be serving this name`,
        'dimension',
      );
    }
  }
  return dimension;
}
