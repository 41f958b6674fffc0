import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskQueryResult } from '../../shared-types/protocol.js';
import type { TaskJson } from '../../shared-types/index.js';
import { write } from '../core/store/helpers.js';
import { LspClient } from '../lsp/lspClient.js';
import { copyOfVault, runCli, sampleVault } from './runCli.js';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** The sample vault as a repository with build output that nested `.gitignore` files hide. */
function repoWithNestedGitignores(): string {
  const repo = copyOfVault(sampleVault);
  folders.push(repo);
  const files: Record<string, string> = {
    '.gitignore': '*.draft.md\n',
    'packages/app/.gitignore': '/dist\n!keep.draft.md\n',
    'packages/app/dist/bundle.js': '// TODO: a comment in the bundle\n',
    'packages/app/dist/notes.md': '- [ ] A task in build output\n',
    'packages/app/src/main.ts': '// TODO: real work in the app\n',
    'packages/app/src/dist/helper.ts': '// FIXME: a dist folder deeper down is not anchored\n',
    'packages/app/keep.draft.md': '- [ ] Re-included draft\n',
    'packages/app/other.draft.md': '- [ ] Ignored draft\n',
    'packages/lib/.gitignore': 'generated/\n',
    'packages/lib/generated/types.ts': '// TODO: generated code\n',
    'packages/lib/index.ts': '// TODO: the library entry\n',
  };
  for (const [relative, text] of Object.entries(files)) write(repo, relative, text);
  return repo;
}

describe('scriptorium tasks and the server on a repository with nested .gitignore files', () => {
  it('list the same tasks, leaving out what the .gitignore files ignore', async () => {
    const repo = repoWithNestedGitignores();
    const run = runCli(['tasks', repo, '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const byCli = (JSON.parse(run.stdout) as TaskJson[]).map((t) => `${t.path}: ${t.description}`).sort();

    const client = await LspClient.start(repo);
    let byServer: string[];
    try {
      await client.ready();
      const result = await client.request<TaskQueryResult>('scriptorium/taskQuery', { query: 'sort by path' });
      byServer = result.groups.flatMap((g) => g.tasks.map((t) => `${t.path}: ${t.description}`)).sort();
    } finally {
      await client.stop();
    }

    expect(byCli).toEqual(byServer);
    const inPackages = byCli.filter((t) => t.startsWith('packages/'));
    expect(inPackages).toEqual([
      'packages/app/keep.draft.md: Re-included draft',
      'packages/app/src/dist/helper.ts: a dist folder deeper down is not anchored',
      'packages/app/src/main.ts: real work in the app',
      'packages/lib/index.ts: the library entry',
    ]);
  });
});
