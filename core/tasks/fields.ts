// Fields in a task's body: Tasks' emoji signifiers and Dataview inline fields, read anywhere in
// the body and both at once. Independent of markdown so code comments can use it too.
import type { DateField, Priority } from '../../shared-types/index.js';
import { collapsedSlice, isJsWhitespace } from '../text/whitespace.js';
import { isValidIsoDate } from './dates.js';
import { isValidRecurrence } from './recurrence.js';
import type { FieldKey, FieldOccurrence, Task, TaskBodyFields, TaskPlace, TaskSettings } from './types.js';

/** `fields` holds every field as written, in order, duplicates included (the first of a key counts). */
export interface ParsedTaskBody extends TaskBodyFields {
  /** Keys written more than once (a `duplicate-field` diagnostic). */
  duplicates: FieldKey[];
  /** Columns of the block id including its leading whitespace (`start`) and the `^`, or null. */
  blockIdRange: { start: number; idStart: number; end: number } | null;
}

/** A task from where it sits and what its body says. */
export function assembleTask(place: TaskPlace, body: ParsedTaskBody): Task {
  // One literal with every key in a fixed order, not `{...place}`: the spread gave each of tens of
  // thousands of tasks its own hidden class (measured: ~25 MB of maps and ~0.5 s at 10k notes).
  const task: Task = {
    path: place.path,
    line: place.line,
    source: place.source,
    lineText: place.lineText,
    prefix: place.prefix,
    marker: place.marker,
    symbol: place.symbol,
    status: place.status,
    bodyStart: place.bodyStart,
    heading: place.heading,
    indentParentLine: place.indentParentLine,
    description: body.description,
    dates: hasDate(body.dates) ? body.dates : noDates,
    invalid: compact(body.invalid),
    priority: body.priority,
    recurrence: body.recurrence,
    onCompletion: body.onCompletion,
    id: body.id,
    dependsOn: compact(body.dependsOn),
    tags: compact(body.tags),
    role: body.role,
    parentId: body.parentId,
    blockId: body.blockId,
    fields: compact(body.fields),
  };
  if ('owner' in place) task.owner = place.owner;
  return task;
}

// A vault's tasks live as long as the workspace, and most have no invalid field, no dependency,
// no tag and no date: one shared frozen empty list and one dateless record instead of ~4 objects
// per task, and lists cut to their length (an array grown by push keeps ~17 slots). Frozen, so a
// reader that tried to change a task in place would fail loudly; none does (tasks change by edits).
export const none: never[] = Object.freeze([]) as unknown as never[];
export const noDates: Task['dates'] = Object.freeze({ due: null, scheduled: null, start: null, created: null, done: null, cancelled: null });

function compact<T>(list: T[]): T[] {
  return list.length === 0 ? none : list.slice();
}

function hasDate(dates: Task['dates']): boolean {
  return dates.due !== null || dates.scheduled !== null || dates.start !== null || dates.created !== null || dates.done !== null || dates.cancelled !== null;
}

export const dateFields: readonly DateField[] = ['due', 'scheduled', 'start', 'created', 'done', 'cancelled'];

export const priorityEmoji: Record<Exclude<Priority, 'normal'>, string> = {
  highest: '🔺',
  high: '⏫',
  medium: '🔼',
  low: '🔽',
  lowest: '⏬',
};

const emojiPriority = new Map<string, Priority>(Object.entries(priorityEmoji).map(([name, emoji]) => [emoji, name as Priority]));

/** The emoji each key is written with when we add it. */
export const fieldEmoji: Record<Exclude<FieldKey, 'priority' | 'role' | 'parent'>, string> = {
  due: '📅',
  scheduled: '⏳',
  start: '🛫',
  created: '➕',
  done: '✅',
  cancelled: '❌',
  recurrence: '🔁',
  onCompletion: '🏁',
  id: '🆔',
  dependsOn: '⛔',
};

