import type { Diagnostic } from '../../shared-types/index.js';
import { relationsOfNote, type NoteRelations, type RelationTypo } from '../graph/relations.js';
import type { RelationName } from '../graph/types.js';
import { linksOfFile } from '../links/fileLinks.js';
import type { Range } from '../../shared-types/index.js';
import type { BlockId, Frontmatter, Heading, Link, LinkKind, ParsedNote, Tag } from '../markdown/types.js';
import { taskFromLine } from '../tasks/extractTasks.js';
import type { Task, TaskSettings } from '../tasks/types.js';

/**
 * What a warm start restores of one markdown note instead of parsing it: everything the task
 * index, the link index, the graph and the diagnostics read, as plain JSON. Tasks are kept as
 * their line (plus heading and indentation parent) and read again with `taskFromLine`: that is
 * about as fast as parsing their JSON and a fraction of the bytes. Not kept: the text, the lines
 * and the list items — a restored note parses itself in full when something asks for those.
 *
 * Bump `summaryFormat` whenever parsing changes what any of these fields hold: a store written
 * by another format is ignored (every note is parsed again), never read.
 */
export const summaryFormat = 2;

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

/** Stored as tuples: half the bytes of the objects' JSON, so the store reads and parses in half the time. */
export interface NoteSummary {
  version: string;
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
  /** [line, lineText, heading, indentParentLine] per task. */
  tasks: [number, string, string | null, number | null][];
  /** relationsOfNote over linksOfFile: [index into those links, relation]. */
  relations: [number, RelationName][];
  typos: RelationTypo[];
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

/** The summary of a parsed note, or null when its frontmatter holds values JSON cannot carry (then it is always parsed). */
export function summarizeNote(path: string, text: string, version: string, note: ParsedNote, tasks: readonly Task[], diagnostics: readonly Diagnostic[]): NoteSummary | null {
  if (note.frontmatter?.data && !isPlainJson(note.frontmatter.data, 0)) return null;
  const links = linksOfFile({ path, text, note }) ?? [];
  const body = note.links.filter((l) => !l.external).length;
  const frontmatterLinks = links.slice(0, links.length - body);
  const found = relationsOfNote(note, links);
  const position = new Map(links.map((l, i) => [l, i]));
  return {
    version,
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
    tasks: tasks.map((t) => [t.line, t.lineText, t.heading, t.indentParentLine]),
    relations: [...found.relations].map(([link, name]) => [position.get(link)!, name]),
    typos: found.typos,
  };
}

/** The objects parseNote would have made for the summary's note. */
export function noteFieldsOfSummary(summary: NoteSummary): RestoredNoteFields {
  const links = summary.links.map(linkOfTuple);
  const body = links.filter((l) => !l.external);
  return {
    headings: summary.headings.map((h) => ({ level: h[0], text: h[1], line: h[2], range: rangeAt(h, 3) })),
    blockIds: summary.blockIds.map((b) => ({ id: b[0], line: b[1], range: rangeAt(b, 2) })),
    tags: summary.tags.map((t) => ({ tag: t[0], range: t.length > 2 ? rangeAt(t, 2) : null, source: t[1] === 1 ? 'frontmatter' : 'inline' })),
    links,
    fileLinks: summary.frontmatterLinks.length === 0 ? body : [...summary.frontmatterLinks.map(linkOfTuple), ...body],
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
export function tasksOfSummary(path: string, summary: NoteSummary, settings: TaskSettings): Task[] {
  const tasks: Task[] = [];
  for (const [line, lineText, heading, indentParentLine] of summary.tasks) {
    const task = taskFromLine(path, line, lineText, settings);
    if (!task) continue;
    task.heading = heading;
    task.indentParentLine = indentParentLine;
    tasks.push(task);
  }
  return tasks;
}

/** relationsOfNote's answer for a restored note, given the links it was asked about (linksOfSummary's, in order). */
export function relationsOfSummary(summary: Pick<NoteSummary, 'relations' | 'typos'>, links: readonly Link[]): NoteRelations {
  const relations = new Map<Link, RelationName>();
  for (const [index, name] of summary.relations) {
    const link = links[index];
    if (link) relations.set(link, name);
  }
  return { relations, typos: summary.typos };
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
