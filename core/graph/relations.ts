import type { Range } from '../../shared-types/index.js';
import { transientLines } from '../markdown/lazyLines.js';
import type { Line, Link, ParsedNote } from '../markdown/types.js';
import { RELATION_NAMES, type RelationName } from './types.js';

/** An inline field on one line: `[name:: value]`, `(name:: value)`, or a whole-line `name:: value`. */
export interface InlineField {
  name: string;
  nameStart: number;
  nameEnd: number;
  /** Columns of the value (between `::` and the closing bracket, or the end of the line). */
  valueStart: number;
  valueEnd: number;
}

/** A link written as a relation whose name we do not know but that is one typo away from one we do. */
export interface RelationTypo {
  name: string;
  suggestion: RelationName;
  range: Range;
}

export interface NoteRelations {
  /** The links (objects of the list given) written as a relation, with its name. */
  relations: Map<Link, RelationName>;
  typos: RelationTypo[];
}

const relationByName = new Map<string, RelationName>(RELATION_NAMES.map((n) => [n, n]));

/** The relation a field or property name states (case-insensitive), or null. */
export function relationOf(name: string): RelationName | null {
  return relationByName.get(name.trim().toLowerCase()) ?? null;
}

const knownRelations = new WeakMap<ParsedNote, (links: readonly Link[]) => NoteRelations>();

/** A note restored from the store answers from what was found when it was parsed (its lines are not in memory). */
export function setKnownRelations(note: ParsedNote, answer: (links: readonly Link[]) => NoteRelations): void {
  knownRelations.set(note, answer);
}

/**
 * Which of a note's links are written as relations. `links` are the note's links as the link
 * index holds them (body and frontmatter); the answer refers to those very objects.
 *
 * - In the body, a link is a relation when it lies in the value of an inline field named by a
 *   relation: `[implements:: [[A]]]` / `(implements:: [[A]])` anywhere on a line, or
 *   `implements:: [[A]], [[B]]` at the start of a line's content (after blockquote markers, a
 *   list marker and a checkbox), as Dataview reads them. The innermost field counts.
 * - In frontmatter, a property named by a relation whose value (or list item) is one whole
 *   `"[[…]]"` makes that link a relation.
 * - An unknown name is someone else's field (Dataview's `author:: [[X]]`) and is not reported,
 *   unless it is a likely typo of a relation name (Damerau–Levenshtein distance ≤ 2, not a
 *   past participle such as `created`, which notes use for dates): that becomes a typo.
 */
export function relationsOfNote(note: ParsedNote, links: readonly Link[]): NoteRelations {
  const known = knownRelations.get(note);
  if (known) return known(links);
  const relations = new Map<Link, RelationName>();
  const typos: RelationTypo[] = [];
  const fm = note.frontmatter;
  const inFrontmatter = (line: number) => fm !== null && line >= fm.startLine && line <= fm.endLine;

  const fieldsByLine = new Map<number, InlineField[]>();
  const reported = new Set<string>();
  // Split once for this pass, not kept on the note (see core/markdown/lazyLines.ts).
  let lines: readonly Line[] | null = null;
  // Every inline field has `::`: most notes have none, and are not split into lines at all.
  const bodyLinks = note.text.includes('::') ? links : [];
  for (const link of bodyLinks) {
    const line = link.range.start.line;
    if (inFrontmatter(line) || link.range.end.line !== line) continue;
    let fields = fieldsByLine.get(line);
    if (!fields) fieldsByLine.set(line, (fields = inlineFields((lines ??= transientLines(note))[line]?.text ?? '')));
    let inner: InlineField | null = null;
    for (const f of fields) {
      if (f.valueStart <= link.range.start.character && link.range.end.character <= f.valueEnd) {
        if (!inner || f.valueEnd - f.valueStart < inner.valueEnd - inner.valueStart) inner = f;
      }
    }
    if (!inner) continue;
    const relation = relationOf(inner.name);
    if (relation) {
      relations.set(link, relation);
      continue;
    }
    const suggestion = likelyTypo(inner.name);
    const key = `${line}:${inner.nameStart}`;
    if (suggestion && !reported.has(key)) {
      reported.add(key);
      typos.push({ name: inner.name, suggestion, range: { start: { line, character: inner.nameStart }, end: { line, character: inner.nameEnd } } });
    }
  }

  if (fm?.data) {
    // Whole-wikilink values under relation properties, by their text (a link may be claimed once per value).
    const claims = new Map<string, RelationName[]>();
    for (const [key, value] of Object.entries(fm.data)) {
      const values = wikilinkValues(value);
      if (values.length === 0) continue;
      const relation = relationOf(key);
      if (relation) {
        for (const raw of values) {
          const list = claims.get(raw);
          if (list) list.push(relation);
          else claims.set(raw, [relation]);
        }
        continue;
      }
      const suggestion = likelyTypo(key);
      if (suggestion) typos.push({ name: key, suggestion, range: propertyRange(note, key, fm.startLine, fm.endLine) });
    }
    if (claims.size > 0) {
      for (const link of links) {
        if (!inFrontmatter(link.range.start.line)) continue;
        const relation = claims.get(link.raw)?.shift();
        if (relation) relations.set(link, relation);
      }
    }
  }
  typos.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { relations, typos };
}