/** Keys as Dataview/Tasks write them (`completion::`, `repeat::`). */
export const dataviewKey: Record<FieldKey, string> = {
  due: 'due',
  scheduled: 'scheduled',
  start: 'start',
  created: 'created',
  done: 'completion',
  cancelled: 'cancelled',
  priority: 'priority',
  recurrence: 'repeat',
  onCompletion: 'onCompletion',
  id: 'id',
  dependsOn: 'dependsOn',
  role: 'role',
  parent: 'parent',
};

const keyByDataviewName = new Map<string, FieldKey>(Object.entries(dataviewKey).map(([key, name]) => [name.toLowerCase(), key as FieldKey]));

const emojiKey = new Map<string, FieldKey>([
  ['📅', 'due'],
  ['📆', 'due'],
  ['🗓', 'due'],
  ['⏳', 'scheduled'],
  ['⌛', 'scheduled'],
  ['🛫', 'start'],
  ['➕', 'created'],
  ['✅', 'done'],
  ['❌', 'cancelled'],
  ['🔁', 'recurrence'],
  ['🏁', 'onCompletion'],
  ['🆔', 'id'],
  ['⛔', 'dependsOn'],
]);

export const idPattern = /^[A-Za-z0-9_-]+$/;
const priorityNames = new Set<string>(['highest', 'high', 'medium', 'normal', 'low', 'lowest']);

// Scanning is by hand, not by regex: it runs over every task line of a vault, and a global
// regex with 19 alternatives plus sticky value regexes allocated a match array per token.
// Every signifier by code point; `priority` marks the priority emoji (they carry no value).
type Signifier = FieldKey;
const signifiers = new Map<number, Signifier>();
for (const [emoji, key] of emojiKey) signifiers.set(emoji.codePointAt(0)!, key);
for (const emoji of emojiPriority.keys()) signifiers.set(emoji.codePointAt(0)!, 'priority');
/** No signifier starts below this code unit (backticks and brackets are checked apart). */
const lowestSignifierUnit = Math.min(...[...signifiers.keys()].map((cp) => (cp > 0xffff ? 0xd800 : cp)));

const BACKTICK = 96;

function isLeadSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isTrailSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
const SPACE = 0x20;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `[A-Za-z0-9_-]`: id characters, and the rest of a Dataview key. */
function isIdChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 95 || c === 45;
}

/** `[a-zA-Z0-9, !]`: what a recurrence rule is written with. */
function isRecurrenceChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 44 || c === SPACE || c === 33;
}

/** End of the run of `accept` characters from `at` (at itself when there is none). */
function runEnd(text: string, at: number, accept: (c: number) => boolean): number {
  while (at < text.length && accept(text.charCodeAt(at))) at++;
  return at;
}

/** `\d{4}-\d{2}-\d{2}(?!\d)` at `at`: the end of the date, or -1. */
function dateValueEnd(text: string, at: number): number {
  for (let k = 0; k < 10; k++) {
    const c = text.charCodeAt(at + k);
    if (k === 4 || k === 7 ? c !== 45 : !isDigit(c)) return -1;
  }
  return isDigit(text.charCodeAt(at + 10)) ? -1 : at + 10;
}

/** `[a-zA-Z0-9_-]+(?: *, *[a-zA-Z0-9_-]+)*` at `at`: the end of the id list, or -1. */
function idListEnd(text: string, at: number): number {
  let end = runEnd(text, at, isIdChar);
  if (end === at) return -1;
  for (;;) {
    let k = runEnd(text, end, (c) => c === SPACE);
    if (text.charCodeAt(k) !== 44) return end;
    k = runEnd(text, k + 1, (c) => c === SPACE);
    const next = runEnd(text, k, isIdChar);
    if (next === k) return end;
    end = next;
  }
}

/** The end of the value a signifier for `key` takes at `at` (after its spaces), or -1 when there is none. */
function emojiValueEnd(key: FieldKey, text: string, at: number): number {
  switch (key) {
    case 'due':
    case 'scheduled':
    case 'start':
    case 'created':
    case 'done':
    case 'cancelled':
      return dateValueEnd(text, at);
    case 'recurrence': {
      let end = runEnd(text, at, isRecurrenceChar);
      while (end > at && text.charCodeAt(end - 1) === SPACE) end--;
      return end > at ? end : -1;
    }
    case 'onCompletion': {
      const end = runEnd(text, at, isLetter);
      return end > at ? end : -1;
    }
    case 'id': {
      const end = runEnd(text, at, isIdChar);
      return end > at ? end : -1;
    }
    default:
      return idListEnd(text, at);
  }
}

