import { parseNote } from './parseNote.js';
import type { ListItem } from './types.js';

// A note's list items are read by task extraction at parse time and by little else, yet at
// 13,000 notes they are ~100,000 objects kept for nothing. So `listItems` and `taskItems` are
// accessors, like `lines` (lazyLines.ts): once the owner has read a note's tasks it releases
// them, and a later read parses the note again. Accessors are shared functions on own,
// enumerable properties added to a fresh note (redefining a data property would put every
// note in dictionary mode), so a note still looks like plain data to readers (spread, toEqual,
// JSON) and every note shares one hidden class.

const slot = Symbol('listItems');

export interface NoteListItems {
  listItems: ListItem[];
  /** Indices into `listItems` of the items with a checkbox. */
  taskItems: number[];
}

interface WithListItems {
  readonly path: string;
  readonly text: string;
  [slot]: NoteListItems | null;
}

function items(note: WithListItems): NoteListItems {
  if (note[slot] === null) {
    const again = parseNote(note.path, note.text);
    note[slot] = { listItems: again.listItems, taskItems: again.taskItems };
  }
  return note[slot];
}

function getListItems(this: WithListItems): ListItem[] {
  return items(this).listItems;
}

function setListItems(this: WithListItems, listItems: ListItem[]): void {
  items(this).listItems = listItems;
}

function getTaskItems(this: WithListItems): number[] {
  return items(this).taskItems;
}

function setTaskItems(this: WithListItems, taskItems: number[]): void {
  items(this).taskItems = taskItems;
}

/** Gives a note (`path` and `text`) `listItems` and `taskItems` accessors holding `known` (null: parsed on first read). */
export function defineLazyListItems<T extends { readonly path: string; readonly text: string }>(target: T, known: NoteListItems | null): T & NoteListItems {
  Object.defineProperty(target, slot, { value: known, writable: true, enumerable: false, configurable: false });
  Object.defineProperty(target, 'listItems', { get: getListItems, set: setListItems, enumerable: true, configurable: true });
  Object.defineProperty(target, 'taskItems', { get: getTaskItems, set: setTaskItems, enumerable: true, configurable: true });
  return target as T & NoteListItems;
}

/** Drops the list items of a note made by parseNote (they are parsed again when next read). */
export function releaseListItems(note: object): void {
  if (slot in note) (note as WithListItems)[slot] = null;
}