/** Every inline field of a line (they may nest: a bracketed field inside a whole-line one). */
export function inlineFields(text: string): InlineField[] {
  const out: InlineField[] = [];
  const whole = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[.\][ \t]+)?)?([A-Za-z][\w-]*)::/.exec(text);
  if (whole) {
    const nameStart = whole[0].length - 2 - whole[1]!.length;
    out.push({ name: whole[1]!, nameStart, nameEnd: nameStart + whole[1]!.length, valueStart: whole[0].length, valueEnd: text.length });
  }
  let closing: Int32Array | null = null;
  for (let at = 0; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c !== 91 /* [ */ && c !== 40 /* ( */) continue;
    const m = /^[ \t]*([A-Za-z][\w-]*)::/.exec(text.slice(at + 1, at + 1 + 80));
    if (!m) continue;
    closing ??= closingBrackets(text);
    const close = closing[at]!;
    if (close < 0) continue;
    const nameStart = at + 1 + m[0].length - 2 - m[1]!.length;
    out.push({ name: m[1]!, nameStart, nameEnd: nameStart + m[1]!.length, valueStart: at + 1 + m[0].length, valueEnd: close });
  }
  return out;
}

/**
 * Per column of a `[` or `(`, the column of the bracket of the same kind that closes it (nesting
 * counted per kind), or -1: one pass, so a line of many openers stays linear.
 */
function closingBrackets(text: string): Int32Array {
  const out = new Int32Array(text.length).fill(-1);
  const squares: number[] = [];
  const rounds: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91) squares.push(i);
    else if (c === 40) rounds.push(i);
    else if (c === 93 && squares.length > 0) out[squares.pop()!] = i;
    else if (c === 41 && rounds.length > 0) out[rounds.pop()!] = i;
  }
  return out;
}

function wikilinkValues(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') continue;
    const raw = item.trim();
    if (/^\[\[[^[\]]+\]\]$/.test(raw)) out.push(raw);
  }
  return out;
}

function propertyRange(note: ParsedNote, key: string, startLine: number, endLine: number): Range {
  const lines = transientLines(note);
  for (let line = startLine + 1; line < endLine; line++) {
    const text = lines[line]?.text ?? '';
    const at = text.indexOf(key);
    if (at >= 0 && /^\s*["']?$/.test(text.slice(0, at)) && /^["']?\s*:/.test(text.slice(at + key.length))) {
      return { start: { line, character: at }, end: { line, character: at + key.length } };
    }
  }
  return { start: { line: startLine, character: 0 }, end: { line: startLine, character: 0 } };
}

/** The relation `name` is probably a misspelling of, or null. */
export function likelyTypo(name: string): RelationName | null {
  const lower = name.toLowerCase();
  if (relationByName.has(lower) || lower.length < 5 || lower.endsWith('ed')) return null;
  let best: RelationName | null = null;
  let bestDistance = 3;
  for (const relation of RELATION_NAMES) {
    const d = editDistance(lower, relation);
    if (d < bestDistance) {
      best = relation;
      bestDistance = d;
    }
  }
  return best;
}

/** Optimal string alignment distance (adjacent transpositions cost 1). */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i]![0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
