// @vitest-environment happy-dom
// The Obsidian plugin's source on a fake Obsidian runtime (test/obsidian/fake) under happy-dom,
// talking to the real browser build of the server (dist/server-browser.js in a node thread).
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contentHash as coreHash } from '../../core/text/hash.js';
import { contentHash as pluginHash } from '../../obsidian-plugin/src/server/contentHash.js';
import { TaskPane } from '../../obsidian-plugin/src/tasks/taskPane.js';
import type { LinkChoice } from '../../obsidian-plugin/src/writing/linkSuggest.js';
import { RelatedPane } from '../../obsidian-plugin/src/writing/relatedPane.js';
import { MarkdownView, Menu, Modal, Notice, TFile, type FuzzySuggestModal } from './fake/index.js';
import { hasCorpora, noticeIfNoCorpora, tasksDemoVault } from '../support/corpora.js';
import { eventually, loadPlugin, readVault, repoRoot, type LoadedPlugin } from './harness.js';

const website = 'Projects/Website relaunch.md';

function rowOf(root: HTMLElement, description: string): HTMLElement {
  // Descriptions keep their tags (`Write launch copy #writing`).
  const named = (text: string | null | undefined) => text === description || text?.startsWith(`${description} #`);
  const row = [...root.querySelectorAll<HTMLElement>('.scriptorium-task')].find((r) => named(r.querySelector('.scriptorium-task-description')?.textContent));
  if (!row) throw new Error(`no row "${description}" in: ${[...root.querySelectorAll('.scriptorium-task-description')].map((d) => d.textContent).join(' | ')}`);
  return row;
}

function lastModal<T>(): T {
  const modal = Modal.opened.at(-1);
  if (!modal) throw new Error('no modal is open');
  return modal as unknown as T;
}

function changedLines(before: string, after: string): { line: number; before: string; after: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b.length).toBe(a.length);
  return a.flatMap((text, i) => (text === b[i] ? [] : [{ line: i, before: text, after: b[i]! }]));
}

