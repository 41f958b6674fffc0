import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpEmbeddingProvider } from '../../core/search/embeddings/httpProvider.js';
import { Model2VecProvider } from '../../core/search/embeddings/model2vec.js';
import { apiKeyVariable, embeddingProviderFromSpec } from '../../language-server/node/embeddings.js';
import { UserError } from '../../language-server/node/loadWorkspace.js';
import { expectedVector, tinyModelFolder, tinyVocabulary } from '../core/search/embeddings/fixtures.js';
import { startEmbeddingServer } from './embeddingServers.js';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'scriptorium-spec-'));
}

/** A real Model2Vec folder on disk: tokenizer.json, model.safetensors, config.json. */
function writeModelFolder(dir: string, files = tinyModelFolder()): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
  return dir;
}

async function userErrorOf(spec: string, root = tempDir()): Promise<string> {
  const error = await embeddingProviderFromSpec(spec, root).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return (error as Error).message;
}

const savedKey = process.env[apiKeyVariable];
afterEach(() => {
  if (savedKey === undefined) delete process.env[apiKeyVariable];
  else process.env[apiKeyVariable] = savedKey;
});

describe('embeddingProviderFromSpec', () => {
  it('means the offline default (null) when nothing or "default" is asked', async () => {
    expect(await embeddingProviderFromSpec(undefined, '.')).toBeNull();
    expect(await embeddingProviderFromSpec('', '.')).toBeNull();
    expect(await embeddingProviderFromSpec('default', '.')).toBeNull();
  });

  it('builds HTTP providers without touching the network, which they reach when embedding', async () => {
    const s = await startEmbeddingServer();
    try {
      const ollama = await embeddingProviderFromSpec(`ollama:nomic-embed-text@${s.url}`, '.');
      expect(ollama).toBeInstanceOf(HttpEmbeddingProvider);
      expect(ollama!.modelId).toBe('ollama:nomic-embed-text');
      process.env[apiKeyVariable] = 'sk-local';
      const openai = await embeddingProviderFromSpec(`openai:text-embedding-3-small@${s.url}`, '.');
      expect(openai!.modelId).toBe('openai:text-embedding-3-small');
      expect(s.requests).toEqual([]);
      await ollama!.embed(['hello']);
      await openai!.embed(['hello']);
      expect(s.requests.map((r) => [r.path, r.authorization])).toEqual([
        ['/api/embed', undefined],
        ['/v1/embeddings', 'Bearer sk-local'],
      ]);
      // host:port without a scheme means http; an Ollama model tag keeps its colon.
      const bare = await embeddingProviderFromSpec(`ollama:nomic-embed-text:latest@${s.url.replace('http://', '')}`, '.');
      expect(bare!.modelId).toBe('ollama:nomic-embed-text:latest');
      await bare!.embed(['x']);
      expect(s.requests.at(-1)!.body.model).toBe('nomic-embed-text:latest');
    } finally {
      await s.close();
    }
  });

  it('loads a local Model2Vec folder, relative paths from the vault root', async () => {
    const root = tempDir();
    writeModelFolder(path.join(root, 'models', 'tiny-potion'));
    const model = await embeddingProviderFromSpec('local:models/tiny-potion', root);
    expect(model).toBeInstanceOf(Model2VecProvider);
    expect(model!.modelId).toMatch(/^model2vec:tiny-potion#/);
    const [v] = await model!.embed(['Dog!']);
    const ids = ['dog', '!'].map((t) => tinyVocabulary.indexOf(t));
    expect([...v!].map((x) => Math.round(x * 1e5))).toEqual(expectedVector(ids).map((x) => Math.round(x * 1e5)));
  });

  it('refuses an unusable model folder, saying which files it expected', async () => {
    const root = tempDir();
    mkdirSync(path.join(root, 'bert'));
    writeFileSync(path.join(root, 'bert', 'pytorch_model.bin'), 'weights');
    expect(await userErrorOf('local:bert', root)).toBe(
      `--embeddings local:bert: ${path.join(root, 'bert')} is not a model folder Scriptorium can use; expected a Model2Vec static-embedding folder: tokenizer.json (Hugging Face WordPiece, Unigram or WordLevel), model.safetensors (a 2-D "embeddings" tensor, float32 or float16) and config.json — or the same under 0_StaticEmbedding/`,
    );
    expect(await userErrorOf('local:nowhere', root)).toBe(`--embeddings local:nowhere: no such folder: ${path.join(root, 'nowhere')}`);
    const broken = tinyModelFolder();
    broken['tokenizer.json'] = new TextEncoder().encode('{"model": {"type": "BPE", "vocab": {}, "merges": []}}');
    writeModelFolder(path.join(root, 'bpe'), broken);
    expect(await userErrorOf('local:bpe', root)).toBe(`--embeddings local:bpe: ${path.join(root, 'bpe', 'tokenizer.json')}: its model is "BPE"; supported: WordPiece, Unigram, WordLevel`);
  });

  it('explains a bad spec with examples', async () => {
    const message = await userErrorOf('bert:base');
    expect(message).toBe(
      '--embeddings bert:base: "bert" is not a provider. Use "default" (offline, nothing to download) or one of:\n' +
        '  --embeddings ollama:nomic-embed-text@http://127.0.0.1:11434\n' +
        '  --embeddings openai:text-embedding-3-small@http://127.0.0.1:8080\n' +
        '  --embeddings local:/path/to/potion-base-8M',
    );
    expect(await userErrorOf('ollama:')).toMatch(/^--embeddings ollama:: it names no model\./);
    expect(await userErrorOf('ollama:m@http://')).toMatch(/^--embeddings ollama:m@http:\/\/: "http:\/\/" is not a URL\./);
    expect(await userErrorOf('local:')).toMatch(/it names no folder/);
  });

  it('asks for a key before sending anything to api.openai.com', async () => {
    delete process.env[apiKeyVariable];
    expect(await userErrorOf('openai:text-embedding-3-small')).toBe(`--embeddings openai:text-embedding-3-small: api.openai.com needs an API key; set ${apiKeyVariable}.`);
  });
});
