// Fields in a task's body: Tasks' emoji signifiers and Dataview inline fields, read anywhere in
// the body and both at once. Independent of markdown so code comments can use it too.
import type { DateField, Priority } from '../../shared-types/index.js';
import { isValidIsoDate } from './dates.js';
import { isValidRecurrence } from './recurrence.js';
import type { FieldKey, FieldOccurrence, TaskSettings } from './types.js';

export interface ParsedTaskBody {
  description: string;
  dates: Record<DateField, string | null>;
  invalid: string[];
  priority: Priority;
  recurrence: string | null;
  onCompletion: string | null;
  id: string | null;
  dependsOn: string[];
  tags: string[];
  role: string | null;
  parentId: string | null;
  blockId: string | null;
  /** Every field as written, in order, duplicates included (the first of a key is the one that counts). */
  fields: FieldOccurrence[];
  /** Keys written more than once (a `duplicate-field` diagnostic). */
  duplicates: FieldKey[];
  /** Columns of the block id including its leading whitespace (`start`) and the `^`, or null. */
  blockIdRange: { start: number; idStart: number; end: number } | null;
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

// One scanner over the body: code spans, inline-field openers, and every signifier.
const scanner = /`+|[[(]|📅|📆|🗓|⏳|⌛|🛫|➕|✅|❌|🔁|🏁|🆔|⛔|🔺|⏫|🔼|🔽|⏬/gu;
// Values after an emoji (after the optional U+FE0F and zero or more spaces), matched sticky.
const dateValue = /\d{4}-\d{2}-\d{2}(?!\d)/y;
const recurrenceValue = /[a-zA-Z0-9, !]+/y;
const wordValue = /[a-zA-Z]+/y;
const idValue = /[a-zA-Z0-9_-]+/y;
const idListValue = /[a-zA-Z0-9_-]+(?: *, *[a-zA-Z0-9_-]+)*/y;
const dataviewOpen = /[[(] *([A-Za-z][A-Za-z0-9_-]*)::/y;
const blockIdPattern = /(^|\s)\^([A-Za-z0-9-]+)\s*$/;
// Tasks' tag characters (anything but these), with any whitespace ending a tag.
const tagPattern = /(^|\s)#([^\s!@#$%^&*(),.?":{}|<>]+)/g;

function stickyMatch(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at;
  const m = pattern.exec(text);
  return m ? m[0] : null;
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
    while (text[k] === '`') k++;
    if (k - j === length) return k;
    i = k;
  }
}

/** The column of the bracket closing the one at `open`, nesting counted, or -1. */
function closingBracket(text: string, open: number): number {
  const opener = text[open];
  const closer = opener === '[' ? ']' : ')';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === opener) depth++;
    else if (c === closer && --depth === 0) return i;
  }
  return -1;
}

