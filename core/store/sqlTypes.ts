/**
 * The part of sql.js the store uses, written out so that core/ needs neither the sql.js package
 * nor its emscripten typings: the host initialises sql.js (node: WASM from node_modules or
 * beside the bundle; browser: an inlined binary) and passes it in. sql.js's own `SqlJsStatic`
 * and `Database` satisfy these interfaces.
 */
export type SqlValue = number | string | Uint8Array | null;

export interface SqlStatement {
  bind(values?: SqlValue[]): boolean;
  step(): boolean;
  get(): SqlValue[];
  run(values?: SqlValue[]): void;
  reset(): void;
  free(): boolean;
}

export interface SqlDatabase {
  run(sql: string, params?: SqlValue[]): unknown;
  exec(sql: string, params?: SqlValue[]): { columns: string[]; values: SqlValue[][] }[];
  prepare(sql: string): SqlStatement;
  export(): Uint8Array;
  close(): void;
}

export interface SqlEngine {
  Database: new (data?: Uint8Array | null) => SqlDatabase;
}

/** Where the store's bytes live: a file (node), a host callback (browser, Obsidian). */
export interface ByteStore {
  load(): Promise<Uint8Array | null>;
  save(bytes: Uint8Array): Promise<void>;
}
