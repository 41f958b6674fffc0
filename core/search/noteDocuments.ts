import { transientLines } from '../markdown/lazyLines.js';
import type { ParsedNote } from '../markdown/types.js';

/** A note as the index sees it. */
export interface NoteDocument {
  id: string;
  /** The names a reader knows it by: file name, aliases, a frontmatter `title`. */
  title: string;
  /** Everything after the frontmatter, headings included. */
  body: string;
}

/** One heading-level section: from a heading to the next heading of any level (or the text before the first). */
export interface SectionDocument {
  /** null for the text before the first heading. */
  heading: string | null;
  /** Zero-based line of the heading (or of the first line after the frontmatter). */
  line: number;
  body: string;
  /** Where `body` starts and ends in the note's text. */
  start: number;
  end: number;
}

/** A note's file name without folder and `.md`: what `[[…]]` names it by. */
export function noteName(path: string): string {
  const file = path.slice(path.lastIndexOf('/') + 1);
  return file.toLowerCase().endsWith('.md') ? file.slice(0, -3) : file;
}

/** The names a note is known by, first the file name; aliases and a string `title` property follow. */
export function namesOfNote(path: string, note: ParsedNote): string[] {
  const names = [noteName(path)];
  const fm = note.frontmatter;
  if (fm) {
    names.push(...fm.aliases);
    const title = fm.data?.title;
    if (typeof title === 'string') names.push(title);
  }
  const seen = new Set<string>();
  return names.map((n) => n.trim()).filter((n) => n !== '' && !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}

/** The offset where the note's content starts (after the frontmatter). */
export function contentStart(note: ParsedNote): number {
  const end = note.frontmatter?.endLine;
  if (end === undefined) return 0;
  // Transient: keeping every note's split lines for search would hold ~20 MB at 10k notes.
  const next = transientLines(note)[end + 1];
  return next ? next.offset : note.text.length;
}

export function noteDocument(path: string, note: ParsedNote): NoteDocument {
  return { id: path, title: namesOfNote(path, note).join('\n'), body: note.text.slice(contentStart(note)) };
}

export function sectionDocuments(note: ParsedNote): SectionDocument[] {
  const out: SectionDocument[] = [];
  const firstLine = note.frontmatter ? note.frontmatter.endLine + 1 : 0;
  const lines = transientLines(note);
  const lineOffset = (line: number) => lines[line]?.offset ?? note.text.length;
  const push = (heading: string | null, line: number, from: number, to: number) => {
    const body = note.text.slice(from, to);
    if (heading === null && body.trim() === '') return;
    out.push({ heading, line, body, start: from, end: to });
  };
  const headings = note.headings.filter((h) => h.line >= firstLine);
  push(null, firstLine, lineOffset(firstLine), headings.length > 0 ? lineOffset(headings[0]!.line) : note.text.length);
  headings.forEach((h, i) => {
    const next = headings[i + 1];
    push(h.text, h.line, lineOffset(h.line + 1), next ? lineOffset(next.line) : note.text.length);
  });
  return out;
}

/**
 * A note's sections as kept between queries: the text they are slices of, and per section its
 * heading and line, start and end. About half the memory of the SectionDocument objects (58k
 * sections at 13k notes), which are made again, cheaply, when asked for.
 */
export interface PackedSections {
  readonly text: string;
  readonly headings: readonly (string | null)[];
  /** line, start, end of each section in turn. */
  readonly bounds: readonly number[];
}

export function packSections(text: string, sections: readonly SectionDocument[]): PackedSections {
  // Exact length: an array grown by push keeps room for 17 or more.
  const bounds = new Array<number>(3 * sections.length);
  sections.forEach((s, i) => {
    bounds[3 * i] = s.line;
    bounds[3 * i + 1] = s.start;
    bounds[3 * i + 2] = s.end;
  });
  return { text, headings: sections.map((s) => s.heading), bounds };
}

export function unpackSections(packed: PackedSections): SectionDocument[] {
  const { text, headings, bounds } = packed;
  return headings.map((heading, i) => {
    const start = bounds[3 * i + 1]!;
    const end = bounds[3 * i + 2]!;
    return { heading, line: bounds[3 * i]!, body: text.slice(start, end), start, end };
  });
}
