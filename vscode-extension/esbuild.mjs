// Bundles the extension (node and web entries) and copies the language server's bundles in beside
// them, so the .vsix carries everything it runs. The server bundles come from the root build
// (`node esbuild.config.mjs`), which must run first.
import { build } from 'esbuild';
import { copyFile, mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rootDist = path.join(here, '..', 'dist');
const out = path.join(here, 'dist');
await mkdir(out, { recursive: true });

const common = { bundle: true, external: ['vscode'], sourcemap: false, minify: true, logLevel: 'warning', absWorkingDir: here };
await Promise.all([
  build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20' }),
  // The web extension host loads CommonJS too; vscode-languageclient/browser exists only under the `browser` condition.
  build({ ...common, entryPoints: ['src/extension-browser.ts'], outfile: 'dist/extension-browser.js', platform: 'browser', conditions: ['browser'], format: 'cjs', target: 'es2022' }),
]);

// The node server is an ES module; `.mjs` keeps it one inside this CommonJS extension. sql.js reads its WASM from beside it.
const copies = [
  ['server.js', 'server.mjs'],
  ['sql-wasm.wasm', 'sql-wasm.wasm'],
  ['server-browser.js', 'server-browser.js'],
];
for (const [from, to] of copies) {
  const source = path.join(rootDist, from);
  try {
    await stat(source);
  } catch {
    throw new Error(`${path.relative(process.cwd(), source)} is missing: run \`node esbuild.config.mjs\` at the repository root first.`);
  }
  await copyFile(source, path.join(out, to));
}
