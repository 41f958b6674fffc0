import { EditorSuggest, TFile, type App, type Editor, type EditorPosition, type EditorSuggestContext, type EditorSuggestTriggerInfo } from 'obsidian';
import type { ServerClient } from '../server/serverClient.js';
import { uriOfPath } from '../server/uris.js';
import type { PluginSettings } from '../settings.js';
import { linkTextFor } from './linkText.js';
import { paragraphRange, typedAfterTrigger } from './paragraph.js';

export interface LinkChoice {
  path: string;
  title: string;
  /** Ranked by meaning for the paragraph (the server), or found by name only. */
  ranked: boolean;
  score?: number;
  why?: string;
}

/**
 * `[[` (or the configured trigger) suggestions: the notes the server ranks by meaning for the
 * paragraph being written (`scriptorium/suggestLinks`), narrowed by what is typed, then notes
 * whose name matches what is typed.
 */
export class LinkSuggest extends EditorSuggest<LinkChoice> {
  constructor(
    app: App,
    private readonly client: ServerClient,
    private readonly settled: () => Promise<void>,
    private readonly settings: () => PluginSettings,
  ) {
    super(app);
  }

  private get trigger(): string {
    return this.settings().linkSuggestMode === 'replace' ? '[[' : this.settings().trigger;
  }

  onTrigger(cursor: EditorPosition, editor: Editor, file: TFile | null): EditorSuggestTriggerInfo | null {
    if (!file || this.settings().linkSuggestMode === 'off') return null;
    const typed = typedAfterTrigger(editor.getLine(cursor.line).slice(0, cursor.ch), this.trigger);
    if (!typed) return null;
    return { start: { line: cursor.line, ch: typed.at }, end: cursor, query: typed.query };
  }

  async getSuggestions(context: EditorSuggestContext): Promise<LinkChoice[]> {
    const { editor, file } = context;
    const limit = this.settings().suggestionLimit;
    const query = context.query.trim().toLowerCase();
    const range = paragraphRange(editor.lineCount(), (n) => editor.getLine(n), context.start.line);
    let ranked: LinkChoice[] = [];
    try {
      await this.settled();
      const result = await this.client.suggestLinks({ uri: uriOfPath(file.path), range, limit: Math.max(limit * 3, 20) });
      ranked = result.suggestions
        .filter((s) => s.path !== file.path)
        .map((s) => ({ path: s.path, title: s.title, ranked: true, score: s.score, ...(s.why ? { why: s.why } : {}) }));
    } catch {
      // not indexed yet, or a note the server does not know: names alone still help
    }
    const matches = (title: string, path: string) => query === '' || title.toLowerCase().includes(query) || path.toLowerCase().includes(query);
    const out = ranked.filter((c) => matches(c.title, c.path)).slice(0, limit);
    if (query !== '' && out.length < limit) {
      const seen = new Set(out.map((c) => c.path));
      const byName = this.app.vault
        .getMarkdownFiles()
        .filter((f) => f.path !== file.path && !seen.has(f.path) && matches(f.basename, f.path))
        .sort((a, b) => Number(!a.basename.toLowerCase().startsWith(query)) - Number(!b.basename.toLowerCase().startsWith(query)) || a.basename.localeCompare(b.basename));
      for (const f of byName.slice(0, limit - out.length)) out.push({ path: f.path, title: f.basename, ranked: false });
    }
    return out;
  }

  renderSuggestion(choice: LinkChoice, el: HTMLElement): void {
    el.addClass('scriptorium-suggestion');
    el.createDiv({ cls: 'scriptorium-suggestion-title', text: choice.title });
    const detail = choice.why ?? (choice.path.replace(/\.md$/, '') !== choice.title ? choice.path : '');
    if (detail) el.createDiv({ cls: 'scriptorium-suggestion-why', text: detail });
  }

  selectSuggestion(choice: LinkChoice): void {
    const context = this.context;
    if (!context) return;
    const { editor, start, end, file } = context;
    const after = editor.getLine(end.line).slice(end.ch);
    const closing = after.startsWith(']]') ? 2 : 0;
    const link = `[[${linkTextFor(this.app, choice.path, file.path)}]]`;
    editor.replaceRange(link, start, { line: end.line, ch: end.ch + closing });
    editor.setCursor({ line: start.line, ch: start.ch + link.length });
    this.close();
  }
}

/**
 * Obsidian asks its editor suggests in order and shows the first that triggers; its own link
 * suggest comes first. In `replace` mode ours moves ahead of it. The list is not public API:
 * when it is missing, ours simply stays behind Obsidian's.
 */
export function putFirst(app: App, suggest: EditorSuggest<unknown>): boolean {
  const manager = (app.workspace as unknown as { editorSuggest?: { suggests?: unknown[] } }).editorSuggest;
  const list = manager?.suggests;
  if (!Array.isArray(list)) return false;
  const at = list.indexOf(suggest);
  if (at > 0) {
    list.splice(at, 1);
    list.unshift(suggest);
  }
  return at >= 0;
}
