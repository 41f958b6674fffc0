import { ItemView, MarkdownView, Notice, TFile, type Editor, type WorkspaceLeaf } from 'obsidian';
import type { LinkSuggestion, SearchHit } from '../../../shared-types/protocol.js';
import type { ServerClient } from '../server/serverClient.js';
import { uriOfPath } from '../server/uris.js';
import type { PluginSettings } from '../settings.js';
import { linkTextFor } from './linkText.js';
import { paragraphRange } from './paragraph.js';

export const relatedPaneType = 'scriptorium-related';

interface Target {
  view: MarkdownView;
  file: TFile;
}

/**
 * Notes related to the paragraph under the cursor (and to the whole note), with the reason and
 * a button to insert a link; below, the note's unlinked mentions of other notes, linked in one click.
 */
export class RelatedPane extends ItemView {
  private target: Target | null = null;
  private shownKey: string | null = null;
  private bodyEl!: HTMLElement;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly client: ServerClient,
    private readonly settled: () => Promise<void>,
    private readonly settings: () => PluginSettings,
  ) {
    super(leaf);
  }

  getViewType(): string {
    return relatedPaneType;
  }

  getDisplayText(): string {
    return 'Related notes';
  }

  override getIcon(): string {
    return 'links-coming-in';
  }

  override async onOpen(): Promise<void> {
    this.contentEl.empty();
    this.contentEl.addClass('scriptorium-pane');
    this.bodyEl = this.contentEl.createDiv({ cls: 'scriptorium-related' });
    this.registerEvent(this.app.workspace.on('active-leaf-change', () => void this.follow()));
    this.registerEvent(this.app.workspace.on('editor-change', () => void this.follow()));
    this.register(this.client.onStatus((s) => s.state === 'ready' && void this.follow(true)));
    // Obsidian has no public cursor-moved event: look at the cursor's paragraph once a second.
    this.registerInterval(window.setInterval(() => void this.follow(), 1000));
    await this.follow(true);
  }

  /** Re-asks when the note or the cursor's paragraph changed (or when forced). */
  async follow(force = false): Promise<void> {
    const view = this.app.workspace.getActiveViewOfType(MarkdownView);
    if (view?.file) this.target = { view, file: view.file };
    const target = this.target;
    if (!target) {
      this.showMessage('Open a note to see notes related to what you are writing.');
      return;
    }
    const editor = target.view.editor;
    const range = paragraphRange(editor.lineCount(), (n) => editor.getLine(n), editor.getCursor().line);
    const key = `${target.file.path}:${range.start.line}:${editor.getRange({ line: range.start.line, ch: 0 }, { line: range.end.line, ch: range.end.character }).length}`;
    if (!force && key === this.shownKey) return;
    this.shownKey = key;
    const uri = uriOfPath(target.file.path);
    const limit = this.settings().suggestionLimit;
    try {
      await this.settled();
      const [paragraph, note, mentions] = await Promise.all([
        this.client.suggestLinks({ uri, range, limit }),
        this.client.relatedNotes({ uri, limit }),
        this.client.suggestLinks({ uri, limit: 50 }),
      ]);
      this.render(target, paragraph.suggestions, note.notes, mentions.suggestions.filter((s) => s.phrase));
    } catch (error) {
      this.shownKey = null;
      this.showMessage(`Not available yet: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private showMessage(text: string): void {
    this.bodyEl.empty();
    this.bodyEl.createDiv({ cls: 'scriptorium-empty', text });
  }

  private render(target: Target, paragraph: LinkSuggestion[], note: SearchHit[], mentions: LinkSuggestion[]): void {
    const body = this.bodyEl;
    body.empty();
    const own = (path: string) => path === target.file.path;
    this.section('For this paragraph', paragraph.filter((s) => !own(s.path)), (row, s) => this.entry(row, target, s.path, s.title, s.why));
    this.section('Related to this note', note.filter((n) => !own(n.path)), (row, n) => this.entry(row, target, n.path, n.title, n.snippet ?? n.heading ?? undefined));
    this.section('Unlinked mentions', mentions.filter((s) => !own(s.path)), (row, s) => {
      this.entry(row, target, s.path, s.title, s.phrase ? `“${s.phrase.text}”, line ${s.phrase.range.start.line + 1}` : undefined, false);
      row.createEl('button', { cls: 'scriptorium-link-mention', text: 'Link' }).addEventListener('click', () => this.linkMention(target, s));
    });
  }

  private section<T>(title: string, items: T[], renderItem: (row: HTMLElement, item: T) => void): void {
    const section = this.bodyEl.createDiv({ cls: 'scriptorium-related-section' });
    section.createEl('h4', { text: title });
    if (items.length === 0) section.createDiv({ cls: 'scriptorium-empty', text: 'Nothing yet.' });
    for (const item of items) renderItem(section.createDiv({ cls: 'scriptorium-related-note' }), item);
  }

  private entry(row: HTMLElement, target: Target, path: string, title: string, why: string | undefined, insert = true): void {
    const text = row.createDiv({ cls: 'scriptorium-related-text' });
    const link = text.createEl('a', { cls: 'scriptorium-related-title', text: title, href: '#' });
    link.addEventListener('click', (event) => {
      event.preventDefault();
      void this.app.workspace.openLinkText(path, target.file.path);
    });
    if (why) text.createDiv({ cls: 'scriptorium-related-why', text: why });
    if (insert) row.createEl('button', { cls: 'scriptorium-insert-link', text: 'Insert link' }).addEventListener('click', () => this.insertLink(target.view.editor, target, path));
  }

  insertLink(editor: Editor, target: Target, path: string): void {
    editor.replaceSelection(`[[${linkTextFor(this.app, path, target.file.path)}]]`);
  }

  /** Turns the mention into a link only if the editor still has that very phrase where the server saw it. */
  linkMention(target: Target, suggestion: LinkSuggestion): boolean {
    const phrase = suggestion.phrase;
    if (!phrase) return false;
    const editor = target.view.editor;
    const from = { line: phrase.range.start.line, ch: phrase.range.start.character };
    const to = { line: phrase.range.end.line, ch: phrase.range.end.character };
    if (editor.getRange(from, to) !== phrase.text) {
      new Notice('Scriptorium: the note changed since this mention was found; nothing was changed.');
      this.shownKey = null;
      return false;
    }
    const linktext = linkTextFor(this.app, suggestion.path, target.file.path);
    editor.replaceRange(linktext === phrase.text ? `[[${linktext}]]` : `[[${linktext}|${phrase.text}]]`, from, to);
    return true;
  }
}
