import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver';
import type { ParsedNote } from '../../core/markdown/types.js';
import type { FeatureContext } from '../server/featureContext.js';
import { noteAt, noteTitle } from './shared/documents.js';
import { sectionEndLine } from './shared/headings.js';

/** The heading outline of a note, nested by level; each heading's range is its section. */
export class DocumentSymbolProvider {
  constructor(private readonly context: FeatureContext) {}

  provideDocumentSymbols(uri: string): DocumentSymbol[] {
    const found = noteAt(this.context, uri);
    return found ? outline(found.note) : [];
  }
}

export function outline(note: ParsedNote): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: Array<{ level: number; symbol: DocumentSymbol }> = [];
  for (const heading of note.headings) {
    const end = sectionEndLine(note, heading);
    const symbol: DocumentSymbol = {
      name: heading.text === '' ? '(empty heading)' : heading.text,
      detail: `H${heading.level}`,
      kind: SymbolKind.String,
      range: { start: heading.range.start, end: { line: end, character: note.lines[end]?.text.length ?? 0 } },
      selectionRange: heading.range,
      children: [],
    };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.symbol.children!.push(symbol);
    else roots.push(symbol);
    stack.push({ level: heading.level, symbol });
  }
  return roots;
}

const maxSymbols = 500;

/**
 * Notes (by name and alias), headings and task ids matching the query: every query character in
 * order (the fuzzy rule editors use), names that start with it first.
 */
export class WorkspaceSymbolProvider {
  constructor(private readonly context: FeatureContext) {}

  provideWorkspaceSymbols(query: string): WorkspaceSymbol[] {
    const workspace = this.context.workspace();
    const q = query.toLowerCase();
    const scored: Array<{ symbol: WorkspaceSymbol; score: number }> = [];
    const add = (name: string, symbol: WorkspaceSymbol) => {
      const score = matchScore(name.toLowerCase(), q);
      if (score > 0) scored.push({ symbol, score });
    };
    const range = (line: number, start = 0, end = 0) => ({ start: { line, character: start }, end: { line, character: end } });
    for (const file of workspace.files()) {
      const uri = this.context.uriOf(file.path);
      if (file.note) {
        const title = noteTitle(file.path);
        add(title, { name: title, kind: SymbolKind.File, location: { uri, range: range(0) }, containerName: file.path });
        for (const alias of file.note.frontmatter?.aliases ?? [])
          add(alias, { name: alias, kind: SymbolKind.File, location: { uri, range: range(0) }, containerName: `alias of ${title}` });
        for (const h of file.note.headings) if (h.text !== '') add(h.text, { name: h.text, kind: SymbolKind.String, location: { uri, range: h.range }, containerName: title });
      }
      for (const task of file.tasks) {
        if (task.id === null) continue;
        add(`${task.id} ${task.description}`, {
          name: `🆔 ${task.id}`,
          kind: SymbolKind.Event,
          location: { uri, range: range(task.line, 0, task.lineText.length) },
          containerName: task.description,
        });
      }
    }
    scored.sort((a, b) => b.score - a.score || a.symbol.name.length - b.symbol.name.length || (a.symbol.name < b.symbol.name ? -1 : 1));
    return scored.slice(0, maxSymbols).map((s) => s.symbol);
  }
}

/** 3 prefix, 2 substring, 1 fuzzy subsequence, 0 no match; an empty query matches everything. */
function matchScore(name: string, q: string): number {
  if (q === '') return 1;
  if (name.startsWith(q)) return 3;
  if (name.includes(q)) return 2;
  let i = 0;
  for (const c of name) if (c === q[i]) i++;
  return i >= q.length ? 1 : 0;
}
