// Every ```tasks block of the Obsidian Tasks sample vault must parse without throwing; those
// using instructions we do not support must say so in an error. Prints the figures.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../../core/tasks/query/index.js';
import { explainQuery } from '../../../../core/tasks/query/explainQuery.js';
import { hasCorpora, noticeIfNoCorpora, tasksDemoVault } from '../../../support/corpora.js';

noticeIfNoCorpora();

interface Block {
  file: string;
  line: number;
  source: string;
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith('.') ? [] : markdownFiles(p);
    return e.name.endsWith('.md') ? [p] : [];
  });
}

/** Top-level ``` fences whose info string is `tasks` (fences nested in longer fences are examples). */
export function tasksBlocks(text: string): { line: number; source: string }[] {
  const blocks: { line: number; source: string }[] = [];
  const lines = text.split(/\r?\n/);
  let fence: { char: string; len: number; start: number; tasks: boolean } | null = null;
  let body: string[] = [];
  lines.forEach((l, i) => {
    const m = /^( {0,3})(`{3,}|~{3,})(.*)$/.exec(l);
    if (!fence) {
      if (m) {
        fence = { char: m[2]![0]!, len: m[2]!.length, start: i, tasks: m[2]![0] === '`' && m[3]!.trim().split(/\s+/)[0] === 'tasks' };
        body = [];
      }
    } else if (m && m[2]![0] === fence.char && m[2]!.length >= fence.len && m[3]!.trim() === '') {
      if (fence.tasks) blocks.push({ line: fence.start + 2, source: body.join('\n') });
      fence = null;
    } else body.push(l);
  });
  return blocks;
}

const blocks: Block[] = hasCorpora
  ? markdownFiles(tasksDemoVault).flatMap((file) =>
      tasksBlocks(readFileSync(file, 'utf8')).map((b) => ({ file: path.relative(tasksDemoVault, file), ...b })),
    )
  : [];

/** The vault's own Tasks settings define presets (Settings → Presets); pass them as Tasks would. */
const presets: Record<string, string> = hasCorpora
  ? (JSON.parse(readFileSync(path.join(tasksDemoVault, '.obsidian/plugins/obsidian-tasks-plugin/data.json'), 'utf8')) as {
      presets: Record<string, string>;
    }).presets
  : {};

describe.skipIf(!hasCorpora)('Obsidian Tasks sample vault query blocks', () => {
  it('finds the 245 ```tasks blocks', () => {
    expect(blocks.length).toBe(245);
  });

  it('parses and explains every block without throwing; reports what is unsupported', () => {
    let clean = 0;
    const kinds = new Map<string, number>();
    for (const block of blocks) {
      const q = parseQuery(block.source, { queryPath: block.file, today: '2024-05-15', presets });
      expect(() => explainQuery(q, { today: '2024-05-15', queryPath: block.file })).not.toThrow();
      if (q.errors.length === 0) clean++;
      for (const e of q.errors) {
        expect(e.line).toBeGreaterThan(0);
        expect(e.message).toContain(`(line ${e.line})`);
        const kind = classify(e.instruction, e.message);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
    const report = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, n]) => `  ${n} × ${k}`);
    console.log(`[corpus] ${clean} of ${blocks.length} tasks blocks parse cleanly; errors by kind:\n${report.join('\n')}`);
    expect(clean).toBeGreaterThanOrEqual(151);
    expect([...kinds.keys()].filter((k) => k.startsWith('other'))).toEqual([]);
  });
});

function classify(instruction: string, message: string): string {
  if (/'filter by function' is not supported/.test(message)) return 'filter by function (JavaScript)';
  if (/'sort by function' is not supported/.test(message)) return 'sort by function (JavaScript)';
  if (/'group by function' is not supported/.test(message)) return 'group by function (JavaScript)';
  if (/unknown preset/.test(message)) return 'unknown preset (deliberate in the vault)';
  if (/placeholder .* is not supported/.test(message)) return 'placeholder needing JavaScript or note properties';
  if (/^view\b/i.test(instruction)) return 'view (list/columns)';
  if (/Boolean/.test(message)) return 'malformed Boolean (deliberate in the vault)';
  if (/regular expression|Regular expressions/i.test(message)) return 'invalid regex (deliberate in the vault)';
  if (/^preset daily_note/.test(instruction) && /Valid date filters/.test(message))
    return 'daily-note preset in a note not named YYYY-MM-DD (Tasks fails too)';
  return `other: ${instruction.split('\n')[0]!.slice(0, 60)}: ${message.slice(0, 120)}`;
}
