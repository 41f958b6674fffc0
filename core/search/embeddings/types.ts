/**
 * Turns texts into vectors. The offline default is computed from the workspace itself; neural
 * providers (Ollama, OpenAI-compatible, a local model directory) are opt-in and plug in here.
 */
export interface EmbeddingProvider {
  /** Stable id stored beside cached vectors, e.g. `ollama:nomic-embed-text`: a new model never reuses old vectors. */
  readonly modelId: string;
  /** Vector length, or null until known (a remote model tells on its first answer). */
  readonly dimension: number | null;
  /** One vector per text, in order. Rejects on failure; callers decide how to fall back. */
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Float32Array[]>;
}

export interface EmbedOptions {
  /** Texts not worth remembering (a query, a paragraph being written): a cache may answer them but keeps no vector of them. */
  transient?: boolean;
}
