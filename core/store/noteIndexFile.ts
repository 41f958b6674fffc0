import type { TaskSettings } from '../tasks/types.js';
import { isNoteOutline, isNoteSummary, summaryFormat, type NoteOutline, type NoteSummary } from '../workspace/fileSummary.js';

/** One file as the last start saw it: size, mtime (ms), content hash, and for a note its stored form (null: read it). */
export interface NoteIndexRow {
  size: number;
  mtime: number;
  hash: string;
  /** The note's stored form as two JSON texts, parsed only when the note is restored (`storedNoteOfRow`). */
  stored: StoredNoteJson | null;
}

/** A note's summary and outline (fileSummary.ts) as JSON text: the outline is parsed only when something reads the note. */
export interface StoredNoteJson {
  summary: string;
  outline: string;
}

// One file beside the store, not a table in it: an unchanged vault is then restored without
// starting sql.js, loading the store and stepping through its rows (measured at 10,000 notes:
// ~0.4 s of a ~1 s warm start). One line per file, its summary parsed only as the note is
// restored: one JSON document parsed up front made a tree as large as the index's objects that
// lived through the whole restore, and the collector copied it twice (a third of a warm start).
//
//   scriptorium-notes 4 <TAB> "fingerprint"
//   ["path", size, mtime, "hash"] <TAB> summary JSON <TAB> outline JSON   (one per note)
//   ["path", size, mtime, "hash"] <TAB> null                             (a file read at each start)
//   end <TAB> count
//
// JSON text holds no raw tab or newline, so they frame it; the end line tells a torn write. The
// text is ASCII (other characters escaped as \uXXXX): decoding it then makes a one-byte string,
// half the size of the two-byte one an emoji anywhere made of all of it, and decoding, splitting
// and parsing took 150 → 80 ms at 13k notes.
const magic = 'scriptorium-notes 4';
const encoder = new (globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array } }).TextEncoder();
const decoder = new (globalThis as unknown as { TextDecoder: ScriptoriumTextDecoderConstructor }).TextDecoder('utf-8');

/**
 * The warm-start index: every note and source file the history tracks, as of the last start
 * that saved the store. Rows hold for one fingerprint (the summary format and the task
 * settings they were read with); under another one the index counts as empty.
 */
export function encodeNoteIndex(fingerprint: string, rows: ReadonlyMap<string, NoteIndexRow>): Uint8Array {
  const lines = [`${magic}\t${JSON.stringify(fingerprint)}`];
  for (const [path, row] of rows) {
    const stored = row.stored ? `${row.stored.summary}\t${row.stored.outline}` : 'null';
    lines.push(`${JSON.stringify([path, row.size, row.mtime, row.hash])}\t${stored}`);
  }
  lines.push(`end\t${rows.size}`, '');
  return encoder.encode(asciiOnly(lines.join('\n')));
}

/** The rows, or null when the bytes are missing, cut short, not an index or written under another fingerprint. */
export function decodeNoteIndex(bytes: Uint8Array | null, fingerprint: string): Map<string, NoteIndexRow> | null {
  if (bytes === null) return null;
  const lines = decoder.decode(bytes).split('\n');
  if (lines[0] !== asciiOnly(`${magic}\t${JSON.stringify(fingerprint)}`) || lines.at(-1) !== '' || lines.at(-2) !== `end\t${lines.length - 3}`) return null;
  const rows = new Map<string, NoteIndexRow>();
  for (let i = 1; i < lines.length - 2; i++) {
    const line = lines[i]!;
    const tab = line.indexOf('\t');
    const head = tab < 0 ? null : parseJson(line.slice(0, tab));
    if (!isRowHead(head)) return null;
    const second = line.indexOf('\t', tab + 1);
    const stored = second < 0 ? null : { summary: line.slice(tab + 1, second), outline: line.slice(second + 1) };
    if (stored === null && line.slice(tab + 1) !== 'null') return null;
    rows.set(head[0], { size: head[1], mtime: head[2], hash: head[3], stored });
  }
  return rows;
}

/** What rows hold for: the summary format and the task settings the notes were read with. */
export function noteIndexFingerprint(settings: TaskSettings): string {
  return `${summaryFormat}|${JSON.stringify(settings)}`;
}

/**
 * The row's summary, and its outline to parse when first needed (null when it does not parse
 * into one), or null when the row has none or its summary does not parse into one (the note is
 * then read).
 */
export function storedNoteOfRow(row: NoteIndexRow): { summary: NoteSummary; outline: () => NoteOutline | null } | null {
  if (row.stored === null) return null;
  const summary = parseJson(row.stored.summary);
  if (!isNoteSummary(summary)) return null;
  const json = row.stored.outline;
  return {
    summary,
    outline: () => {
      const outline = parseJson(json);
      return isNoteOutline(outline) ? outline : null;
    },
  };
}

/** JSON text with every non-ASCII character escaped (JSON.stringify already escapes lone surrogates). */
function asciiOnly(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isRowHead(head: unknown): head is [string, number, number, string] {
  return Array.isArray(head) && head.length === 4 && typeof head[0] === 'string' && typeof head[1] === 'number' && typeof head[2] === 'number' && typeof head[3] === 'string';
}
