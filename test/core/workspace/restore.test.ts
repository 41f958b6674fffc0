import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { toTaskJson } from '../../../core/tasks/taskJson.js';
import type { NoteOutline, NoteSummary, StoredNote } from '../../../core/workspace/fileSummary.js';
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
  const outlines: string[] = [];
  let restoredCount = 0;
  for (const f of files) {
    const stored = parsed.storedNote(f.path);
    if (stored) {
      const { summary, outline } = viaJson(stored);
      restored.restore(f.path, summary, () => (outlines.push(f.path), outline), () => (reads.push(f.path), bytes.get(f.path)!));
      restoredCount++;
    } else {
      restored.setBytes(f.path, bytes.get(f.path)!);
    }
  }
  return { parsed, restored, reads, outlines, restoredCount, bytes };
}

/** What a note's stored form reads back as from its JSON. */
function viaJson(stored: StoredNote): StoredNote {
  return JSON.parse(JSON.stringify(stored)) as StoredNote;
}

/** Restores `path` from a parse of `text`, with its stored form changed by `change`. */
function restoredFrom(text: string, change: (stored: StoredNote) => { summary: NoteSummary; outline: NoteOutline | null }, others: Record<string, string> = {}) {
  const parsed = new Workspace(defaultTaskSettings());
  const restored = new Workspace(defaultTaskSettings());
  parsed.setText('n.md', text);
  for (const [path, other] of Object.entries(others)) {
    parsed.setText(path, other);
    restored.setText(path, other);
  }
  const { summary, outline } = change(viaJson(parsed.storedNote('n.md')!));
  const reads: string[] = [];
  restored.restore('n.md', summary, () => outline, () => (reads.push('n.md'), encoder.encode(text)));
  return { parsed, restored, reads };
}

