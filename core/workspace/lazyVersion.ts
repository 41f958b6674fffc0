import { contentHash } from '../text/hash.js';

// A parsed file's `version` (the content hash of its text) as an accessor computed on first read:
// hashing every text is ~35 ms of a cold start at 13k notes, and a start that only queries tasks
// and links never reads one (an edit, the history and the store do). A shared getter on an own,
// enumerable property, so the file still looks like plain data (spread, toEqual, JSON) and every
// parsed file shares one hidden class.

const slot = Symbol('version');

interface WithVersion {
  readonly text: string;
  [slot]: string | null;
}

function getVersion(this: WithVersion): string {
  return (this[slot] ??= contentHash(this.text));
}

function setVersion(this: WithVersion, version: string): void {
  this[slot] = version;
}

/** Gives a fresh object with a `text` a `version` hashed from it on first read. */
export function lazyVersion<T extends { readonly text: string }>(target: T): T & { version: string } {
  Object.defineProperty(target, slot, { value: null, writable: true, enumerable: false, configurable: false });
  Object.defineProperty(target, 'version', { get: getVersion, set: setVersion, enumerable: true, configurable: true });
  return target as T & { version: string };
}
