/**
 * The server's content version of a text (FNV-1a over UTF-16 code units, 53 bits), the same
 * function as core/text/hash.ts. A host may not import core/, yet it must check that the file it
 * is about to edit is exactly the text a task edit was computed for; `TaskItem.fileVersion` is
 * this hash. test/obsidian checks both functions agree.
 */
export function contentHash(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  const high = (h2 >>> 0) & 0x1fffff;
  return (high * 0x100000000 + (h1 >>> 0)).toString(36);
}
