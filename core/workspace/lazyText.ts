// A file's or note's `text` as an accessor, read on first use by a loader (a restored note's
// text comes from disk only when something asks) and kept from then on. Accessors are shared
// functions on own, enumerable properties, so such an object looks like plain data to readers
// (spread, toEqual, JSON) and every one of them shares one hidden class.

const textSlot = Symbol('text');
const loadSlot = Symbol('load');

interface Lazy {
  [textSlot]: string | null;
  [loadSlot]: () => string;
}

function getText(this: Lazy): string {
  return (this[textSlot] ??= this[loadSlot]());
}

function setText(this: Lazy, text: string): void {
  this[textSlot] = text;
}

function hidden(target: object, key: symbol, value: unknown): void {
  Object.defineProperty(target, key, { value, writable: true, enumerable: false, configurable: false });
}

/** Gives a fresh object (redefining a data property would put it in dictionary mode) a `text` that `load` reads on first use. */
export function lazyText(target: object, load: () => string): void {
  hidden(target, textSlot, null);
  hidden(target, loadSlot, load);
  Object.defineProperty(target, 'text', { get: getText, set: setText, enumerable: true, configurable: true });
}

/** Whether `target`'s text is in memory: false only for a lazy text not read yet. */
export function isTextKept(target: object): boolean {
  return !(textSlot in target) || (target as Lazy)[textSlot] !== null;
}