/** Every field in `text` from column `from`, in order; `skip` collects code spans and foreign inline fields. */
export function scanFields(text: string, from: number, skip: Array<[number, number]> = []): FieldOccurrence[] {
  const fields: FieldOccurrence[] = [];
  scanner.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = scanner.exec(text)) !== null) {
    const token = m[0];
    const at = m.index;
    if (token.startsWith('`')) {
      const end = codeSpanEnd(text, at, token.length);
      // A run of backticks with no matching run is literal text.
      if (end < 0) {
        scanner.lastIndex = at + token.length;
        continue;
      }
      skip.push([at, end]);
      scanner.lastIndex = end;
      continue;
    }
    if (token === '[' || token === '(') {
      dataviewOpen.lastIndex = at;
      const open = dataviewOpen.exec(text);
      if (open === null) continue;
      const close = closingBracket(text, at);
      if (close < 0) continue;
      const key = open[0];
      const name = open[1]!;
      const fieldKey = keyByDataviewName.get(name.toLowerCase());
      if (fieldKey === undefined) {
        // Someone else's inline field: nothing inside it is ours.
        skip.push([at, close + 1]);
        scanner.lastIndex = close + 1;
        continue;
      }
      let valueStart = at + key.length;
      let valueEnd = close;
      while (valueStart < valueEnd && /\s/.test(text[valueStart]!)) valueStart++;
      while (valueEnd > valueStart && /\s/.test(text[valueEnd - 1]!)) valueEnd--;
      fields.push({ key: fieldKey, format: 'dataview', start: at, end: close + 1, value: text.slice(valueStart, valueEnd), valueStart, valueEnd });
      scanner.lastIndex = close + 1;
      continue;
    }
    let after = at + token.length;
    if (text.charCodeAt(after) === 0xfe0f) after++;
    const priority = emojiPriority.get(token);
    if (priority !== undefined) {
      fields.push({ key: 'priority', format: 'emoji', start: at, end: after, value: text.slice(at, after), valueStart: at, valueEnd: after });
      scanner.lastIndex = after;
      continue;
    }
    const key = emojiKey.get(token)!;
    const valueStart = skipSpaces(text, after);
    let value: string | null;
    if ((dateFields as readonly string[]).includes(key)) value = stickyMatch(dateValue, text, valueStart);
    else if (key === 'recurrence') value = stickyMatch(recurrenceValue, text, valueStart)?.trimEnd() || null;
    else if (key === 'onCompletion') value = stickyMatch(wordValue, text, valueStart);
    else if (key === 'id') value = stickyMatch(idValue, text, valueStart);
    else value = stickyMatch(idListValue, text, valueStart);
    // A signifier without a value of its shape is prose (`📅 <% tp.date %>`, `✅ Whole`).
    if (value === null) continue;
    const valueEnd = valueStart + value.length;
    fields.push({ key, format: 'emoji', start: at, end: valueEnd, value, valueStart, valueEnd });
    scanner.lastIndex = valueEnd;
  }
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
    case 'dependsOn':
      return splitIds(value).every((id) => idPattern.test(id)) && splitIds(value).length > 0;
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
  const block = blockIdPattern.exec(lineText.slice(start));
  if (block) {
    const idStart = start + block.index + block[1]!.length;
    result.blockId = block[2]!;
    result.blockIdRange = { start: start + block.index, idStart, end: lineText.length };
    bodyEnd = idStart;
  }
  const body = lineText.slice(0, bodyEnd);
  const skip: Array<[number, number]> = [];
  const fields = scanFields(body, start, skip);
  result.fields = fields;

  const seen = new Set<FieldKey>();
  for (const field of fields) {
    if (seen.has(field.key)) {
      if (!result.duplicates.includes(field.key)) result.duplicates.push(field.key);
      continue;
    }
    seen.add(field.key);
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

  // Description and tags: the body with fields (and the block id) taken out.
  let description = '';
  let cursor = start;
  for (const field of fields) {
    description += body.slice(cursor, field.start) + ' ';
    cursor = field.end;
  }
  description += body.slice(cursor);
  result.description = description.replace(/\s+/g, ' ').trim();

  const masked = maskRanges(body, start, [...skip, ...fields.map((f): [number, number] => [f.start, f.end])]);
  for (const m of masked.matchAll(tagPattern)) result.tags.push(m[2]!);
  return result;
}

/** The body from `start` with the given ranges blanked out (so tags inside them are not seen). */
function maskRanges(text: string, start: number, ranges: Array<[number, number]>): string {
  let out = '';
  let cursor = start;
  for (const [a, b] of ranges.filter(([a]) => a >= start).sort((x, y) => x[0] - y[0])) {
    if (a < cursor) {
      if (b > cursor) {
        out += ' '.repeat(b - cursor);
        cursor = b;
      }
      continue;
    }
    out += text.slice(cursor, a) + ' '.repeat(b - a);
    cursor = b;
  }
  return out + text.slice(cursor);
}
