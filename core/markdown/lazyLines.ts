import { splitLines } from '../text/lines.js';
import type { Line } from './types.js';

// A note's lines are an array of objects (plus a string slice) per physical line: at 10,000
// notes the biggest thing a loaded vault held, read only by tasks at parse time and by editor
// features on the notes they touch. So `lines` is an accessor: split on first read, kept until
// the owner releases it (the Workspace does once a note's tasks are read), split again if asked.

const slot = Symbol('lines');

interface WithLines {
  readonly text: string;
  [slot]: Line[] | null;
}

// One getter and setter for every note, so every note shares one hidden class.
function getLines(this: WithLines): Line[] {
  return (this[slot] ??= splitLines(this.text));
}

function setLines(this: WithLines, lines: Line[]): void {
  this[slot] = lines;
}

/** Gives `target` a `lines` property computed from its `text` on first read (`known`: lines already split). */
export function defineLazyLines<T extends { readonly text: string }>(target: T, known: Line[] | null): T & { lines: Line[] } {
  Object.defineProperty(target, slot, { value: known, writable: true, enumerable: false, configurable: false });
  Object.defineProperty(target, 'lines', { get: getLines, set: setLines, enumerable: true, configurable: true });
  return target as T & { lines: Line[] };
}

/** Drops the split lines of a note made by parseNote (they are split again when next read). */
export function releaseLines(note: object): void {
  if (slot in note) (note as WithLines)[slot] = null;
}

/** The note's lines without keeping them when they were not kept already: for passes over every note. */
export function transientLines(note: { readonly text: string; readonly lines: Line[] }): Line[] {
  if (!(slot in note)) return note.lines;
  return (note as unknown as WithLines)[slot] ?? splitLines(note.text);
}
