import type { Diagnostic } from '../../shared-types/index.js';
import { relationsOfNote, type NoteRelations, type RelationTypo } from '../graph/relations.js';
import type { RelationName } from '../graph/types.js';
import { linksOfFile } from '../links/fileLinks.js';
import type { Range } from '../../shared-types/index.js';
import type { BlockId, Frontmatter, Heading, Link, LinkKind, ParsedNote, Tag } from '../markdown/types.js';
import { taskOfTuple, taskTuple, type TaskTuple } from '../tasks/taskTuple.js';
import type { Task, TaskSettings } from '../tasks/types.js';

/**
 * What a warm start restores of one markdown note instead of parsing it, in two parts kept as
 * two JSON texts. The summary is what every start needs, parsed as the note is restored: the
 * tasks (as tuples: core/tasks/taskTuple.ts) and the targets of the links the link index
 * resolves. The outline is everything else the graph, the diagnostics and editor features read
 * (frontmatter, headings, block ids, tags, the links themselves with their ranges, diagnostics,
 * relations): parsed only when something first reads the restored note (restoredFile.ts), since
 * building it for every note was half of a warm start. Not kept: the text, the lines and the
 * list items — a restored note parses itself in full when something asks for those.
 *
 * Bump `summaryFormat` whenever parsing changes what any of these fields hold: a store written
 * by another format is ignored (every note is parsed again), never read.
 */
export const summaryFormat = 4;

// A range is spread into its tuple as start line, start character, end line, end character:
// one array per item, not two, is less to parse and less for the collector at a warm start.
type RangeParts = [number, number, number, number];
/** [level, text, line, ...range]. */
type HeadingTuple = [number, string, number, ...RangeParts];
/** [id, line, ...range]. */
type BlockIdTuple = [string, number, ...RangeParts];
/** [tag, 1 for frontmatter, ...range] — without the range when the tag has none. */
type TagTuple = [string, 0 | 1, ...RangeParts] | [string, 0 | 1];
/** [kind, target, subpath, alias, raw, 1 for external, ...range]. */
type LinkTuple = [LinkKind, string, string | null, string | null, string, 0 | 1, ...RangeParts];

/** What every restore needs at once. */
export interface NoteSummary {
  version: string;
  tasks: TaskTuple[];
  /** The targets of linksOfFile's links, in order (frontmatter links, then the body's non-external ones). */
  linkTargets: string[];
}

/** The rest of a note, as tuples: half the bytes of the objects' JSON, so it reads and parses in half the time. */
export interface NoteOutline {
  hadBom: boolean;
  frontmatter: Frontmatter | null;
  headings: HeadingTuple[];
  blockIds: BlockIdTuple[];
  tags: TagTuple[];
  /** The note's body links (ParsedNote.links). */
  links: LinkTuple[];
  /** Links from frontmatter values (found through the note's lines, so kept apart). */
  frontmatterLinks: LinkTuple[];
  /** The note's own diagnostics (ParsedNote.diagnostics). */
  noteDiagnostics: Diagnostic[];
  /** Every per-file diagnostic of the WorkspaceFile (decoding, note, task fields), in order. */
  diagnostics: Diagnostic[];
  /** relationsOfNote over linksOfFile: [index into those links, relation]. */
  relations: [number, RelationName][];
  typos: RelationTypo[];
}

/** A note as a warm start keeps it. */
export interface StoredNote {
  summary: NoteSummary;
  outline: NoteOutline;
}

/** A restored note's fields, as parseNote makes them. */
export interface RestoredNoteFields {
  headings: Heading[];
  blockIds: BlockId[];
  tags: Tag[];
  links: Link[];
  /** linksOfFile's answer: frontmatter links, then the body's non-external ones. */
  fileLinks: Link[];
}