describe('the Obsidian plugin on the sample vault', () => {
  let loaded: LoadedPlugin;
  const read = (p: string) => loaded.app.vault.adapter.texts.get(p)!;

  beforeEach(async () => {
    Notice.shown = [];
    Menu.lastShown = null;
    Modal.opened = [];
    document.body.empty();
    loaded = await loadPlugin(readVault(path.join(repoRoot, 'sample-vault')));
  });
  afterEach(() => loaded.unload());

  async function openTaskPane(): Promise<TaskPane> {
    await loaded.app.executeCommand('scriptorium:open-task-pane');
    const view = loaded.app.workspace.getLeavesOfType('scriptorium-tasks')[0]!.view as unknown as TaskPane;
    await eventually(() => rowOf(view.contentEl, 'Launch'), 'the pane shows the vault’s tasks');
    // Commands run without being awaited (as in Obsidian): the pane becomes the active leaf once it has opened.
    await eventually(() => expect(loaded.app.workspace.activeLeaf?.view?.getViewType()).toBe('scriptorium-tasks'), 'the pane is active');
    return view;
  }

  it('loads: commands without hotkeys, views, code block processors, the status bar', () => {
    const { app } = loaded;
    expect([...app.commands.keys()].sort()).toEqual(['scriptorium:open-related-notes', 'scriptorium:open-task-pane', 'scriptorium:show-ready-tasks']);
    expect([...app.workspace.viewCreators.keys()].sort()).toEqual(['scriptorium-related', 'scriptorium-tasks']);
    expect([...app.codeBlockProcessors.keys()].sort()).toEqual(['scriptorium', 'tasks']);
    expect(app.workspace.statusBarEl.textContent).toMatch(/^Scriptorium: \d+ files$/);
    expect(app.settingTabs).toHaveLength(1);
    app.settingTabs[0]!.display();
    expect(app.settingTabs[0]!.containerEl.querySelectorAll('.setting-item').length).toBeGreaterThan(8);
  });

  it('the task pane shows tasks by note, nested, with progress and what blocks them', async () => {
    const pane = await openTaskPane();
    const root = pane.contentEl;
    const groups = [...root.querySelectorAll('.scriptorium-group-title > span:first-child')].map((s) => s.textContent);
    expect(groups).toEqual(expect.arrayContaining(['Projects/Website relaunch', 'Projects/Reading group', 'src/deploy.ts']));
    const design = rowOf(root, 'Design the new landing page');
    expect(design.querySelector('.is-progress')?.textContent).toBe('1/3');
    const children = [...design.parentElement!.querySelectorAll(':scope > .scriptorium-children .scriptorium-task-description')].map((d) => d.textContent);
    expect(children).toEqual(['Wireframes', 'High-fidelity mockups', 'Accessibility review']);
    expect(rowOf(root, 'Launch').querySelector('.is-blocked')?.textContent).toBe('blocked by Build the page templates, Write launch copy #writing');
    expect(rowOf(root, 'Build the page templates').querySelector('.is-role')?.textContent).toBe('@coder');

    pane.setOptions({ readyOnly: true });
    expect(root.querySelector('[data-key="Projects/Website relaunch.md:18"]')).toBeNull();
    expect(rowOf(root, 'High-fidelity mockups').classList.contains('is-context')).toBe(false);
    pane.setOptions({ readyOnly: false, filter: 'launch copy' });
    expect([...root.querySelectorAll('.scriptorium-task-description')].map((d) => d.textContent)).toEqual(['Write launch copy #writing']);
    pane.setOptions({ filter: '', grouping: 'role' });
    expect([...root.querySelectorAll('.scriptorium-group-title > span:first-child')].map((s) => s.textContent)).toEqual(expect.arrayContaining(['coder', 'designer', 'writer', '(no role)']));
    pane.setOptions({ grouping: 'tag' });
    expect([...root.querySelectorAll('.scriptorium-group-title > span:first-child')].map((s) => s.textContent)).toContain('#writing');
  });

  it('clicking a task opens its note at its line', async () => {
    const pane = await openTaskPane();
    (rowOf(pane.contentEl, 'Launch').querySelector('.scriptorium-task-description') as HTMLElement).click();
    const view = await eventually(() => {
      const active = loaded.app.workspace.getActiveViewOfType(MarkdownView as never) as unknown as MarkdownView | null;
      if (!active) throw new Error(`no note is open (active: ${loaded.app.workspace.activeLeaf?.view?.getViewType()}, leaves: ${loaded.app.workspace.leaves.map((l) => l.view?.getViewType()).join()}, notices: ${Notice.shown.join('; ')})`);
      return active;
    }, 'a note opened');
    expect(view.file.path).toBe(website);
    expect(view.editor.getCursor().line).toBe(17);
  });

  it('the checkbox asks the server, and its edit changes exactly one line; the pane follows', async () => {
    const pane = await openTaskPane();
    const before = read(website);
    (rowOf(pane.contentEl, 'High-fidelity mockups').querySelector('input') as HTMLInputElement).click();
    const after = await eventually(() => {
      const text = read(website);
      expect(text).not.toBe(before);
      return text;
    }, 'the file changed');
    const changes = changedLines(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0]!.before).toBe('    - [ ] High-fidelity mockups ⏳ 2026-11-25');
    expect(changes[0]!.after).toMatch(/^ {4}- \[x\] High-fidelity mockups ⏳ 2026-11-25 ✅ \d{4}-\d{2}-\d{2}$/);
    await eventually(() => expect((rowOf(pane.contentEl, 'High-fidelity mockups').querySelector('input') as HTMLInputElement).checked).toBe(true), 'the pane shows it done');
    await eventually(() => expect(rowOf(pane.contentEl, 'Design the new landing page').querySelector('.is-progress')?.textContent).toBe('2/3'), 'progress rolls up');
  });

  it('refuses an edit computed for text the file no longer has, and loses nothing', async () => {
    const pane = await openTaskPane();
    const typed = read(website).replace('## Notes', '## Notes\n\nTyped a moment ago, not yet seen by Scriptorium.');
    loaded.app.vault.changeSilently(website, typed);
    (rowOf(pane.contentEl, 'High-fidelity mockups').querySelector('input') as HTMLInputElement).click();
    await eventually(() => expect(Notice.shown.join('\n')).toMatch(/changed since Scriptorium last read it; nothing was changed/), 'a notice explains the refusal');
    expect(read(website)).toBe(typed);
  });

  it('the status menu sets a status; assign role and add dependency go through pickers', async () => {
    const pane = await openTaskPane();
    const menuOf = (description: string) => {
      (rowOf(pane.contentEl, description).querySelector('.scriptorium-task-menu') as HTMLElement).click();
      return Menu.lastShown!;
    };
    let before = read(website);
    menuOf('Accessibility review').click('[/] In progress');
    await eventually(() => expect(read(website)).not.toBe(before), 'status set');
    expect(changedLines(before, read(website)).map((c) => c.after)).toEqual(['    - [/] Accessibility review [role:: reviewer]']);

    // A change chosen from the pane before it re-read the file would be refused as stale: wait for the new rows.
    await eventually(() => expect(rowOf(pane.contentEl, 'Accessibility review').querySelector('.is-status')?.textContent).toBe('In Progress'), 'pane refreshed');
    before = read(website);
    menuOf('Write launch copy').click('Assign role…');
    const rolePicker = await eventually(() => lastModal<FuzzySuggestModal<unknown> & { choose(q: string): unknown }>(), 'role picker');
    rolePicker.choose('coder');
    await eventually(() => expect(read(website)).not.toBe(before), `role set (${Notice.shown.join('; ')})`);
    expect(changedLines(before, read(website)).map((c) => c.after)).toEqual(['- [ ] Write launch copy 🆔 copy ⛔ reqs [role:: coder] 📅 2026-12-01 #writing']);

    await eventually(() => expect(rowOf(pane.contentEl, 'Write launch copy').querySelector('.is-role')?.textContent).toBe('@coder'), 'pane refreshed');
    before = read(website);
    menuOf('Write launch copy').click('Add a dependency…');
    const taskPicker = await eventually(() => lastModal<{ choose(q: string): unknown }>(), 'task picker');
    taskPicker.choose('Build the page templates');
    await eventually(() => expect(read(website)).not.toBe(before), 'dependency added');
    expect(changedLines(before, read(website)).map((c) => c.after)).toEqual(['- [ ] Write launch copy 🆔 copy ⛔ reqs,build [role:: coder] 📅 2026-12-01 #writing']);
  });

  it('vault events reach the server: a new note’s task shows, a renamed note moves, a deleted one goes', async () => {
    const pane = await openTaskPane();
    await loaded.app.vault.create('Inbox.md', '- [ ] Answer the landlord\n');
    await eventually(() => expect(rowOf(pane.contentEl, 'Answer the landlord').dataset.key).toBe('Inbox.md:1'), 'created');
    await loaded.app.vault.rename(loaded.app.vault.getAbstractFileByPath('Inbox.md')!, 'Archive/Inbox.md');
    await eventually(() => expect(rowOf(pane.contentEl, 'Answer the landlord').dataset.key).toBe('Archive/Inbox.md:1'), 'renamed');
    await loaded.app.vault.delete(loaded.app.vault.getAbstractFileByPath('Archive/Inbox.md')!);
    await eventually(() => expect(() => rowOf(pane.contentEl, 'Answer the landlord')).toThrow(), 'deleted');
  });

  it('query blocks render through the server and only the affected block is redrawn', async () => {
    const { app, plugin } = loaded;
    const website = app.renderCodeBlock('scriptorium', 'not done\npath includes Website relaunch\nsort by description', 'Home.md');
    const reading = app.renderCodeBlock('tasks', 'path includes Reading group', 'Home.md');
    const broken = app.renderCodeBlock('scriptorium', 'not done\nsort by colour', 'Home.md');
    await eventually(() => expect(website.el.querySelector('.scriptorium-query-count')?.textContent).toBe('6 tasks'), 'first block');
    await eventually(() => expect(reading.el.querySelectorAll('.scriptorium-task').length).toBe(5), 'second block');
    await eventually(() => expect(broken.el.querySelector('.scriptorium-query-error')?.textContent).toMatch(/line 2/), 'error with its line');
    const shown = [...website.el.querySelectorAll('.scriptorium-task-description')].map((d) => d.textContent!);
    expect(shown).toHaveLength(6);
    expect(shown).toEqual([...shown].sort((a, b) => a.localeCompare(b)));
    expect(shown).not.toContain('Wireframes');
    const blocks = [...plugin.queryBlocks.blocks];
    const renders = () => blocks.map((b) => b.renders);
    const firstRenders = renders();
    const file = app.vault.getAbstractFileByPath('Projects/Website relaunch.md') as unknown as TFile;
    await app.vault.modify(file as never, `${read('Projects/Website relaunch.md')}\n- [ ] Announce the launch\n`);
    await eventually(() => expect(website.el.querySelector('.scriptorium-query-count')?.textContent).toBe('7 tasks'), 'the affected block updated');
    await plugin.queryBlocks.update();
    const [w, r, b] = renders();
    expect(w).toBe(firstRenders[0]! + 1);
    expect(r).toBe(firstRenders[1]);
    expect(b).toBe(firstRenders[2]);
    website.owner.unload();
    expect(plugin.queryBlocks.blocks.size).toBe(2);
  });

  it('`[[` suggestions (own trigger) come ranked by the server for the paragraph, and insert a link', async () => {
    const { app } = loaded;
    await app.vault.create('Scratch.md', '# Scratch\n\nThe landing page spec says the design waits for requirements. \n');
    const leaf = app.workspace.getLeaf() as unknown as { openFile(f: unknown): Promise<void>; view: MarkdownView };
    await leaf.openFile(app.vault.getAbstractFileByPath('Scratch.md'));
    const view = leaf.view;
    view.editor.setCursor({ line: 2, ch: view.editor.getLine(2).length });
    view.editor.type('@@');
    const opened = await app.workspace.runEditorSuggest(view);
    expect(opened).not.toBeNull();
    const items = opened!.items as LinkChoice[];
    expect(items[0]).toMatchObject({ path: 'Specs/Landing page spec.md', ranked: true });
    expect(items.every((c, i) => i === 0 || !c.ranked || (c.score ?? 0) <= (items[i - 1]!.score ?? 0))).toBe(true);
    expect(opened!.elements[0]!.textContent).toContain('Landing page spec');
    opened!.suggest.selectSuggestion(items[0], new KeyboardEvent('keydown'));
    expect(view.editor.getLine(2)).toBe('The landing page spec says the design waits for requirements. [[Landing page spec]]');

    view.editor.type(' @@Read');
    const typed = await app.workspace.runEditorSuggest(view);
    expect((typed!.items as LinkChoice[]).map((c) => c.title)).toContain('Reading group');
    expect((typed!.items as LinkChoice[]).every((c) => /read/i.test(c.title) || /read/i.test(c.path))).toBe(true);
  });

  it('the related notes pane follows the note, with the why, insert-link and one-click unlinked mentions', async () => {
    const { app } = loaded;
    const leaf = app.workspace.getLeaf() as unknown as { openFile(f: unknown): Promise<void>; view: MarkdownView };
    await leaf.openFile(app.vault.getAbstractFileByPath('Projects/Website relaunch.md'));
    const note = leaf.view;
    note.editor.setCursor({ line: 7, ch: 0 });
    await app.executeCommand('scriptorium:open-related-notes');
    const pane = app.workspace.getLeavesOfType('scriptorium-related')[0]!.view as unknown as RelatedPane;
    await pane.follow(true);
    expect(pane.contentEl.querySelector('.scriptorium-empty:only-child')?.textContent ?? '').toBe('');
    const sections = [...pane.contentEl.querySelectorAll('.scriptorium-related-section')];
    expect(sections.map((s) => s.querySelector('h4')?.textContent)).toEqual(['For this paragraph', 'Related to this note', 'Unlinked mentions']);
    const related = [...sections[1]!.querySelectorAll('.scriptorium-related-title')].map((t) => t.textContent);
    expect(related.length).toBeGreaterThan(0);
    expect(sections[1]!.querySelector('.scriptorium-related-why')?.textContent).toBeTruthy();
    (sections[1]!.querySelector('.scriptorium-insert-link') as HTMLElement).click();
    expect(note.editor.getLine(7)).toBe(`[[${related[0]}]]`);
  });

  it('keeps the store bytes in the plugin folder, replacing the previous one whole', async () => {
    const persist = (loaded.plugin.bridge as unknown as { persistStore(p: { base64: string }): Promise<null> }).persistStore.bind(loaded.plugin.bridge);
    await persist({ base64: btoa('first') });
    await persist({ base64: btoa('second store') });
    const stored = loaded.app.vault.adapter.binaries.get('.obsidian/plugins/scriptorium/store.sqlite')!;
    expect(new TextDecoder().decode(stored)).toBe('second store');
    expect(loaded.app.vault.adapter.binaries.has('.obsidian/plugins/scriptorium/store.sqlite.tmp')).toBe(false);
  });
});