describe('a workspace restored from note summaries', () => {
  it('answers tasks, links, diagnostics and the graph exactly as the parsed one (sample vault)', async () => {
    const { parsed, restored, reads, restoredCount } = await parsedAndRestored(sampleVault);
    expect(restoredCount).toBeGreaterThan(5);
    expect(restored.taskIndex().tasks).toEqual(parsed.taskIndex().tasks);
    expect(answers(restored)).toEqual(answers(parsed));
    // None of that needed a note's text.
    expect(reads).toEqual([]);
  });

  it('queries tasks and links without making any note from its outline', async () => {
    const { parsed, restored, reads, outlines } = await parsedAndRestored(sampleVault);
    const index = restored.taskIndex();
    expect(index.tasks.map((t) => toTaskJson(t, index))).toEqual(parsed.taskIndex().tasks.map((t) => toTaskJson(t, parsed.taskIndex())));
    expect(index.ready().length).toBeGreaterThan(0);
    const links = restored.linkIndex();
    expect(links.resolvedLinks()).toEqual(parsed.linkIndex().resolvedLinks());
    expect(links.unresolvedLinks()).toEqual(parsed.linkIndex().unresolvedLinks());
    const hub = [...parsed.files()].map((f) => f.path).sort((a, b) => parsed.linkIndex().backlinkCount(b) - parsed.linkIndex().backlinkCount(a))[0]!;
    expect(parsed.linkIndex().backlinkCount(hub)).toBeGreaterThan(1);
    expect(links.backlinks(hub)).toEqual(parsed.linkIndex().backlinks(hub));
    expect(outlines).toEqual([]);
    expect(reads).toEqual([]);
    // A note's links, with their ranges, come from its outline when first asked for.
    const source = [...links.backlinks(hub).keys()][0]!;
    expect(links.outgoing(source)).toEqual(parsed.linkIndex().outgoing(source));
    expect(outlines).toEqual([source]);
    expect(reads).toEqual([]);
  });

  it('parses the note when its outline is unusable, and answers as the parse does', () => {
    const text = '---\ntags: [a]\n---\n# Plan\n- [ ] ship [[Spec]] 📅 2026-01-01\n- [ ] again 📅 2026-13-01\n';
    const { parsed, restored, reads } = restoredFrom(text, (s) => ({ summary: s.summary, outline: null }), { 'Spec.md': '# Spec\n' });
    expect(restored.taskIndex().tasks.map((t) => t.description)).toEqual(['ship [[Spec]]', 'again']);
    expect(reads).toEqual([]);
    expect(answers(restored)).toEqual(answers(parsed));
    expect(restored.file('n.md')!.note).toEqual(parsed.file('n.md')!.note);
    expect(reads).toEqual(['n.md']);
  });

  it('answers for the bytes on disk when an unusable outline makes it read a note that changed', () => {
    const parsed = new Workspace(defaultTaskSettings());
    parsed.setText('n.md', '- [ ] ship [[Spec]]\n');
    const now = 'see [[Other]] and [[Spec]]\n';
    const restored = new Workspace(defaultTaskSettings());
    restored.setText('Spec.md', '');
    restored.restore('n.md', parsed.storedNote('n.md')!.summary, () => null, () => encoder.encode(now));
    const links = restored.linkIndex();
    expect(links.outgoing('n.md').map((o) => [o.link.target, o.target])).toEqual([['Other', null], ['Spec', 'Spec.md']]);
    expect(links.unresolvedOf('n.md')).toEqual(new Map([['Other', 1]]));
    expect(restored.file('n.md')!.text).toBe(now);
    expect(restored.taskIndex().tasks).toEqual([]);
  });

  it('parses the note when its outline disagrees with its summary', () => {
    const text = '- [ ] ship [[Spec]]\nsee [[Other]]\n';
    const { parsed, restored } = restoredFrom(text, (s) => ({ summary: s.summary, outline: { ...s.outline, links: s.outline.links.slice(1) } }), { 'Spec.md': '' });
    expect(answers(restored)).toEqual(answers(parsed));
  });

  it('a summary whose link targets disagree with the note is put right once the note is read', () => {
    const text = '- [ ] ship [[Spec]]\n';
    const { parsed, restored } = restoredFrom(text, (s) => ({ summary: { ...s.summary, linkTargets: ['Wrong'] }, outline: s.outline }), { 'Spec.md': '' });
    // What the link index resolves at first is what the summary says…
    expect(restored.linkIndex().unresolvedOf('n.md')).toEqual(new Map([['Wrong', 1]]));
    // …until the note's links are read: then they are attached again, as they are.
    expect(restored.linkIndex().outgoing('n.md').map((o) => o.target)).toEqual(['Spec.md']);
    expect(answers(restored)).toEqual(answers(parsed));
  });

  it('reads a note only when its text, lines or list items are asked for, and then matches the parse', async () => {
    const { parsed, restored, reads, outlines } = await parsedAndRestored(sampleVault);
    const note = [...parsed.files()].find((f) => f.kind === 'markdown' && f.tasks.length > 0)!;
    const back = restored.file(note.path)!;
    expect(back.version).toBe(note.version);
    expect(back.note!.headings).toEqual(note.note!.headings);
    expect(back.note!.links).toEqual(note.note!.links);
    expect(outlines).toEqual([note.path]);
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
    const { summary, outline } = parsed.storedNote('a.md')!;
    const restored = new Workspace(defaultTaskSettings());
    restored.restore('a.md', summary, () => outline, () => encoder.encode('- [x] one\n- [ ] two\n'));
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
    const { summary, outline } = viaJson(parsed.storedNote('n.md')!);
    restored.restore('n.md', summary, () => outline, () => (reads.push('n.md'), encoder.encode(text)));
    restored.setText('Spec.md', '# Spec\n');
    expect(answers(restored)).toEqual(answers(parsed));
    expect(parsed.diagnostics().map((d) => d.code)).toEqual(expect.arrayContaining(['unknown-relation', 'unresolved-link']));
    expect(reads).toEqual([]);
  });

  it('does not summarize a note whose frontmatter JSON cannot carry', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('n.md', '---\nsize: .inf\n---\ntext\n');
    expect(workspace.storedNote('n.md')).toBeNull();
    workspace.setText('m.md', '---\nsize: 3\n---\ntext\n');
    expect(workspace.storedNote('m.md')).not.toBeNull();
    workspace.setText('c.ts', '// TODO x\n');
    expect(workspace.storedNote('c.ts')).toBeNull();
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
      expect(restored.taskIndex().tasks).toEqual(parsed.taskIndex().tasks);
      expect(answers(restored)).toEqual(answers(parsed));
      expect(reads).toEqual([]);
    }, 60_000);
  }
});
