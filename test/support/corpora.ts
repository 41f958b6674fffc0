import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The repository root: the first folder above this module holding package.json (from test/support, or from dist/ once bundled). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** The shared corpora live beside the repo in CI and on developers' machines; users' clones lack them. */
export const corporaRoot = path.resolve(repoRoot(), '../shared/corpora');
export const hasCorpora = existsSync(corporaRoot);

export const tasksDemoVault = path.join(corporaRoot, 'obsidian-tasks-demo/vault');
export const tasksDemoOracle = path.join(corporaRoot, 'obsidian-tasks-demo/obsidian-metadata-oracle');
export const dwarvesVault = path.join(corporaRoot, 'dwarves-brain/vault');

let noticed = false;
/** Call from a `describe.skipIf(!hasCorpora)` block's file: prints the one-line notice once. */
export function noticeIfNoCorpora(): void {
  if (!hasCorpora && !noticed) {
    noticed = true;
    console.warn(`[skip] ../shared/corpora not found (${corporaRoot}): corpus tests skipped.`);
  }
}