/** The stored form of a parsed note, or null when its frontmatter holds values JSON cannot carry (then it is always parsed). */
export function storedNoteOf(path: string, text: string, version: string, note: ParsedNote, tasks: readonly Task[], diagnostics: readonly Diagnostic[]): StoredNote | null {
  if (note.frontmatter?.data && !isPlainJson(note.frontmatter.data, 0)) return null;
  const links = linksOfFile({ path, text, note }) ?? [];
  const body = note.links.filter((l) => !l.external).length;
  const frontmatterLinks = links.slice(0, links.length - body);
  const found = relationsOfNote(note, links);
  const position = new Map(links.map((l, i) => [l, i]));
  return {
    summary: {
      version,
      tasks: tasks.map(taskTuple),
      linkTargets: links.map((l) => l.target),
    },
    outline: {
      hadBom: note.hadBom,
      frontmatter: note.frontmatter,
      headings: note.headings.map((h) => [h.level, h.text, h.line, ...rangeParts(h.range)]),
      blockIds: note.blockIds.map((b) => [b.id, b.line, ...rangeParts(b.range)]),
      tags: note.tags.map((t) => {
        const fm = t.source === 'frontmatter' ? 1 : 0;
        return t.range ? [t.tag, fm, ...rangeParts(t.range)] : [t.tag, fm];
      }),
      links: note.links.map(linkTuple),
      frontmatterLinks: frontmatterLinks.map(linkTuple),
      noteDiagnostics: note.diagnostics,
      diagnostics: [...diagnostics],
      relations: [...found.relations].map(([link, name]) => [position.get(link)!, name]),
      typos: found.typos,
    },
  };
}

/** The summary's shape holds (what a torn or foreign file fails); its values are checked as they are read. */
export function isNoteSummary(s: unknown): s is NoteSummary {
  const summary = s as NoteSummary | null;
  return (
    typeof summary === 'object' && summary !== null && typeof summary.version === 'string' && Array.isArray(summary.tasks) &&
    Array.isArray(summary.linkTargets) && summary.linkTargets.every((t) => typeof t === 'string')
  );
}

export function isNoteOutline(o: unknown): o is NoteOutline {
  const outline = o as NoteOutline | null;
  return (
    typeof outline === 'object' && outline !== null && typeof outline.hadBom === 'boolean' &&
    [outline.headings, outline.blockIds, outline.tags, outline.links, outline.noteDiagnostics, outline.diagnostics, outline.frontmatterLinks, outline.relations, outline.typos].every(Array.isArray)
  );
}

/** The objects parseNote would have made for the outline's note. */
export function noteFieldsOfOutline(outline: NoteOutline): RestoredNoteFields {
  const links = outline.links.map(linkOfTuple);
  const body = links.filter((l) => !l.external);
  return {
    headings: outline.headings.map((h) => ({ level: h[0], text: h[1], line: h[2], range: rangeAt(h, 3) })),
    blockIds: outline.blockIds.map((b) => ({ id: b[0], line: b[1], range: rangeAt(b, 2) })),
    tags: outline.tags.map((t) => ({ tag: t[0], range: t.length > 2 ? rangeAt(t, 2) : null, source: t[1] === 1 ? 'frontmatter' : 'inline' })),
    links,
    fileLinks: outline.frontmatterLinks.length === 0 ? body : [...outline.frontmatterLinks.map(linkOfTuple), ...body],
  };
}

function rangeParts(r: Range): RangeParts {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

/** The range spread into `tuple` from index `at`. */
function rangeAt(tuple: readonly unknown[], at: number): Range {
  const n = tuple as readonly number[];
  return { start: { line: n[at]!, character: n[at + 1]! }, end: { line: n[at + 2]!, character: n[at + 3]! } };
}

function linkTuple(l: Link): LinkTuple {
  return [l.kind, l.target, l.subpath, l.alias, l.raw, l.external ? 1 : 0, ...rangeParts(l.range)];
}

function linkOfTuple(t: LinkTuple): Link {
  return { kind: t[0], target: t[1], subpath: t[2], alias: t[3], raw: t[4], range: rangeAt(t, 6), external: t[5] === 1 };
}

/** The tasks of a summary, as tasksFromNote made them. */
export function tasksOfSummary(path: string, summary: Pick<NoteSummary, 'tasks'>, settings: TaskSettings): Task[] {
  return summary.tasks.map((tuple) => taskOfTuple(path, tuple, settings));
}

/** relationsOfNote's answer for a restored note, given the links it was asked about (linksOfFile's, in order). */
export function relationsOfOutline(outline: Pick<NoteOutline, 'relations' | 'typos'>, links: readonly Link[]): NoteRelations {
  const relations = new Map<Link, RelationName>();
  for (const [index, name] of outline.relations) {
    const link = links[index];
    if (link) relations.set(link, name);
  }
  return { relations, typos: outline.typos };
}

/** Strings, finite numbers, booleans, null, arrays and plain objects: what JSON gives back unchanged. */
function isPlainJson(value: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every((v) => v !== undefined && isPlainJson(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) if (key === '__proto__' || !isPlainJson(v, depth + 1)) return false;
  return true;
}
