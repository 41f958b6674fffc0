import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listWorkspaceFiles } from '../../language-server/node/readWorkspaceFiles.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-list-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function put(relative: string, text = ''): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

describe('listWorkspaceFiles', () => {
  it('skips hidden files and folders and node_modules, as the server does, but lists .gitignore files for its rules', async () => {
    put('Note.md', '- [ ] task');
    put('.eslintrc.js', '// TODO: not a workspace task');
    put('.env', 'SECRET=1');
    put('.obsidian/app.json', '{}');
    put('node_modules/pkg/index.js', '// TODO: a dependency');
    put('src/.hidden.ts', '// TODO: hidden');
    put('src/main.ts', '// TODO: seen');
    put('src/.gitignore', 'build/\n');
    put('src/build/out.js', '// TODO: ignored by src/.gitignore');
    const listed = (await listWorkspaceFiles(root, () => true)).map((f) => f.path).sort();
    expect(listed).toEqual(['Note.md', 'src/.gitignore', 'src/main.ts']);
  });
});
