import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { toTaskJson } from '../../../core/tasks/taskJson.js';
import { Workspace } from '../../../core/workspace/workspace.js';
import { listWorkspaceFiles } from '../../../language-server/node/readWorkspaceFiles.js';
import { sampleVault } from '../../cli/runCli.js';
import { dwarvesVault, hasCorpora, noticeIfNoCorpora, tasksDemoVault } from '../../support/corpora.js';

const encoder = new TextEncoder();

/** Everything a reader can ask a workspace, as plain data. */
function answers(workspace: Workspace) {
  const index = workspace.taskIndex();
  const links = workspace.linkIndex();
  const edges: string[] = [];
  workspace.graph().forEachEdge((_e, a, s, t) => edges.push(`${s} ${a.type} ${t} ${a.count}`));
  return {
    tasks: index.tasks.map((t) => toTaskJson(t, index)),
    ready: index.ready().map((t) => index.keyOf(t)),
    resolved: links.resolvedLinks(),
    unresolved: links.unresolvedLinks(),
    diagnostics: workspace.diagnostics(),
    edges: edges.sort(),
  };
}

/** A vault read twice: parsed, and restored from JSON summaries of the parse (as a warm start does). */
async function parsedAndRestored(root: string) {
  const files = await listWorkspaceFiles(root, () => true);
  const parsed = new Workspace(defaultTaskSettings());
  const bytes = new Map<string, Uint8Array>();
  for (const f of files) {
    const b = new Uint8Array(readFileSync(f.absolute));
    bytes.set(f.path, b);
    parsed.setBytes(f.path, b);
  }
  const restored = new Workspace(defaultTaskSettings());
  const reads: string[] = [];
  let restoredCount = 0;
  for (const f of files) {
    const summary = parsed.summary(f.path);
    if (summary) {
      restored.restore(f.path, JSON.parse(JSON.stringify(summary)), () => (reads.push(f.path), bytes.get(f.path)!));
      restoredCount++;
    } else {
      restored.setBytes(f.path, bytes.get(f.path)!);
    }
  }
  return { parsed, restored, reads, restoredCount, bytes };
}

describe('a workspace restored from note summaries', () => {
  it('answers tasks, links, diagnostics and the graph exactly as the parsed one (sample vault)', async () => {
    const { parsed, restored, reads, restoredCount } = await parsedAndRestored(sampleVault);
    expect(restoredCount).toBeGreaterThan(5);
    expect(answers(restored)).toEqual(answers(parsed));
    // None of that needed a note's text.
    expect(reads).toEqual([]);
  });

  it('reads a note only when its text, lines or list items are asked for, and then matches the parse', async () => {
    const { parsed, restored, reads } = await parsedAndRestored(sampleVault);
    const note = [...parsed.files()].find((f) => f.kind === 'markdown' && f.tasks.length > 0)!;
    const back = restored.file(note.path)!;
    expect(back.version).toBe(note.version);
    expect(back.note!.headings).toEqual(note.note!.headings);
    expect(back.note!.links).toEqual(note.note!.links);
    expect(reads).toEqual([]);
    expect(back.text).toBe(note.text);
    expect(reads).toEqual([note.path]);
    expect(back.note!.lines).toEqual(note.note!.lines);
    expect(back.note!.listItems).toEqual(note.note!.listItems);
    expect(back.note!.taskItems).toEqual(note.note!.taskItems);
    expect(back.note).toEqual(note.note);
    expect(reads).toEqual([note.path]);
  });

  it('replaces a restored note by a parse when the bytes read later differ from what was stored', () => {
    const parsed = new Workspace(defaultTaskSettings());
    parsed.setText('a.md', '- [ ] one 📅 2026-01-01\n');
    const summary = parsed.summary('a.md')!;
    const restored = new Workspace(defaultTaskSettings());
    restored.restore('a.md', summary, () => encoder.encode('- [x] one\n- [ ] two\n'));
    expect(restored.taskIndex().tasks.map((t) => t.description)).toEqual(['one']);
    expect(restored.file('a.md')!.text).toBe('- [x] one\n- [ ] two\n');
    expect(restored.file('a.md')!.tasks.map((t) => `${t.symbol}|${t.description}`)).toEqual(['x|one', ' |two']);
    expect(restored.taskIndex().tasks).toHaveLength(2);
  });

  it('keeps relations and their typos without reading the note', () => {
    const text = '---\nimplements: "[[Spec]]"\nimplemnts: "[[Other]]"\n---\n- [ ] build [implements:: [[Spec]]] (validtes:: [[Spec]])\nsee [[Missing]]\n';
    const parsed = new Workspace(defaultTaskSettings());
    parsed.setText('n.md', text);
    parsed.setText('Spec.md', '# Spec\n');
    const restored = new Workspace(defaultTaskSettings());
    const reads: string[] = [];
    restored.restore('n.md', JSON.parse(JSON.stringify(parsed.summary('n.md'))), () => (reads.push('n.md'), encoder.encode(text)));
    restored.setText('Spec.md', '# Spec\n');
    expect(answers(restored)).toEqual(answers(parsed));
    expect(parsed.diagnostics().map((d) => d.code)).toEqual(expect.arrayContaining(['unknown-relation', 'unresolved-link']));
    expect(reads).toEqual([]);
  });

  it('does not summarize a note whose frontmatter JSON cannot carry', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('n.md', '---\nsize: .inf\n---\ntext\n');
    expect(workspace.summary('n.md')).toBeNull();
    workspace.setText('m.md', '---\nsize: 3\n---\ntext\n');
    expect(workspace.summary('m.md')).not.toBeNull();
    workspace.setText('c.ts', '// TODO x\n');
    expect(workspace.summary('c.ts')).toBeNull();
  });
});

describe.skipIf(!hasCorpora)('restored corpora', () => {
  noticeIfNoCorpora();
  for (const [name, root] of [
    ['obsidian-tasks-demo', tasksDemoVault],
    ['dwarves-brain', dwarvesVault],
  ] as const) {
    it(`${name}: the restored workspace answers as the parsed one`, async () => {
      const { parsed, restored, reads, restoredCount } = await parsedAndRestored(root);
      expect(restoredCount).toBeGreaterThan(100);
      expect(answers(restored)).toEqual(answers(parsed));
      expect(reads).toEqual([]);
    }, 60_000);
  }
});
