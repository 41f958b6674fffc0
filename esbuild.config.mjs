// Builds every bundle the project ships. Each entry is one self-contained file.
import { build } from 'esbuild';
import { chmod, copyFile, mkdir } from 'node:fs/promises';

// CommonJS dependencies inside an ES-module bundle still call require() for node built-ins.
const nodeRequireBanner = "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

const nodeBundles = [
  { entry: 'language-server/cli/main.ts', out: 'dist/cli.js', executable: true },
  { entry: 'test/bench/bench.ts', out: 'dist/bench.js', executable: false },
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

// sql.js loads its WASM at run time; the node bundles read it from beside themselves (language-server/node/sqlJs.ts).
await mkdir('dist', { recursive: true });
await copyFile('node_modules/sql.js/dist/sql-wasm.wasm', 'dist/sql-wasm.wasm');
