import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bucketVector } from '../core/search/embeddings/fixtures.js';

/**
 * How the fake service behaves next: `ok` as documented; `slow` never answers (until closed);
 * `malformed` sends broken JSON; `error500` fails; `dimension` answers vectors of another length;
 * `unknownModel` answers as Ollama/OpenAI do for a model they do not have.
 */
export type ServerMode = 'ok' | 'slow' | 'malformed' | 'error500' | 'dimension' | 'unknownModel';

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: { model: string; input: string[] };
}

export interface EmbeddingServer {
  url: string;
  mode: ServerMode;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** The vector the fake services give a text: hashed words, so tests can compute it too. */
export function serverVector(text: string, dimension: number): number[] {
  return [...bucketVector(text, dimension)].map((v, i) => v + (i + 1) / 100);
}

/**
 * A server on 127.0.0.1 speaking Ollama's `POST /api/embed` and the OpenAI `POST /v1/embeddings`
 * wire formats as documented: request {model, input: [strings]}; Ollama answers
 * {model, embeddings: [[...]]}, OpenAI {object: "list", data: [{object: "embedding", index,
 * embedding}], model, usage} — here in reverse order, which the API allows (index decides).
 */
export async function startEmbeddingServer(options: { dimension?: number; requireKey?: string; knownModels?: string[] } = {}): Promise<EmbeddingServer> {
  const dimension = options.dimension ?? 8;
  const state: EmbeddingServer = { url: '', mode: 'ok', requests: [], close: async () => undefined };
  const server: Server = createServer((request, response) => {
    void handle(request, response);
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const path = request.url ?? '';
    const isOllama = path === '/api/embed';
    const isOpenAi = path === '/v1/embeddings';
    if (request.method !== 'POST' || (!isOllama && !isOpenAi)) return send(404, '404 page not found');
    let body: { model?: unknown; input?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return send(400, { error: 'invalid JSON body' });
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.input) || !body.input.every((t) => typeof t === 'string' && t.length > 0)) {
      return send(400, isOllama ? { error: 'invalid input type' } : { error: { message: "'$.input' is invalid", type: 'invalid_request_error' } });
    }
    const input = body.input as string[];
    state.requests.push({ path, authorization: request.headers.authorization, body: { model: body.model, input } });
    if (isOpenAi && options.requireKey && request.headers.authorization !== `Bearer ${options.requireKey}`) {
      return send(401, { error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    const mode = state.mode;
    if (mode === 'slow') return; // the answer never comes; the client must give up
    if (mode === 'error500') return send(500, isOllama ? { error: 'llama runner process has terminated' } : { error: { message: 'The server had an error', type: 'server_error' } });
    if (mode === 'malformed') return send(200, '{"embeddings": [[0.1, 0.2');
    if (mode === 'unknownModel' || (options.knownModels && !options.knownModels.includes(body.model))) {
      return send(404, isOllama ? { error: `model "${body.model}" not found, try pulling it first` } : { error: { message: `The model \`${body.model}\` does not exist`, type: 'invalid_request_error' } });
    }
    const size = mode === 'dimension' ? dimension + 3 : dimension;
    const vectors = input.map((t) => serverVector(t, size));
    if (isOllama) return send(200, { model: body.model, embeddings: vectors, total_duration: 1000, load_duration: 10, prompt_eval_count: input.length });
    const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding })).reverse();
    return send(200, { object: 'list', data, model: body.model, usage: { prompt_tokens: input.length, total_tokens: input.length } });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** A URL on 127.0.0.1 where nothing listens: a port that was just free. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
