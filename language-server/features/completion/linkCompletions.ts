import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import { resolveLinkTarget } from '../../../core/links/resolveLinkTarget.js';
import type { VaultFiles } from '../../../core/links/vaultFiles.js';
import type { ParsedNote } from '../../../core/markdown/types.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { shortestLinkTarget, vaultOf } from '../shared/linkText.js';
import type { LinkRanker } from '../shared/options.js';
import { sortKey } from './fieldCompletions.js';
import { matchTier, NameIndex, type NameEntry } from './nameIndex.js';

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
  entry: NameEntry;
  tier: number;
  relevance: number;
  popularity: number;
}

const maxNotes = 100;
/** How long completion waits for the ranker before answering in name order (it is asked again as the user types). */
export const rankerBudgetMs = 10;

/**
 * Notes (by name, then by alias) matching what was typed. Ranked by how the name matches, then by
 * the ranker's relevance to the paragraph (when one is wired and answers in time), then by how
 * often notes are linked. Only the best `maxNotes` are ordered in full.
 */
export async function noteItems(
  workspace: Workspace,
  fromPath: string,
  ctx: WikilinkContext,
  paragraph: string,
  ranker: LinkRanker | undefined,
  names: NameIndex = new NameIndex(),
): Promise<{ items: CompletionItem[]; incomplete: boolean }> {
  const query = ctx.typed.trim().toLowerCase();
  const queryWords = query.split(/\s+/).filter((w) => w !== '');
  const relevance = ranker ? await withinBudget(() => ranker.scores({ fromPath, paragraph, query: ctx.typed.trim(), limit: maxNotes })) : noScores;
  const best = new TopK<Candidate>(maxNotes, (a, b) => compareCandidates(a, b, fromPath));
  let matched = 0;
  const links = workspace.linkIndex();
  for (const entry of names.all(workspace)) {
    const file = entry.file;
    if (!(ctx.embed ? file.kind !== 'code' : file.kind === 'markdown' || file.kind === 'canvas')) continue;
    const tier = matchTier(entry, query, queryWords);
    if (tier === 0) continue;
    matched++;
    best.offer({ entry, tier, relevance: relevance.get(file.path) ?? 0, popularity: links.backlinkCount(file.path) });
  }
  let vault: VaultFiles | null = null;
  const items = best.sorted().map(({ entry: c }, i): CompletionItem => {
    // Only a name shared by several files needs the resolver to pick the shortest unambiguous text.
    let target = c.title;
    if (c.file.kind !== 'markdown') target = c.file.path.slice(c.file.path.lastIndexOf('/') + 1);
    if (names.filesNamed(c.title.toLowerCase()) > 1 || c.file.kind !== 'markdown') {
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
  return { items, incomplete: matched > maxNotes };
}

const noScores: ReadonlyMap<string, number> = new Map();

/** The ranker's answer if it comes within the budget; else none (name order). A failing ranker is no ranker. */
async function withinBudget(ask: () => ReadonlyMap<string, number> | Promise<ReadonlyMap<string, number>>): Promise<ReadonlyMap<string, number>> {
  let answer: ReadonlyMap<string, number> | Promise<ReadonlyMap<string, number>>;
  try {
    answer = ask();
  } catch {
    return noScores;
  }
  if (!(answer instanceof Promise)) return answer;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<ReadonlyMap<string, number>>((resolve) => (timer = setTimeout(() => resolve(noScores), rankerBudgetMs)));
  try {
    return await Promise.race([answer.catch(() => noScores), late]);
  } finally {
    clearTimeout(timer);
  }
}

function compareCandidates(a: Candidate, b: Candidate, fromPath: string): number {
  return (
    b.tier - a.tier ||
    b.relevance - a.relevance ||
    Number(a.entry.alias !== null) - Number(b.entry.alias !== null) ||
    Number(a.entry.file.path === fromPath) - Number(b.entry.file.path === fromPath) ||
    b.popularity - a.popularity ||
    a.entry.title.length - b.entry.title.length ||
    compare(a.entry.file.path, b.entry.file.path) ||
    compare(a.entry.alias ?? '', b.entry.alias ?? '')
  );
}

/** The best `k` of a stream under `order`, kept sorted, without sorting the whole stream. */
class TopK<T> {
  private readonly items: T[] = [];
  constructor(
    private readonly k: number,
    private readonly order: (a: T, b: T) => number,
  ) {}

  offer(item: T): void {
    const items = this.items;
    if (items.length === this.k && this.order(item, items[items.length - 1]!) >= 0) return;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.order(items[mid]!, item) <= 0) low = mid + 1;
      else high = mid;
    }
    items.splice(low, 0, item);
    if (items.length > this.k) items.pop();
  }

  sorted(): readonly T[] {
    return this.items;
  }
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
  const path = workspace.linkIndex().resolve(target, fromPath);
  return path ? (workspace.file(path)?.note ?? null) : null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
