import type { NoteSummary } from '../workspace/fileSummary.js';

/** One file as the last start saw it: size, mtime (ms), content hash, and for a note its summary (null: read it). */
export interface NoteIndexRow {
  size: number;
  mtime: number;
  hash: string;
  summary: NoteSummary | null;
}

interface NoteIndexJson {
  fingerprint: string;
  /** path → [size, mtime, hash, summary]. */
  files: Record<string, [number, number, string, NoteSummary | null]>;
}

// One JSON document beside the store, not a table in it: an unchanged vault is then restored
// without starting sql.js, loading the store and stepping through its rows (measured at 10,000
// notes: ~0.4 s of a ~1 s warm start). UTF-8 through the native TextEncoder/TextDecoder.
const encoder = new (globalThis as unknown as { TextEncoder: new () => { encode(text: string): Uint8Array } }).TextEncoder();
const decoder = new (globalThis as unknown as { TextDecoder: ScriptoriumTextDecoderConstructor }).TextDecoder('utf-8');

/**
 * The warm-start index: every note and source file the history tracks, as of the last start
 * that saved the store. Rows hold for one fingerprint (the summary format and the task
 * settings they were read with); under another one the index counts as empty.
 */
export function encodeNoteIndex(fingerprint: string, rows: ReadonlyMap<string, NoteIndexRow>): Uint8Array {
  const files: NoteIndexJson['files'] = {};
  for (const [path, row] of rows) files[path] = [row.size, row.mtime, row.hash, row.summary];
  return encoder.encode(JSON.stringify({ fingerprint, files } satisfies NoteIndexJson));
}

/** The rows, or null when the bytes are missing, unreadable or written under another fingerprint. */
export function decodeNoteIndex(bytes: Uint8Array | null, fingerprint: string): Map<string, NoteIndexRow> | null {
  if (bytes === null) return null;
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch {
    return null;
  }
  if (!isIndexShaped(json) || json.fingerprint !== fingerprint) return null;
  const rows = new Map<string, NoteIndexRow>();
  for (const [path, row] of Object.entries(json.files)) {
    if (!Array.isArray(row) || typeof row[0] !== 'number' || typeof row[1] !== 'number' || typeof row[2] !== 'string') return null;
    rows.set(path, { size: row[0], mtime: row[1], hash: row[2], summary: row[3] ?? null });
  }
  return rows;
}

function isIndexShaped(json: unknown): json is NoteIndexJson {
  const j = json as Partial<NoteIndexJson> | null;
  return typeof j === 'object' && j !== null && typeof j.fingerprint === 'string' && typeof j.files === 'object' && j.files !== null && !Array.isArray(j.files);
}
