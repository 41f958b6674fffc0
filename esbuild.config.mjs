// Builds every bundle the project ships. Each entry is one self-contained file.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir } from 'node:fs/promises';

// CommonJS dependencies inside an ES-module bundle still call require() for node built-ins.
const nodeRequireBanner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const nodeBundles = [
  { entry: 'language-server/cli/main.ts', out: 'dist/cli.js', executable: true },
  { entry: 'test/bench/bench.ts', out: 'dist/bench.js', executable: false },
  { entry: 'test/eval/eval.ts', out: 'dist/eval.js', executable: false },
];

await Promise.all(
  nodeBundles.map(async ({ entry, out, executable }) => {
    await build({
      entryPoints: [entry],
      outfile: out,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
      banner: { js: `${executable ? '#!/usr/bin/env node\n' : ''}${nodeRequireBanner}` },
    });
    if (executable) await chmod(out, 0o755);
  }),
);

// The language server: node (stdio, or forked over IPC by vscode-languageclient's TransportKind.ipc;
// an ES module, like every .js under this package's "type": "module") and a self-contained IIFE for
// a Web Worker, which resolves vscode-languageserver/browser only under the `browser` condition.
await build({
  stdin: { contents: "import { runNodeServer } from './language-server/node/server.ts'; runNodeServer();", resolveDir: '.', sourcefile: 'server-entry.ts', loader: 'ts' },
  outfile: 'dist/server.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: nodeRequireBanner },
});
await build({
  entryPoints: ['language-server/browser/worker.ts'],
  outfile: 'dist/server-browser.js',
  bundle: true,
  platform: 'browser',
  conditions: ['browser'],
  format: 'iife',
  // Explicit: at its default target esbuild's binary loader emits Uint8Array.fromBase64, which older Chromium lacks.
  target: 'es2022',
  loader: { '.wasm': 'binary' },
  logLevel: 'warning',
});

// sql.js loads its WASM at run time; the node bundles read it from beside themselves (language-server/node/sqlJs.ts).
await mkdir('dist', { recursive: true });
await copyFile('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');

// The Obsidian plugin inlines dist/server-browser.js as text, so it is built after it.
const { buildObsidianPlugin } = await import('./obsidian-plugin/esbuild.mjs');
await buildObsidianPlugin();
