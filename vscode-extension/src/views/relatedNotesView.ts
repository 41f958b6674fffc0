import * as vscode from 'vscode';
import {
  ScriptoriumRequest,
  type LinkSuggestion,
  type RelatedNotesResult,
  type SearchHit,
  type SuggestLinksResult,
} from '../../../shared-types/protocol.js';
import type { ServerConnection } from '../client/connection.js';

export interface RelatedNote {
  kind: 'note';
  path: string;
  uri: string;
  title: string;
  /** Why it is related: the matching section or alias. */
  why?: string;
  /** For a paragraph suggestion: the words in the paragraph that name the note. */
  phrase?: LinkSuggestion['phrase'];
  /** The document the suggestion was made for. */
  forUri: string;
}

export type RelatedElement = { kind: 'section'; label: string; notes: RelatedNote[] } | RelatedNote;

export interface RelatedLimits {
  note: number;
  paragraph: number;
}

/** Where the cursor is: the document and the paragraph (zero-based lines, end inclusive) around it. */
export interface CursorPlace {
  uri: string;
  paragraph: { startLine: number; endLine: number; endCharacter: number } | null;
}

/**
 * The Related notes view: notes related to the active note (`scriptorium/relatedNotes`) and
 * notes worth linking from the cursor's paragraph (`scriptorium/suggestLinks`).
 */
export class RelatedNotesProvider implements vscode.TreeDataProvider<RelatedElement>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RelatedElement | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private sections: { label: string; notes: RelatedNote[] }[] = [];
  private generation = 0;
  private place: CursorPlace | null = null;

  constructor(
    private readonly connection: ServerConnection,
    private limits: () => RelatedLimits,
  ) {}

  /** Follows `place`; answers that arrive after a newer place was asked for are dropped. */
  async follow(place: CursorPlace | null): Promise<void> {
    this.place = place;
    const generation = ++this.generation;
    if (!place) {
      this.sections = [];
      this.changed.fire(undefined);
      return;
    }
    const limits = this.limits();
    const paragraph = limits.paragraph > 0 && place.paragraph ? this.paragraphSuggestions(place, limits.paragraph) : Promise.resolve([]);
    const [forParagraph, forNote] = await Promise.all([paragraph, this.relatedToNote(place.uri, limits.note)]);
    if (generation !== this.generation) return;
    this.sections = [];
    if (forParagraph.length > 0) this.sections.push({ label: 'Link from this paragraph', notes: forParagraph });
    if (forNote.length > 0) this.sections.push({ label: 'Related to this note', notes: forNote });
    this.changed.fire(undefined);
  }

  refresh(): Promise<void> {
    return this.follow(this.place);
  }

  private async relatedToNote(uri: string, limit: number): Promise<RelatedNote[]> {
    try {
      const result = await this.connection.sendRequest<RelatedNotesResult>(ScriptoriumRequest.relatedNotes, { uri, limit });
      return result.notes.map((hit: SearchHit) => ({ kind: 'note', path: hit.path, uri: hit.uri, title: hit.title, ...(hit.snippet ? { why: hit.snippet } : {}), forUri: uri }));
    } catch {
      return []; // not a note the server knows (outside the workspace, not indexed yet)
    }
  }

  private async paragraphSuggestions(place: CursorPlace, limit: number): Promise<RelatedNote[]> {
    const p = place.paragraph!;
    const range = { start: { line: p.startLine, character: 0 }, end: { line: p.endLine, character: p.endCharacter } };
    try {
      const result = await this.connection.sendRequest<SuggestLinksResult>(ScriptoriumRequest.suggestLinks, { uri: place.uri, range, limit });
      return result.suggestions.map((s) => ({ kind: 'note', path: s.path, uri: s.uri, title: s.title, ...(s.why ? { why: s.why } : {}), phrase: s.phrase ?? null, forUri: place.uri }));
    } catch {
      return [];
    }
  }

  getChildren(element?: RelatedElement): RelatedElement[] {
    if (!element) return this.sections.map((s) => ({ kind: 'section', ...s }));
    return element.kind === 'section' ? element.notes : [];
  }

  getTreeItem(element: RelatedElement): vscode.TreeItem {
    if (element.kind === 'section') {
      const item = new vscode.TreeItem(element.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `section:${element.label}`;
      item.contextValue = 'relatedSection';
      return item;
    }
    const item = new vscode.TreeItem(element.title, vscode.TreeItemCollapsibleState.None);
    item.description = element.phrase ? `“${element.phrase.text}”` : (element.why ?? element.path);
    item.tooltip = [element.path, element.why].filter(Boolean).join('\n');
    item.iconPath = new vscode.ThemeIcon(element.phrase ? 'link' : 'note');
    item.resourceUri = vscode.Uri.parse(element.uri);
    item.contextValue = 'relatedNote';
    item.command = { command: 'vscode.open', title: 'Open Note', arguments: [vscode.Uri.parse(element.uri)] };
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The wikilink to insert for a note: its title, with the phrase as the shown text when they differ. */
export function wikilinkFor(note: Pick<RelatedNote, 'title' | 'phrase'>): string {
  const phrase = note.phrase?.text;
  return phrase && phrase !== note.title ? `[[${note.title}|${phrase}]]` : `[[${note.title}]]`;
}

/** The paragraph around `line`: the run of non-blank lines containing it, or null on a blank line. */
export function paragraphAround(lineCount: number, lineAt: (line: number) => string, line: number): CursorPlace['paragraph'] {
  if (line < 0 || line >= lineCount || lineAt(line).trim() === '') return null;
  let start = line;
  while (start > 0 && lineAt(start - 1).trim() !== '') start--;
  let end = line;
  while (end < lineCount - 1 && lineAt(end + 1).trim() !== '') end++;
  return { startLine: start, endLine: end, endCharacter: lineAt(end).length };
}
