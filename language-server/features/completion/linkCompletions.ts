import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import { resolveLinkTarget } from '../../../core/links/resolveLinkTarget.js';
import type { VaultFiles } from '../../../core/links/vaultFiles.js';
import type { ParsedNote } from '../../../core/markdown/types.js';
import type { Workspace, WorkspaceFile } from '../../../core/workspace/workspace.js';
import { noteTitle } from '../shared/documents.js';
import { shortestLinkTarget, vaultOf } from '../shared/linkText.js';
import type { LinkRanker } from '../shared/options.js';
import { sortKey } from './fieldCompletions.js';

/** A `[[` being typed: what of it, where its parts are, and whether `]]` already follows. */
export interface WikilinkContext {
  embed: boolean;
  /** `note`: the target is being typed; `heading`/`block`: the subpath after `#` / `#^`. */
  part: 'note' | 'heading' | 'block';
  /** The target as typed (for subpaths: the note they belong to; `` = this note). */
  target: string;
  /** What is typed of the part being completed. */
  typed: string;
  /** The range the inserted text replaces: the part typed plus the rest of its word when the link is closed. */
  range: Range;
  /** True when the link is already closed after the cursor (`]]`, or `|alias]]`, `#sub]]`). */
  closed: boolean;
}

/** The wikilink being typed at `position`, or null when the cursor is not inside an open `[[`. */
export function wikilinkContextAt(lineText: string, position: Position): WikilinkContext | null {
  const prefix = lineText.slice(0, position.character);
  const open = prefix.lastIndexOf('[[');
  if (open < 0) return null;
  const content = prefix.slice(open + 2);
  if (content.includes(']]') || content.includes('|')) return null;
  const embed = open > 0 && prefix[open - 1] === '!';
  const rest = lineText.slice(position.character);
  const restWord = /^[^[\]|#]*/.exec(rest)![0];
  const after = rest.slice(restWord.length);
  const closed = after.startsWith(']]') || ((after.startsWith('|') || after.startsWith('#')) && /^[^[]*\]\]/.test(after));
  const end = { line: position.line, character: position.character + (closed ? restWord.length : 0) };
  const hash = content.lastIndexOf('#');
  if (hash < 0) {
    return { embed, part: 'note', target: content, typed: content, range: { start: { line: position.line, character: open + 2 }, end }, closed };
  }
  const target = content.slice(0, content.indexOf('#')).trim();
  const sub = content.slice(hash + 1);
  const block = sub.startsWith('^');
  const start = open + 2 + hash + 1;
  return { embed, part: block ? 'block' : 'heading', target, typed: block ? sub.slice(1) : sub, range: { start: { line: position.line, character: start }, end }, closed };
}

interface Candidate {
  file: WorkspaceFile;
  title: string;
  /** The alias this candidate offers, or null for the note's own name. */
  alias: string | null;
  tier: number;
  relevance: number;
  popularity: number;
}

const maxNotes = 100;

/**
 * Notes (by name, then by alias) matching what was typed. Ranked by how the name matches, then by
 * the ranker's relevance to the paragraph (when one is wired), then by how often notes are linked.
 */
