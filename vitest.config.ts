import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  // Only the Obsidian plugin's tests (test/obsidian) import these: `obsidian` has no runtime outside
  // the app, so it is the repo's fake; the plugin's browser-only imports get their browser files.
  resolve: {
    alias: [
      { find: /^obsidian$/, replacement: fromRoot('./test/obsidian/fake/index.ts') },
      { find: /^vscode-jsonrpc\/browser$/, replacement: fromRoot('./node_modules/vscode-jsonrpc/lib/browser/main.js') },
      { find: /^scriptorium:server-source$/, replacement: fromRoot('./test/obsidian/fake/serverSource.ts') },
      // The VS Code extension's view providers run against a small fake of the `vscode` API (test/vscode).
      { find: /^vscode$/, replacement: fromRoot('./test/vscode/fakeVscode.ts') },
    ],
  },
  test: {
    include: ['core/**/*.test.ts', 'language-server/**/*.test.ts', 'test/**/*.test.ts'],
    // The machine has two cores; more workers only thrash.
    maxWorkers: 2,
    testTimeout: 60_000,
    // CLI tests run the shipped bundle: build it once first.
    globalSetup: ['test/support/globalSetup.ts'],
  },
});
