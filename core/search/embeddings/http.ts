/**
 * The one piece of I/O an HTTP embedding provider needs, injected so core/ stays free of node
 * and DOM: the node host implements it with `fetch` and an AbortController timeout.
 */
export interface HttpTransport {
  /**
   * POSTs `body` as JSON. Resolves with any HTTP answer (also 4xx/5xx); rejects with an
   * EmbeddingError — `unreachable` when no connection could be made, `timeout` when no full
   * answer came within `timeoutMs`.
   */
  postJson(url: string, body: unknown, options: HttpRequestOptions): Promise<HttpResponse>;
}

export interface HttpRequestOptions {
  headers?: Record<string, string>;
  timeoutMs: number;
}

/** The raw answer: the provider parses it, so malformed JSON is judged in one place. */
export interface HttpResponse {
  status: number;
  text: string;
}

/** `base` + `path`, without doubling a slash or the `/v1` a user may have typed into the base URL. */
export function endpoint(base: string, path: string): string {
  let trimmed = base.replace(/\/+$/, '');
  const firstSegment = path.match(/^\/[^/]+/)?.[0];
  if (firstSegment && firstSegment !== path && trimmed.endsWith(firstSegment)) trimmed = trimmed.slice(0, -firstSegment.length);
  return `${trimmed}${path}`;
}