describe('the plugin’s copy of the content hash', () => {
  it('agrees with core’s, which the server puts in TaskItem.fileVersion', () => {
    for (const text of ['', '- [ ] a\n', 'é😀\r\nline', 'x'.repeat(10_000)]) expect(pluginHash(text)).toBe(coreHash(text));
  });
});

noticeIfNoCorpora();
describe.skipIf(!hasCorpora)('the Obsidian plugin on the obsidian-tasks-demo corpus vault', () => {
  it('the pane renders every note’s tasks, and a toggle changes one line of a real note', async () => {
    const loaded = await loadPlugin(readVault(tasksDemoVault));
    try {
      const tree = await loaded.plugin.client.taskTree();
      const total = tree.files.reduce((n, f) => n + f.tasks.length, 0);
      expect(total).toBeGreaterThan(100);
      await loaded.app.executeCommand('scriptorium:open-task-pane');
      const pane = loaded.app.workspace.getLeavesOfType('scriptorium-tasks')[0]!.view as unknown as TaskPane;
      await eventually(() => expect(pane.contentEl.querySelectorAll('.scriptorium-group').length).toBe(tree.files.length), 'one group per note with tasks');
      const first = tree.files.find((f) => f.path.endsWith('.md') && f.tasks.some((t) => t.task.status.type === 'TODO' && !t.task.blocked && !t.task.recurrence))!;
      const task = first.tasks.find((t) => t.task.status.type === 'TODO' && !t.task.blocked && !t.task.recurrence)!.task;
      const before = loaded.app.vault.adapter.texts.get(task.path)!;
      (pane.contentEl.querySelector(`[data-key="${CSS.escape(task.key)}"] input`) as HTMLInputElement).click();
      const after = await eventually(() => {
        const text = loaded.app.vault.adapter.texts.get(task.path)!;
        expect(text).not.toBe(before);
        return text;
      }, `${task.key} toggled (${Notice.shown.join('; ')})`);
      const changes = changedLines(before, after);
      expect(changes).toHaveLength(1);
      expect(changes[0]!.line).toBe(task.line - 1);
    } finally {
      loaded.unload();
    }
  });
});
