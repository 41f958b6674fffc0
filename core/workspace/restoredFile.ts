import type { Diagnostic } from '../../shared-types/index.js';
import { setKnownRelations } from '../graph/relations.js';
import { linksOfFile } from '../links/fileLinks.js';
import { defineLazyLines } from '../markdown/lazyLines.js';
import { defineLazyListItems } from '../markdown/lazyListItems.js';
import type { Link, ParsedNote } from '../markdown/types.js';
import type { Task } from '../tasks/types.js';
import { noteFieldsOfOutline, relationsOfOutline, type NoteOutline, type NoteSummary } from './fileSummary.js';
import { lazyText } from './lazyText.js';

// A note restored from the store (a warm start). What the task and link indexes read is there at
// once: its tasks and its links' targets. The rest — the note (frontmatter, headings, links with
// their ranges, …), its diagnostics and its links — is made from the stored outline when
// something first reads `note`, `diagnostics` or `knownLinks`: a start that only queries tasks
// and links never makes it. Its text is read on first use, and its list items come from a full
// parse on first use (lazyListItems.ts). Accessors are shared functions on own, enumerable
// properties, so a restored file looks like a parsed one to readers (spread, toEqual, JSON) and
// every restored file shares one hidden class.

export interface RestoredFileParts {
  path: string;
  summary: NoteSummary;
  tasks: Task[];
  /** The stored outline, parsed when first needed; null when it is unusable. */
  loadOutline: () => NoteOutline | null;
  /** The file's decoded text, read when something first asks for it. */
  loadText: () => string;
  /** The file as a parse of its bytes makes it: what an unusable outline falls back to. */
  parse: () => ParsedFile;
}

interface ParsedFile {
  text: string;
  note: ParsedNote | null;
  diagnostics: Diagnostic[];
}

/** What a restored file makes from its outline on first read. */
interface Opened {
  note: ParsedNote;
  diagnostics: Diagnostic[];
  knownLinks: Link[];
}

interface Pending {
  loadOutline: (() => NoteOutline | null) | null;
  parse: (() => ParsedFile) | null;
  opened: Opened | null;
}

const slot = Symbol('outline');

interface Restored {
  readonly path: string;
  readonly text: string;
  readonly knownLinkTargets: readonly string[];
  [slot]: Pending;
}

function opened(file: Restored): Opened {
  const pending = file[slot];
  if (pending.opened) return pending.opened;
  const outline = pending.loadOutline!();
  const fromOutline = outline ? openOutline(file, outline) : null;
  // An outline that does not match the summary is as good as none: the note is parsed instead.
  pending.opened = fromOutline && sameTargets(fromOutline.knownLinks, file.knownLinkTargets) ? fromOutline : openParse(file, pending.parse!());
  pending.loadOutline = null;
  pending.parse = null;
  return pending.opened;
}

function openOutline(file: Restored, outline: NoteOutline): Opened {
  const fields = noteFieldsOfOutline(outline);
  const note = {
    path: file.path,
    hadBom: outline.hadBom,
    frontmatter: outline.frontmatter,
    headings: fields.headings,
    blockIds: fields.blockIds,
    tags: fields.tags,
    links: fields.links,
    diagnostics: outline.noteDiagnostics,
  };
  // The note's text is the file's text without a BOM (parseNote drops it; decodeNote already has).
  lazyText(note, () => file.text);
  defineLazyListItems(note as unknown as { path: string; text: string }, null);
  defineLazyLines(note as unknown as { text: string }, null);
  // Only what the relations need is kept, not the whole outline.
  const kept = { relations: outline.relations, typos: outline.typos };
  setKnownRelations(note as unknown as ParsedNote, (links) => relationsOfOutline(kept, links));
  return { note: note as unknown as ParsedNote, diagnostics: outline.diagnostics, knownLinks: fields.fileLinks };
}

function openParse(file: Restored, parsed: ParsedFile): Opened {
  const note = parsed.note!;
  return { note, diagnostics: parsed.diagnostics, knownLinks: linksOfFile({ path: file.path, text: parsed.text, note }) ?? [] };
}

function sameTargets(links: readonly Link[], targets: readonly string[]): boolean {
  return links.length === targets.length && links.every((l, i) => l.target === targets[i]);
}

/** An accessor for one of the fields made on first read; one getter and setter per field for every restored file, so every one shares one hidden class. */
function openedField<K extends keyof Opened>(key: K): PropertyDescriptor {
  return {
    get(this: Restored): Opened[K] {
      return opened(this)[key];
    },
    set(this: Restored, value: Opened[K]) {
      opened(this)[key] = value;
    },
    enumerable: true,
    configurable: true,
  };
}

const accessors: PropertyDescriptorMap = { note: openedField('note'), diagnostics: openedField('diagnostics'), knownLinks: openedField('knownLinks') };

/** A WorkspaceFile-shaped object for a restored note, plus what the link index takes as it is. */
export function restoredFile({ path, summary, tasks, loadOutline, loadText, parse }: RestoredFileParts) {
  const file = {
    path,
    kind: 'markdown' as const,
    version: summary.version,
    tasks,
    /** The targets of `knownLinks`, in order: the link index resolves these without making the links. */
    knownLinkTargets: summary.linkTargets as readonly string[],
  };
  const pending: Pending = { loadOutline, parse, opened: null };
  Object.defineProperty(file, slot, { value: pending, writable: false, enumerable: false, configurable: false });
  lazyText(file, loadText);
  Object.defineProperties(file, accessors);
  return file as typeof file & { text: string; note: ParsedNote; diagnostics: Diagnostic[]; knownLinks: Link[] };
}
