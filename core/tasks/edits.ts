// Changes to tasks as minimal, versioned text edits: one line (or an inserted/removed line),
// only the bytes that must change, nothing the user wrote dropped unless it is the field being set.
import type { Priority, TextEdit, VersionedFileEdit } from '../../shared-types/index.js';
import { contentHash } from '../text/hash.js';
import { dataviewKey, fieldEmoji, idPattern, isValidFieldValue, parseTaskBody, priorityEmoji, splitIds, type ParsedTaskBody } from './fields.js';
import { LineEditor } from './lineEditor.js';
import { dominantEol, noteLines, type NoteLine, type NoteText } from './noteText.js';
import { nextOccurrence } from './recurrence.js';
import { isStatusSymbol, statusFor } from './statuses.js';
import { bodyColumn, parseTaskLine, symbolColumn, type TaskLineParts } from './taskLine.js';
import type { EditContext, EditResult, FieldKey, StatusDefinition, Task, TaskSettings } from './types.js';

export { applyEdits } from './noteText.js';
export type { NoteText } from './noteText.js';

/** The value `setField` takes: a string (or ids for `dependsOn`), or null to clear. */
export type FieldValue = string | readonly string[] | null;

const fieldKeys: readonly FieldKey[] = ['due', 'scheduled', 'start', 'created', 'done', 'cancelled', 'priority', 'recurrence', 'onCompletion', 'id', 'dependsOn', 'role', 'parent'];

/** Canonical order when we add a field: description, our inline fields, 🆔, ⛔, priority, 🔁, 🏁, ➕, 🛫, ⏳, 📅, ❌, ✅, ^block. */
const canonicalRank: Record<FieldKey, number> = {
  role: 1,
  parent: 2,
  id: 3,
  dependsOn: 4,
  priority: 5,
  recurrence: 6,
  onCompletion: 7,
  created: 8,
  start: 9,
  scheduled: 10,
  due: 11,
  cancelled: 12,
  done: 13,
};

// ---------------------------------------------------------------------------------------------
// The line being edited: where its body starts, and what the body says right now.

interface LineModel {
  parts: TaskLineParts | null;
  bodyStart: number;
  body: ParsedTaskBody;
  /** Where the body's content ends (before a code comment's closer, if any). */
  contentEnd: number;
}

const commentCloser = /\s*(?:\*\/|-->|\*\)|-\}|%\}|#\})\s*$/;

function modelOf(text: string, codeBodyStart: number | null, settings: TaskSettings): LineModel | null {
  const parts = codeBodyStart === null ? parseTaskLine(text) : null;
  if (codeBodyStart === null && parts === null) return null;
  const bodyStart = parts ? bodyColumn(parts) : Math.min(codeBodyStart!, text.length);
  const body = parseTaskBody(text, bodyStart, settings);
  let contentEnd = text.length;
  if (!parts) {
    const closer = commentCloser.exec(text.slice(bodyStart));
    if (closer) contentEnd = bodyStart + closer.index;
  }
  return { parts, bodyStart, body, contentEnd };
}

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);

function formatField(key: FieldKey, value: string, format: 'emoji' | 'dataview', brackets: '[]' | '()'): string {
  if (format === 'dataview') return `${brackets[0]}${dataviewKey[key]}:: ${value}${brackets[1]}`;
  if (key === 'priority') return priorityEmoji[value as Exclude<Priority, 'normal'>];
  return `${fieldEmoji[key as keyof typeof fieldEmoji]} ${value}`;
}

