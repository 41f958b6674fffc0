import initSqlJs from 'sql.js';
// The build inlines it (esbuild.config.mjs: the `.wasm` binary loader); see wasm.d.ts.
import wasmBinary from 'sql.js/dist/sql-wasm.wasm';
import type { SqlEngine } from '../../core/store/sqlTypes.js';

let engine: Promise<SqlEngine> | null = null;

/**
 * sql.js for the task history, started on first use with the WASM inlined in this bundle: an
 * Obsidian plugin ships as one main.js (which inlines this worker), so there is no file beside
 * it to fetch, and a worker started from a Blob URL has no base URL to fetch from anyway.
 */
export function loadInlinedSqlJs(): Promise<SqlEngine> {
  engine ??= initSqlJs({ wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength) as ArrayBuffer }) as Promise<SqlEngine>;
  return engine;
}