export async function noteItems(
  workspace: Workspace,
  fromPath: string,
  ctx: WikilinkContext,
  paragraph: string,
  ranker: LinkRanker | undefined,
): Promise<{ items: CompletionItem[]; incomplete: boolean }> {
  const query = ctx.typed.trim().toLowerCase();
  const relevance = ranker ? await ranker.scores({ fromPath, paragraph, query: ctx.typed.trim(), limit: maxNotes }) : new Map<string, number>();
  const links = workspace.linkIndex();
  const nameCount = new Map<string, number>();
  const candidates: Candidate[] = [];
  for (const file of workspace.files()) {
    const title = noteTitle(file.path);
    const key = title.toLowerCase();
    nameCount.set(key, (nameCount.get(key) ?? 0) + 1);
    if (!(ctx.embed ? file.kind !== 'code' : file.kind === 'markdown' || file.kind === 'canvas')) continue;
    const names: Array<string | null> = [null, ...(file.note?.frontmatter?.aliases ?? [])];
    for (const alias of names) {
      const tier = matchTier(alias ?? title, file.path, query);
      if (tier === 0) continue;
      candidates.push({ file, title, alias, tier, relevance: relevance.get(file.path) ?? 0, popularity: 0 });
    }
  }
  for (const c of candidates) c.popularity = sum(links.backlinks(c.file.path));
  candidates.sort(
    (a, b) =>
      b.tier - a.tier ||
      b.relevance - a.relevance ||
      Number(a.alias !== null) - Number(b.alias !== null) ||
      Number(a.file.path === fromPath) - Number(b.file.path === fromPath) ||
      b.popularity - a.popularity ||
      a.title.length - b.title.length ||
      compare(a.file.path, b.file.path),
  );
  const shown = candidates.slice(0, maxNotes);
  let vault: VaultFiles | null = null;
  const items = shown.map((c, i): CompletionItem => {
    // Only a name shared by several files needs the resolver to pick the shortest unambiguous text.
    let target = c.title;
    if (c.file.kind !== 'markdown') target = c.file.path.slice(c.file.path.lastIndexOf('/') + 1);
    if ((nameCount.get(c.title.toLowerCase()) ?? 0) > 1 || c.file.kind !== 'markdown') {
      vault ??= vaultOf(workspace);
      target = c.file.kind === 'markdown' ? shortestLinkTarget(c.file.path, fromPath, vault) : resolveLinkTarget(target, fromPath, vault) === c.file.path ? target : c.file.path;
    }
    const text = c.alias === null ? target : `${target}|${c.alias}`;
    return {
      label: c.alias ?? c.title,
      labelDetails: c.alias === null ? undefined : { description: `alias of ${c.title}` },
      kind: c.file.kind === 'markdown' ? CompletionItemKind.File : CompletionItemKind.Reference,
      detail: c.file.path,
      filterText: `${ctx.typed}${c.alias ?? c.title}`,
      sortText: sortKey(i),
      textEdit: { range: ctx.range, newText: ctx.closed ? text : `${text}]]` },
    };
  });
  return { items, incomplete: candidates.length > maxNotes };
}

/** How a name matches the query: 4 prefix, 3 word prefix, 2 substring, 1 path or all words, 0 none. */
function matchTier(name: string, path: string, query: string): number {
  if (query === '') return 1;
  const lower = name.toLowerCase();
  if (lower.startsWith(query)) return 4;
  if (lower.split(/[\s\-_.()]+/).some((w) => w.startsWith(query))) return 3;
  if (lower.includes(query)) return 2;
  const lowerPath = path.toLowerCase();
  if (lowerPath.includes(query)) return 1;
  const words = query.split(/\s+/).filter((w) => w !== '');
  return words.length > 1 && words.every((w) => lowerPath.includes(w)) ? 1 : 0;
}

/** Headings of the target note (`[[Note#`), or of this note (`[[#`). */
export function headingItems(note: ParsedNote, ctx: WikilinkContext): CompletionItem[] {
  const query = ctx.typed.trim().toLowerCase();
  return note.headings
    .filter((h) => h.text !== '' && h.text.toLowerCase().includes(query))
    .map((h, i) => ({
      label: h.text,
      labelDetails: { description: `H${h.level}` },
      kind: CompletionItemKind.Field,
      detail: `${note.path}:${h.line + 1}`,
      filterText: `${ctx.typed}${h.text}`,
      sortText: sortKey(i),
      textEdit: { range: ctx.range, newText: ctx.closed ? h.text : `${h.text}]]` },
    }));
}

/** Block ids of the target note (`[[Note#^`), with the block's line as a preview. */
export function blockItems(note: ParsedNote, ctx: WikilinkContext): CompletionItem[] {
  const query = ctx.typed.trim().toLowerCase();
  return note.blockIds
    .filter((b) => b.id.toLowerCase().includes(query))
    .map((b, i) => {
      const text = `^${b.id}`;
      return {
        label: text,
        kind: CompletionItemKind.Reference,
        detail: (note.lines[b.line]?.text ?? '').replace(/\s*\^[A-Za-z0-9-]+\s*$/, '').trim(),
        filterText: `^${ctx.typed}${b.id}`,
        sortText: sortKey(i),
        // The `^` typed is outside the range: the range starts at the `#`'s end, so the id replaces `^…`.
        textEdit: { range: ctx.range, newText: ctx.closed ? text : `${text}]]` },
      };
    });
}

/** The note a subpath completion reads: this one for `[[#`, else the resolved target. */
export function subpathNote(workspace: Workspace, fromPath: string, target: string): ParsedNote | null {
  if (target === '') return workspace.file(fromPath)?.note ?? null;
  const path = resolveLinkTarget(target, fromPath, vaultOf(workspace));
  return path ? (workspace.file(path)?.note ?? null) : null;
}

function sum(map: ReadonlyMap<string, number>): number {
  let total = 0;
  for (const n of map.values()) total += n;
  return total;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
