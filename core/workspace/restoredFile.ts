import type { Diagnostic } from '../../shared-types/index.js';
import { setKnownRelations } from '../graph/relations.js';
import { defineLazyLines } from '../markdown/lazyLines.js';
import { defineLazyListItems } from '../markdown/lazyListItems.js';
import type { Link, ParsedNote } from '../markdown/types.js';
import type { Task } from '../tasks/types.js';
import { noteFieldsOfSummary, relationsOfSummary, type NoteSummary } from './fileSummary.js';
import { lazyText } from './lazyText.js';

// A note restored from the store (a warm start): its summary is in memory, its text is read on
// first use and its list items come from a full parse on first use (lazyListItems.ts). Accessors are shared
// functions on own, enumerable properties, so a restored file looks like a parsed one to
// readers (spread, toEqual, JSON) and every restored file shares one hidden class.

export interface RestoredFileParts {
  path: string;
  summary: NoteSummary;
  tasks: Task[];
  /** The file's decoded text, read when something first asks for it. */
  loadText: () => string;
}

/** A WorkspaceFile-shaped object for a restored note, plus the links the link index takes as they are. */
export function restoredFile({ path, summary, tasks, loadText }: RestoredFileParts) {
  const fields = noteFieldsOfSummary(summary);
  const note = {
    path,
    hadBom: summary.hadBom,
    frontmatter: summary.frontmatter,
    headings: fields.headings,
    blockIds: fields.blockIds,
    tags: fields.tags,
    links: fields.links,
    diagnostics: summary.noteDiagnostics,
  };
  const file = {
    path,
    kind: 'markdown' as const,
    version: summary.version,
    note: note as unknown as ParsedNote,
    tasks,
    diagnostics: summary.diagnostics as Diagnostic[],
    knownLinks: fields.fileLinks as Link[] | null,
  };
  lazyText(file, loadText);
  // The note's text is the file's text without a BOM (parseNote drops it; decodeNote already has).
  lazyText(note, () => (file as unknown as { text: string }).text);
  defineLazyListItems(note as unknown as { path: string; text: string }, null);
  defineLazyLines(note as unknown as { text: string }, null);
  // Only what the relations need is kept, not the whole summary.
  const kept = { relations: summary.relations, typos: summary.typos };
  setKnownRelations(note as unknown as ParsedNote, (links) => relationsOfSummary(kept, links));
  return file as typeof file & { text: string };
}