/** `[ *key::` or `( *key::` at `open`: the end of the `::` and the key, or null. */
function dataviewOpenAt(text: string, open: number): { end: number; name: string } | null {
  const nameStart = runEnd(text, open + 1, (c) => c === SPACE);
  if (!isLetter(text.charCodeAt(nameStart))) return null;
  const nameEnd = runEnd(text, nameStart + 1, isIdChar);
  if (text.charCodeAt(nameEnd) !== 58 || text.charCodeAt(nameEnd + 1) !== 58) return null;
  return { end: nameEnd + 2, name: text.slice(nameStart, nameEnd) };
}

function skipSpaces(text: string, at: number): number {
  while (text.charCodeAt(at) === 0x20) at++;
  return at;
}

/** The column after the backtick run closing the code span opened at `at` (a run of the same length), or -1. */
function codeSpanEnd(text: string, at: number, length: number): number {
  let i = at + length;
  for (;;) {
    const j = text.indexOf('`', i);
    if (j < 0) return -1;
    let k = j;
    while (text.charCodeAt(k) === BACKTICK) k++;
    if (k - j === length) return k;
    i = k;
  }
}

/** The column of the bracket closing the one at `open`, nesting counted, or -1. */
function closingBracket(text: string, open: number): number {
  const opener = text.charCodeAt(open);
  const closer = opener === 91 ? 93 : 41;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i;
  }
  return -1;
}

/**
 * Every field in `text` from column `from`, in order. `hidden` receives, as flat `start, end`
 * pairs in column order, every range tags are not read in (code spans, foreign inline fields
 * and the fields themselves).
 */
function scanBody(text: string, from: number, fields: FieldOccurrence[], hidden: number[] | null, skip: Array<[number, number]> | null): void {
  const n = text.length;
  let i = from;
  // A `u` regex (which this replaces) starting inside a surrogate pair starts at the pair.
  if (i > 0 && isTrailSurrogate(text.charCodeAt(i)) && isLeadSurrogate(text.charCodeAt(i - 1))) i--;
  while (i < n) {
    const at = i;
    const c = text.charCodeAt(at);
    if (c === BACKTICK) {
      let runEndAt = at + 1;
      while (text.charCodeAt(runEndAt) === BACKTICK) runEndAt++;
      const length = runEndAt - at;
      const end = codeSpanEnd(text, at, length);
      // A run of backticks with no matching run is literal text.
      if (end < 0) {
        i = runEndAt;
        continue;
      }
      hidden?.push(at, end);
      skip?.push([at, end]);
      i = end;
      continue;
    }
    if (c === 91 || c === 40) {
      i = at + 1;
      const open = dataviewOpenAt(text, at);
      if (open === null) continue;
      const close = closingBracket(text, at);
      if (close < 0) continue;
      const fieldKey = keyByDataviewName.get(open.name.toLowerCase());
      i = close + 1;
      hidden?.push(at, close + 1);
      if (fieldKey === undefined) {
        // Someone else's inline field: nothing inside it is ours.
        skip?.push([at, close + 1]);
        continue;
      }
      let valueStart = open.end;
      let valueEnd = close;
      while (valueStart < valueEnd && isJsWhitespace(text.charCodeAt(valueStart))) valueStart++;
      while (valueEnd > valueStart && isJsWhitespace(text.charCodeAt(valueEnd - 1))) valueEnd--;
      fields.push({ key: fieldKey, format: 'dataview', start: at, end: close + 1, value: text.slice(valueStart, valueEnd), valueStart, valueEnd });
      continue;
    }
    if (c < lowestSignifierUnit) {
      i = at + 1;
      continue;
    }
    const codePoint = isLeadSurrogate(c) ? text.codePointAt(at)! : c;
    const key = signifiers.get(codePoint);
    if (key === undefined) {
      i = at + 1;
      continue;
    }
    const tokenEnd = at + (codePoint > 0xffff ? 2 : 1);
    i = tokenEnd;
    let after = tokenEnd;
    if (text.charCodeAt(after) === 0xfe0f) after++;
    if (key === 'priority') {
      fields.push({ key: 'priority', format: 'emoji', start: at, end: after, value: text.slice(at, after), valueStart: at, valueEnd: after });
      hidden?.push(at, after);
      i = after;
      continue;
    }
    const valueStart = skipSpaces(text, after);
    const valueEnd = emojiValueEnd(key, text, valueStart);
    // A signifier without a value of its shape is prose (`📅 <% tp.date %>`, `✅ Whole`).
    if (valueEnd < 0) continue;
    fields.push({ key, format: 'emoji', start: at, end: valueEnd, value: text.slice(valueStart, valueEnd), valueStart, valueEnd });
    hidden?.push(at, valueEnd);
    i = valueEnd;
  }
}

