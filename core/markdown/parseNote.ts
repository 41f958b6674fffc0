import type { Diagnostic } from '../../shared-types/index.js';
import { splitLines } from '../text/lines.js';
import { scanBlocks, type BlockFindings } from './blockScanner.js';
import { readFrontmatter } from './frontmatter.js';
import { defineLazyLines } from './lazyLines.js';
import { defineLazyListItems } from './lazyListItems.js';
import type { Link, ListItem, ParsedNote, Tag } from './types.js';

/**
 * Everything the index needs from one note, read the way Obsidian reads it. Never throws: a
 * note that defeats the parser still yields its lines and a diagnostic, so indexing goes on.
 * A leading BOM is dropped from `text` (positions are those an editor shows) and reported in `hadBom`.
 */
export function parseNote(path: string, input: string): ParsedNote {
  const hadBom = input.charCodeAt(0) === 0xfeff;
  const text = hadBom ? input.slice(1) : input;
  const lines = splitLines(text);
  const fields: Omit<ParsedNote, 'lines' | 'listItems' | 'taskItems'> = {
    path,
    text,
    hadBom,
    frontmatter: null,
    headings: [],
    blockIds: [],
    tags: [],
    links: [],
    diagnostics: [],
  };
  // `lines`, `listItems` and `taskItems` are accessors (lazyLines.ts, lazyListItems.ts): the owner may drop them and have them made again.
  const note: ParsedNote = defineLazyListItems(defineLazyLines(fields, lines), { listItems: [], taskItems: [] });
  try {
    const fm = readFrontmatter(path, lines);
    note.frontmatter = fm.frontmatter;
    note.diagnostics.push(...fm.diagnostics);
    const findings: BlockFindings = { headings: [], blockIds: [], listItems: [], tags: [], links: [] };
    scanBlocks(lines, fm.frontmatter ? fm.frontmatter.endLine + 1 : 0, findings);
    const frontmatterTags: Tag[] = (fm.frontmatter?.tags ?? []).map((tag) => ({ tag, range: null, source: 'frontmatter' }));
    note.headings = findings.headings;
    note.blockIds = findings.blockIds;
    note.tags = [...frontmatterTags, ...findings.tags];
    note.links = sortByPosition(findings.links);
    note.listItems = findings.listItems;
    note.taskItems = taskItemIndexes(findings.listItems);
  } catch (e) {
    note.diagnostics.push(internalError(path, e));
  }
  return note;
}

/** Indexes of the list items that carry a checkbox. A loop, not `flatMap`: that allocated an array per item. */
function taskItemIndexes(items: readonly ListItem[]): number[] {
  const indexes: number[] = [];
  for (let i = 0; i < items.length; i++) if (items[i]!.checkbox !== null) indexes.push(i);
  return indexes;
}

/** Wikilinks and markdown links are found in separate passes; readers expect document order. */
function sortByPosition(links: Link[]): Link[] {
  return links.sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
}

function internalError(path: string, e: unknown): Diagnostic {
  return {
    path,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'error',
    code: 'invalid-frontmatter',
    message: `Scriptorium could not parse this note (${e instanceof Error ? e.message : String(e)}); please report it.`,
  };
}
