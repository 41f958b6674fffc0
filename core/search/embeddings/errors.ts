/**
 * Why a provider could not embed: the fallback's status names it, and tests assert it.
 * `unreachable` — connection refused, no such host; `timeout` — no answer in time; `http` — a
 * non-2xx answer; `malformed` — an answer that is not the documented JSON; `dimension` — vectors of
 * another length than the model gave before (or than configured); `model` — a local model folder
 * that cannot be used.
 */
export type EmbeddingFailure = 'unreachable' | 'timeout' | 'http' | 'malformed' | 'dimension' | 'model';

export class EmbeddingError extends Error {
  constructor(
    message: string,
    readonly reason: EmbeddingFailure,
  ) {
    super(message);
    this.name = 'EmbeddingError';
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function reasonOf(error: unknown): EmbeddingFailure | 'error' {
  return error instanceof EmbeddingError ? error.reason : 'error';
}