/** Every field in `text` from column `from`, in order; `skip` collects code spans and foreign inline fields. */
export function scanFields(text: string, from: number, skip: Array<[number, number]> = []): FieldOccurrence[] {
  const fields: FieldOccurrence[] = [];
  scanBody(text, from, fields, null, skip);
  return fields;
}

/** Whether a value (as written) is valid for its key. */
export function isValidFieldValue(key: FieldKey, value: string): boolean {
  switch (key) {
    case 'due':
    case 'scheduled':
    case 'start':
    case 'created':
    case 'done':
    case 'cancelled':
      return isValidIsoDate(value);
    case 'priority':
      return emojiPriority.has(value.replace(/\uFE0F$/, '')) || priorityNames.has(value.toLowerCase());
    case 'recurrence':
      return isValidRecurrence(value);
    case 'onCompletion':
      return /^(keep|delete)$/i.test(value);
    case 'id':
      return idPattern.test(value);
    case 'dependsOn': {
      const ids = splitIds(value);
      return ids.every((id) => idPattern.test(id)) && ids.length > 0;
    }
    case 'role':
    case 'parent':
      return value.trim() !== '';
  }
}

export function splitIds(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function priorityOf(value: string): Priority {
  return emojiPriority.get(value.replace(/\uFE0F$/, '')) ?? ((priorityNames.has(value.toLowerCase()) ? value.toLowerCase() : 'normal') as Priority);
}

/**
 * Reads the body of a task line, `lineText` from column `bodyStart`. Columns in the result are
 * columns of the whole line. Never throws; what it cannot use it keeps and reports in `invalid`.
 */
export function parseTaskBody(lineText: string, bodyStart: number, _settings?: TaskSettings): ParsedTaskBody {
  const result: ParsedTaskBody = {
    description: '',
    dates: { due: null, scheduled: null, start: null, created: null, done: null, cancelled: null },
    invalid: [],
    priority: 'normal',
    recurrence: null,
    onCompletion: null,
    id: null,
    dependsOn: [],
    tags: [],
    role: null,
    parentId: null,
    blockId: null,
    fields: [],
    duplicates: [],
    blockIdRange: null,
  };
  const start = Math.max(0, Math.min(bodyStart, lineText.length));
  let bodyEnd = lineText.length;
  const block = trailingBlockId(lineText, start);
  if (block) {
    result.blockId = lineText.slice(block.idStart + 1, block.idEnd);
    result.blockIdRange = { start: block.start, idStart: block.idStart, end: lineText.length };
    bodyEnd = block.idStart;
  }
  const body = bodyEnd === lineText.length ? lineText : lineText.slice(0, bodyEnd);
  const fields: FieldOccurrence[] = [];
  const hidden: number[] = [];
  scanBody(body, start, fields, hidden, null);
  result.fields = fields;

  let seen = 0;
  for (const field of fields) {
    const bit = 1 << fieldKeyBit[field.key];
    if (seen & bit) {
      if (!result.duplicates.includes(field.key)) result.duplicates.push(field.key);
      continue;
    }
    seen |= bit;
    const valid = isValidFieldValue(field.key, field.value);
    if (!valid) result.invalid.push(field.key);
    switch (field.key) {
      case 'priority':
        if (valid) result.priority = priorityOf(field.value);
        break;
      case 'recurrence':
        result.recurrence = field.value;
        break;
      case 'onCompletion':
        result.onCompletion = valid ? field.value.toLowerCase() : field.value;
        break;
      case 'id':
        result.id = field.value;
        break;
      case 'dependsOn':
        result.dependsOn = splitIds(field.value);
        break;
      case 'role':
        result.role = field.value;
        break;
      case 'parent':
        result.parentId = field.value;
        break;
      default:
        result.dates[field.key] = field.value;
    }
  }

  // Description: the body with fields (and the block id) taken out, whitespace collapsed. The
  // pieces between fields are tidied one by one, which is the same as tidying their join.
  let description = '';
  let cursor = start;
  for (let k = 0; k <= fields.length; k++) {
    const piece = collapsedSlice(body, cursor, k < fields.length ? fields[k]!.start : body.length);
    if (piece !== '') description = description === '' ? piece : `${description} ${piece}`;
    if (k < fields.length) cursor = fields[k]!.end;
  }
  result.description = description;
  result.tags = tagsOutside(body, start, hidden);
  return result;
}

/** Bit positions for a set of field keys kept in one number. */
const fieldKeyBit: Record<FieldKey, number> = Object.fromEntries(Object.keys(dataviewKey).map((key, i) => [key, i])) as Record<FieldKey, number>;

/** `\s^id\s*$` at the end of the body (or `^id` at its very start): Obsidian's block reference. */
function trailingBlockId(lineText: string, start: number): { start: number; idStart: number; idEnd: number } | null {
  let idEnd = lineText.length;
  while (idEnd > start && isJsWhitespace(lineText.charCodeAt(idEnd - 1))) idEnd--;
  let k = idEnd;
  while (k > start && isBlockIdChar(lineText.charCodeAt(k - 1))) k--;
  if (k === idEnd || k - 1 < start || lineText.charCodeAt(k - 1) !== 94 /* ^ */) return null;
  const caret = k - 1;
  if (caret === start) return { start: caret, idStart: caret, idEnd };
  if (!isJsWhitespace(lineText.charCodeAt(caret - 1))) return null;
  return { start: caret - 1, idStart: caret, idEnd };
}

function isBlockIdChar(c: number): boolean {
  return isLetter(c) || isDigit(c) || c === 45;
}

/** ASCII characters that end a Tasks tag (whitespace ends one too): `!@#$%^&*(),.?":{}|<>`. */
const tagStops = new Uint8Array(128);
for (const ch of '!@#$%^&*(),.?":{}|<>') tagStops[ch.charCodeAt(0)] = 1;

function isTagBodyChar(c: number): boolean {
  return c < 128 ? tagStops[c] === 0 && !isJsWhitespace(c) : !isJsWhitespace(c);
}

/**
 * Tasks' tags (`(^|\s)#([^\s!@#$%^&*(),.?":{}|<>]+)`) in the body from `start`, outside the
 * `hidden` ranges, which read as blanks: a `#` right after one follows whitespace.
 */
function tagsOutside(body: string, start: number, hidden: readonly number[]): string[] {
  const tags: string[] = [];
  // Ranges starting before `start` (a field found from inside a surrogate pair) were never blanked.
  let first = 0;
  while (first < hidden.length && hidden[first]! < start) first += 2;
  let r = first; // the first hidden range that ends after the current `#`
  for (let k = body.indexOf('#', start); k >= 0; k = body.indexOf('#', k + 1)) {
    while (r < hidden.length && hidden[r + 1]! <= k) r += 2;
    if (r < hidden.length && hidden[r]! <= k) continue; // inside a hidden range
    const afterHidden = r > first && hidden[r - 1] === k;
    if (k !== start && !afterHidden && !isJsWhitespace(body.charCodeAt(k - 1))) continue;
    const limit = r < hidden.length ? hidden[r]! : body.length;
    let j = k + 1;
    while (j < limit && isTagBodyChar(body.charCodeAt(j))) j++;
    if (j > k + 1) tags.push(body.slice(k + 1, j));
  }
  return tags;
}