/** Sets, replaces or clears one field on the editor's current text. Returns false when the line is not a task. */
function applyField(editor: LineEditor, codeBodyStart: number | null, key: FieldKey, value: string | null, settings: TaskSettings): boolean {
  const model = modelOf(editor.text, codeBodyStart, settings);
  if (!model) return false;
  const text = editor.text;
  const occurrences = model.body.fields.filter((f) => f.key === key);
  if (value === null || (key === 'priority' && value === 'normal')) {
    // Clear every occurrence (a later duplicate would otherwise take over), last first so columns hold.
    for (const field of [...occurrences].reverse()) {
      const current = editor.text;
      let { start, end } = field;
      if (start > model.bodyStart && isSpace(current[start - 1])) start--;
      else if (start <= model.bodyStart && isSpace(current[end])) end++;
      editor.replace(start, end, '');
    }
    return true;
  }
  const first = occurrences[0];
  if (first) {
    if (key === 'priority' && first.format === 'emoji') editor.replace(first.start, first.end, priorityEmoji[value as Exclude<Priority, 'normal'>]);
    else if (first.valueStart === first.valueEnd) editor.replace(first.valueStart, first.valueEnd, isSpace(text[first.valueStart - 1]) ? value : ` ${value}`);
    else editor.replace(first.valueStart, first.valueEnd, value);
    return true;
  }
  // Add: Tasks-keyed Dataview lines get Dataview; our own keys are always Dataview; else emoji.
  const tasksFields = model.body.fields.filter((f) => f.key !== 'role' && f.key !== 'parent');
  const dataviewLine = tasksFields.length > 0 && tasksFields.every((f) => f.format === 'dataview');
  const format = key === 'role' || key === 'parent' || dataviewLine ? 'dataview' : 'emoji';
  const firstDataview = model.body.fields.find((f) => f.format === 'dataview');
  const brackets = firstDataview && text[firstDataview.start] === '(' ? '()' : '[]';
  const rank = canonicalRank[key];
  const later = model.body.fields.filter((f) => canonicalRank[f.key] > rank).sort((a, b) => a.start - b.start)[0];
  let at: number;
  if (later) at = later.start;
  else {
    at = model.body.blockIdRange ? model.body.blockIdRange.start : model.contentEnd;
    while (at > model.bodyStart && isSpace(text[at - 1])) at--;
  }
  const lead = at > 0 && !isSpace(text[at - 1]) ? ' ' : '';
  const trail = at < text.length && !isSpace(text[at]) ? ' ' : '';
  editor.replace(at, at, `${lead}${formatField(key, value, format, brackets)}${trail}`);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Notes, lines and results.

function lineOf(note: NoteText, task: Task): { lines: NoteLine[]; line: NoteLine } | string {
  const lines = noteLines(note.text);
  const line = lines[task.line];
  if (note.path !== task.path) return `The task belongs to ${task.path}, not ${note.path}.`;
  if (!line || line.text !== task.lineText)
    return `Line ${task.line + 1} of ${task.path} has changed since the task was read; re-read the note and try again.`;
  return { lines, line };
}

function lineEdits(lineNumber: number, editor: LineEditor): TextEdit[] {
  return editor.changes().map((c) => ({
    range: { start: { line: lineNumber, character: c.start }, end: { line: lineNumber, character: c.end } },
    newText: c.newText,
  }));
}

function fileEdit(note: NoteText, edits: TextEdit[]): VersionedFileEdit {
  return { path: note.path, version: contentHash(note.text), edits };
}

function ok(...edits: VersionedFileEdit[]): EditResult {
  return { ok: true, edits: edits.filter((e) => e.edits.length > 0) };
}

function refuse(reason: string): EditResult {
  return { ok: false, reason };
}

const codeStart = (task: Task) => (task.source === 'code' ? task.bodyStart : null);

// ---------------------------------------------------------------------------------------------
// Field values.

/** Checks and normalises a value for `key`; a string is the reason it is refused. */
export function normaliseFieldValue(key: FieldKey, value: FieldValue): { value: string | null } | string {
  if (value === null) return { value: null };
  if (!fieldKeys.includes(key)) return `Unknown field '${key}'.`;
  const text = (typeof value === 'string' ? value : value.join(',')).trim();
  if (/[\r\n]/.test(text)) return `A ${key} value cannot span lines.`;
  switch (key) {
    case 'priority': {
      const p = text.toLowerCase();
      if (!['highest', 'high', 'medium', 'normal', 'low', 'lowest'].includes(p)) return `Priority must be one of highest, high, medium, normal, low, lowest; got '${text}'.`;
      return { value: p };
    }
    case 'dependsOn': {
      const ids = typeof value === 'string' ? splitIds(value) : value.map((v) => v.trim()).filter((v) => v !== '');
      if (ids.length === 0) return { value: null };
      const bad = ids.find((id) => !idPattern.test(id));
      if (bad !== undefined) return `'${bad}' is not a task id: ids use letters, digits, '-' and '_'.`;
      return { value: ids.join(',') };
    }
    case 'role':
    case 'parent':
      if (text === '' || /[[\]()`]/.test(text)) return `A ${key} must be non-empty and free of brackets, parentheses and backticks; got '${text}'.`;
      return { value: text };
    case 'onCompletion':
      if (!/^(keep|delete)$/i.test(text)) return `On completion must be 'keep' or 'delete'; got '${text}'.`;
      return { value: text.toLowerCase() };
    case 'recurrence':
      if (!/^[a-zA-Z0-9, !]+$/.test(text) || !isValidFieldValue('recurrence', text)) return `Cannot read the recurrence rule '${text}': write it like 'every week on Monday' or 'every 2 days when done'.`;
      return { value: text };
    case 'id':
      if (!idPattern.test(text)) return `'${text}' is not a task id: ids use letters, digits, '-' and '_'.`;
      return { value: text };
    default:
      if (!isValidFieldValue(key, text)) return `The ${key} date must be a real date written YYYY-MM-DD; got '${text}'.`;
      return { value: text };
  }
}

/**
 * Sets (in place, keeping the format it was written in), adds (at the canonical position) or
 * clears (with one adjacent space) one field of a task.
 */
export function setField(note: NoteText, task: Task, key: FieldKey, value: FieldValue, ctx: EditContext): EditResult {
  const checked = normaliseFieldValue(key, value);
  if (typeof checked === 'string') return refuse(checked);
  const found = lineOf(note, task);
  if (typeof found === 'string') return refuse(found);
  const editor = new LineEditor(found.line.text);
  if (!applyField(editor, codeStart(task), key, checked.value, ctx.settings)) return refuse(`Line ${task.line + 1} of ${task.path} is not a task line.`);
  // Taking a field out can join what was around it into a new one (`⛔ ⛔ a -` without `⛔ a`
  // reads `⛔ -`): such a line cannot say what was asked, and is not rewritten into something else.
  if (checked.value === null && task.source === 'markdown' && stillHasField(editor.text, key, ctx.settings)) {
    return refuse(`Removing that field from line ${task.line + 1} of ${task.path} would make the text next to it read as the same field; edit the line by hand.`);
  }
  return ok(fileEdit(note, lineEdits(task.line, editor)));
}

function stillHasField(lineText: string, key: FieldKey, settings: TaskSettings): boolean {
  const parts = parseTaskLine(lineText);
  return parts !== null && parseTaskBody(lineText, bodyColumn(parts), settings).fields.some((f) => f.key === key);
}

// ---------------------------------------------------------------------------------------------
// Status changes, completion dates, recurrence.

/** Tasks' status for a new occurrence: the next TODO (else IN_PROGRESS) along the done status's `next` chain, else ' '. */
function recurrenceStatus(done: StatusDefinition, settings: TaskSettings): string {
  for (const wanted of ['TODO', 'IN_PROGRESS'] as const) {
    let status = statusFor(done.next, settings);
    for (let i = 0; i < 20; i++) {
      if (status.type === wanted) return status.symbol;
      status = statusFor(status.next, settings);
    }
  }
  return ' ';
}

/** What the next occurrence of a recurring task does not carry over. */
const nextOccurrenceDrops = ['done', 'cancelled', 'id', 'dependsOn'] as const;
/** A field stripped this many times over would take all a line's text with it: give up before. */
const maxRemovalPasses = 4;

/** Whether a task body still holds the field `key`. */
function carries(body: ParsedTaskBody, key: (typeof nextOccurrenceDrops)[number]): boolean {
  if (key === 'dependsOn') return body.dependsOn.length > 0;
  if (key === 'id') return body.id !== null;
  return body.dates[key] !== null;
}

/** The next occurrence of a recurring task as a line, built from its line as written; null when none. */
export function nextOccurrenceLine(lineText: string, doneStatus: StatusDefinition, ctx: EditContext): string | null {
  const parts = parseTaskLine(lineText);
  if (!parts) return null;
  const body = parseTaskBody(lineText, bodyColumn(parts), ctx.settings);
  const next = nextOccurrence(body, ctx.today);
  if (!next) return null;
  const editor = new LineEditor(lineText);
  const at = symbolColumn(parts);
  editor.replace(at, at + parts.symbol.length, recurrenceStatus(doneStatus, ctx.settings));
  for (const key of ['start', 'scheduled', 'due'] as const) {
    const value = next[key];
    if (value !== null) applyField(editor, null, key, value, ctx.settings);
  }
  if (ctx.settings.removeScheduledDateOnRecurrence) applyField(editor, null, 'scheduled', null, ctx.settings);
  // Removing a field can leave text that reads as one (`🆔 🆔 abc buy` → `🆔 buy`): the new
  // occurrence must hold none of these, so each is removed until it reads as absent.
  for (let pass = 0; pass < maxRemovalPasses; pass++) {
    const left = parseTaskBody(editor.text, bodyColumn(parseTaskLine(editor.text)!), ctx.settings);
    const present = nextOccurrenceDrops.filter((key) => carries(left, key));
    if (present.length === 0) break;
    for (const key of present) applyField(editor, null, key, null, ctx.settings);
  }
  applyField(editor, null, 'created', ctx.settings.setCreatedDate ? ctx.today : null, ctx.settings);
  const block = parseTaskBody(editor.text, bodyColumn(parseTaskLine(editor.text)!), ctx.settings).blockIdRange;
  if (block) editor.replace(block.start, block.end, '');
  return editor.text;
}

function deleteLineEdit(lines: NoteLine[], lineNumber: number): TextEdit {
  const line = lines[lineNumber]!;
  if (line.eol !== '') return { range: { start: { line: lineNumber, character: 0 }, end: { line: lineNumber + 1, character: 0 } }, newText: '' };
  if (lineNumber === 0) return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: line.text.length } }, newText: '' };
  const previous = lines[lineNumber - 1]!;
  return {
    range: { start: { line: lineNumber - 1, character: previous.text.length }, end: { line: lineNumber, character: line.text.length } },
    newText: '',
  };
}

/**
 * Moves a task to the status `symbol`. Entering DONE adds `✅ today` (leaving DONE removes it),
 * CANCELLED likewise with `❌`. Entering DONE on a recurring task inserts the next occurrence
 * (above the line, or below with `recurrenceOnNextLine`); `🏁 delete` removes the completed line.
 */
export function setStatus(note: NoteText, task: Task, symbol: string, ctx: EditContext): EditResult {
  if (!isStatusSymbol(symbol)) return refuse(`A status symbol is one character; got '${symbol}'.`);
  if (task.source === 'code') return refuse('A code task has no checkbox; change its status in the comment itself.');
  const found = lineOf(note, task);
  if (typeof found === 'string') return refuse(found);
  const { lines, line } = found;
  const parts = parseTaskLine(line.text);
  if (!parts) return refuse(`Line ${task.line + 1} of ${task.path} is not a task line.`);
  const settings = ctx.settings;
  const from = statusFor(parts.symbol, settings);
  const to = statusFor(symbol, settings);
  const editor = new LineEditor(line.text);
  const at = symbolColumn(parts);
  editor.replace(at, at + parts.symbol.length, symbol);
  const enteringDone = to.type === 'DONE' && from.type !== 'DONE';
  if (enteringDone) applyField(editor, null, 'done', ctx.today, settings);
  else if (from.type === 'DONE' && to.type !== 'DONE') applyField(editor, null, 'done', null, settings);
  if (to.type === 'CANCELLED' && from.type !== 'CANCELLED') applyField(editor, null, 'cancelled', ctx.today, settings);
  else if (from.type === 'CANCELLED' && to.type !== 'CANCELLED') applyField(editor, null, 'cancelled', null, settings);

  if (!enteringDone) return ok(fileEdit(note, lineEdits(task.line, editor)));
  const body = parseTaskBody(line.text, bodyColumn(parts), settings);
  const nextLine = body.recurrence !== null && !body.invalid.includes('recurrence') ? nextOccurrenceLine(line.text, to, ctx) : null;
  const deleting = body.onCompletion === 'delete';
  if (deleting) {
    if (nextLine === null) return ok(fileEdit(note, [deleteLineEdit(lines, task.line)]));
    const replaced = new LineEditor(line.text);
    replaced.replace(0, line.text.length, nextLine);
    return ok(fileEdit(note, lineEdits(task.line, replaced)));
  }
  if (nextLine !== null) {
    const eol = line.eol || dominantEol(lines);
    if (settings.recurrenceOnNextLine) editor.replace(editor.text.length, editor.text.length, line.eol ? '' : eol + nextLine);
    else editor.replace(0, 0, nextLine + eol);
    const edits = lineEdits(task.line, editor);
    if (settings.recurrenceOnNextLine && line.eol)
      edits.push({ range: { start: { line: task.line + 1, character: 0 }, end: { line: task.line + 1, character: 0 } }, newText: nextLine + line.eol });
    return ok(fileEdit(note, edits));
  }
  return ok(fileEdit(note, lineEdits(task.line, editor)));
}

/** Toggles a task to its status's `next` symbol (Tasks' "Toggle task done"). */
export function toggleDone(note: NoteText, task: Task, ctx: EditContext): EditResult {
  return setStatus(note, task, statusFor(task.symbol, ctx.settings).next, ctx);
}

// ---------------------------------------------------------------------------------------------
// Dependencies.

export type NoteLookup = ReadonlyMap<string, NoteText> | readonly NoteText[];

function findNote(notes: NoteLookup, path: string): NoteText | undefined {
  if (Array.isArray(notes)) return (notes as readonly NoteText[]).find((n) => n.path === path);
  return (notes as ReadonlyMap<string, NoteText>).get(path);
}

/**
 * Makes `task` depend on `target`: appends the target's id to the task's first `⛔` (or adds
 * one), giving the target a fresh `🆔 ctx.newId()` first if it has no usable id.
 */
export function addDependency(notes: NoteLookup, task: Task, target: Task, ctx: EditContext): EditResult {
  if (task.path === target.path && task.line === target.line) return refuse('A task cannot depend on itself.');
  const taskNote = findNote(notes, task.path);
  const targetNote = findNote(notes, target.path);
  if (!taskNote) return refuse(`No note ${task.path} to edit.`);
  if (!targetNote) return refuse(`No note ${target.path} to edit.`);
  const taskLine = lineOf(taskNote, task);
  if (typeof taskLine === 'string') return refuse(taskLine);
  const targetLine = lineOf(targetNote, target);
  if (typeof targetLine === 'string') return refuse(targetLine);

  const targetModel = modelOf(target.lineText, codeStart(target), ctx.settings);
  if (!targetModel) return refuse(`Line ${target.line + 1} of ${target.path} is not a task line.`);
  let id = targetModel.body.id !== null && !targetModel.body.invalid.includes('id') ? targetModel.body.id : null;
  const targetEditor = new LineEditor(target.lineText);
  if (id === null) {
    id = ctx.newId();
    if (!idPattern.test(id)) return refuse(`The new id '${id}' is not a valid task id.`);
    applyField(targetEditor, codeStart(target), 'id', id, ctx.settings);
  }

  const taskModel = modelOf(task.lineText, codeStart(task), ctx.settings);
  if (!taskModel) return refuse(`Line ${task.line + 1} of ${task.path} is not a task line.`);
  const taskEditor = new LineEditor(task.lineText);
  const existing = taskModel.body.fields.find((f) => f.key === 'dependsOn');
  if (!taskModel.body.dependsOn.includes(id)) {
    if (existing && existing.value !== '') taskEditor.replace(existing.valueEnd, existing.valueEnd, `,${id}`);
    else applyField(taskEditor, codeStart(task), 'dependsOn', id, ctx.settings);
  }

  const taskEdits = lineEdits(task.line, taskEditor);
  const targetEdits = lineEdits(target.line, targetEditor);
  if (task.path === target.path) return ok(fileEdit(taskNote, [...taskEdits, ...targetEdits]));
  return ok(fileEdit(taskNote, taskEdits), fileEdit(targetNote, targetEdits));
}

// ---------------------------------------------------------------------------------------------
// New lines: subtasks and tasks.

function withGlobalFilter(description: string, settings: TaskSettings): string {
  const filter = settings.globalFilter;
  return filter && !description.includes(filter) ? `${filter} ${description}`.trim() : description;
}

function newTaskLine(prefix: string, marker: string, description: string, ctx: EditContext): string {
  let line = `${prefix}${marker} [ ] ${withGlobalFilter(description.trim(), ctx.settings)}`;
  if (ctx.settings.setCreatedDate) {
    const editor = new LineEditor(line);
    applyField(editor, null, 'created', ctx.today, ctx.settings);
    line = editor.text;
  }
  return line;
}

function checkDescription(description: string): string | null {
  if (/[\r\n]/.test(description)) return 'A task description cannot span lines.';
  return null;
}

/** Splits a list line's prefix into its blockquote part (`> > `) and its indentation. */
function splitPrefix(prefix: string): { quote: string; indent: string } {
  const quote = /^(?:[ \t]*>[ ]?)*/.exec(prefix)![0];
  return { quote, indent: prefix.slice(quote.length) };
}

function width(indent: string): number {
  let w = 0;
  for (const c of indent) w = c === '\t' ? w + 4 - (w % 4) : w + 1;
  return w;
}

const listLine = /^([\s>]*)([-*+]|[0-9]+[.)])([ \t]+|$)/;

function nextMarker(marker: string): string {
  const m = /^([0-9]+)([.)])$/.exec(marker);
  return m ? `${Number(m[1]) + 1}${m[2]}` : marker;
}

/** Inserts `text` as a new line after line `after`. */
function insertAfter(lines: NoteLine[], after: number, text: string): TextEdit {
  const line = lines[after]!;
  if (line.eol !== '') return { range: { start: { line: after + 1, character: 0 }, end: { line: after + 1, character: 0 } }, newText: text + line.eol };
  const at = { line: after, character: line.text.length };
  return { range: { start: at, end: at }, newText: dominantEol(lines) + text };
}

/** Adds a subtask after the parent's subtree, one level deeper than the parent, in the same marker style. */
export function addSubtask(note: NoteText, parent: Task, description: string, ctx: EditContext): EditResult {
  const problem = checkDescription(description);
  if (problem) return refuse(problem);
  const slot = childSlot(note, parent);
  if (typeof slot === 'string') return refuse(slot);
  const line = newTaskLine(slot.prefix, slot.marker, description, ctx);
  return ok(fileEdit(note, [insertAfter(slot.lines, slot.after, line)]));
}

/**
 * Adds a plain list item (no checkbox) as the last child of `parent`, indented and marked as
 * its children are: a note under a task (what an agent writes when it completes one).
 */
export function addChildItem(note: NoteText, parent: Task, text: string): EditResult {
  if (/[\r\n]/.test(text)) return refuse('A list item is one line of text.');
  if (text.trim() === '') return refuse('The list item is empty.');
  const slot = childSlot(note, parent);
  if (typeof slot === 'string') return refuse(slot);
  return ok(fileEdit(note, [insertAfter(slot.lines, slot.after, `${slot.prefix}${slot.marker} ${text.trim()}`)]));
}

/**
 * Where a new last child of `parent` goes: after its subtree, indented like its first child
 * (or one step in), with the next marker of its children's list; or why there is no such place.
 */
function childSlot(note: NoteText, parent: Task): { lines: NoteLine[]; after: number; prefix: string; marker: string } | string {
  if (parent.source === 'code') return 'Subtasks of code tasks are not supported; add a task line to a note instead.';
  const found = lineOf(note, parent);
  if (typeof found === 'string') return found;
  const { lines } = found;
  const parts = parseTaskLine(found.line.text);
  if (!parts) return `Line ${parent.line + 1} of ${parent.path} is not a task line.`;
  const own = splitPrefix(parts.prefix);
  const ownWidth = width(own.indent);

  let last = parent.line;
  let firstChild: { indent: string; marker: string } | null = null;
  let lastChildMarker: string | null = null;
  for (let i = parent.line + 1; i < lines.length; i++) {
    const text = lines[i]!.text;
    const { quote, indent } = splitPrefix(/^[\s>]*/.exec(text)![0]);
    const rest = text.slice(quote.length + indent.length);
    if (rest.trim() === '') continue; // blank (or quote-only) lines belong to the subtree only if more follows
    if (quote.replace(/\s/g, '') !== own.quote.replace(/\s/g, '') || width(indent) <= ownWidth) break;
    last = i;
    const item = listLine.exec(text);
    if (item) {
      const itemIndent = splitPrefix(item[1]!).indent;
      if (firstChild === null) firstChild = { indent: itemIndent, marker: item[2]! };
      if (itemIndent === firstChild.indent) lastChildMarker = item[2]!;
    }
  }

  if (firstChild) return { lines, after: last, prefix: own.quote + firstChild.indent, marker: nextMarker(lastChildMarker ?? firstChild.marker) };
  const numbered = /^[0-9]+([.)])$/.exec(parts.marker);
  return { lines, after: last, prefix: own.quote + own.indent + indentUnit(lines, parts.marker), marker: numbered ? `1${numbered[1]}` : parts.marker };
}

/** The note's indentation step: a tab if its lists use tabs, else its smallest space indent, else a tab (Obsidian's default). */
function indentUnit(lines: NoteLine[], parentMarker: string): string {
  let spaces = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    const item = listLine.exec(line.text);
    if (!item) continue;
    const { indent } = splitPrefix(item[1]!);
    if (indent.startsWith('\t')) return '\t';
    if (indent.length > 0) spaces = Math.min(spaces, indent.length);
  }
  if (spaces === Number.POSITIVE_INFINITY) return '\t';
  return ' '.repeat(Math.max(spaces, /^[0-9]/.test(parentMarker) ? parentMarker.length + 1 : 0));
}

/**
 * Creates a task after line `afterLine` (zero-based; a list line there lends its indentation and
 * marker style), or at the end of the note when null.
 */
export function createTask(note: NoteText, afterLine: number | null, description: string, ctx: EditContext): EditResult {
  const problem = checkDescription(description);
  if (problem) return refuse(problem);
  const lines = noteLines(note.text);
  if (afterLine === null) {
    const lastIndex = lines.length - 1;
    const lastLine = lines[lastIndex]!;
    const line = newTaskLine('', '-', description, ctx);
    const at = { line: lastIndex, character: lastLine.text.length };
    // A note ending in a line break gets the task on its last (empty) line, keeping the final break.
    const newText = lastLine.text === '' ? (lastIndex === 0 ? line : line + (lines[lastIndex - 1]!.eol || '\n')) : dominantEol(lines) + line;
    if (lastLine.text === '' && lastIndex > 0) {
      const start = { line: lastIndex, character: 0 };
      return ok(fileEdit(note, [{ range: { start, end: start }, newText }]));
    }
    return ok(fileEdit(note, [{ range: { start: at, end: at }, newText }]));
  }
  if (!Number.isInteger(afterLine) || afterLine < 0 || afterLine >= lines.length) return refuse(`Line ${afterLine + 1} is not in ${note.path}.`);
  const item = listLine.exec(lines[afterLine]!.text);
  const line = item ? newTaskLine(item[1]!, nextMarker(item[2]!), description, ctx) : newTaskLine('', '-', description, ctx);
  return ok(fileEdit(note, [insertAfter(lines, afterLine, line)]));
}
