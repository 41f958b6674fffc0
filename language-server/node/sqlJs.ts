import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import initSqlJs from 'sql.js';
import type { SqlEngine } from '../../core/store/sqlTypes.js';

let engine: Promise<SqlEngine> | null = null;

/**
 * sql.js, initialised once per process. Its WASM is read here and handed over as bytes: beside
 * this file first (the esbuild bundle dist/cli.js has dist/sql-wasm.wasm next to it), else from
 * node_modules (tests and `tsx` runs).
 *
 * sql.js's node build still reads the free variable `__dirname` while it starts, which an
 * ES-module bundle does not define; a global one is provided for it when none exists (a local
 * fix: a `const __dirname` in the bundle's banner would clash with any bundled module declaring its own).
 */
export function loadSqlJs(): Promise<SqlEngine> {
  const global = globalThis as { __dirname?: string };
  global.__dirname ??= path.dirname(fileURLToPath(import.meta.url));
  engine ??= initSqlJs({ wasmBinary: toArrayBuffer(readFileSync(wasmPath())) }) as Promise<SqlEngine>;
  return engine;
}

function wasmPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const beside = path.join(here, 'sql-wasm.wasm');
  if (existsSync(beside)) return beside;
  return createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm');
}

function toArrayBuffer(buffer: Buffer): ArrayBuffer {
  return buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer;
}
