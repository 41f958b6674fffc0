import { fileNameOf, folderOf, joinVaultPath, lookupKeyOfTarget } from './paths.js';
import type { VaultFiles } from './vaultFiles.js';

/**
 * The file a link target points to, by Obsidian's rules, or null when it is unresolved.
 * `target` is the link path as written, without `#subpath` or `|alias` (markdown links
 * already URL-decoded); `fromPath` is the vault path of the note that holds the link.
 *
 * In order, all case-insensitive (an exact-case file wins over one that differs in case):
 *  1. `` (`[[#heading]]`, `[[#^block]]`, `[text](#heading)`) is the note itself;
 *  2. `/a/b` is vault-absolute: `a/b`, then `a/b.md`, and nothing else;
 *  3. the path as written from the vault root, then with `.md`;
 *  4. the path relative to the note's folder (`./x`, `../x`, `sub/x`), then with `.md`;
 *  5. every file whose path ends with `/` + the target (or the target + `.md`): a bare name
 *     matches that name in any folder, `b/Note` matches `a/b/Note.md`. Among several, the
 *     one in the note's own folder wins, then the shortest path, then the first in code-unit
 *     order (Obsidian's observed tie-break: an ancestor folder counts for nothing, and
 *     `a/b/Note.md` beats `zzzz/Note.md`).
 *
 * Frontmatter aliases never resolve a link: Obsidian's own `resolvedLinks` lists `[[Alias]]`
 * as unresolved (checked against its metadata cache); aliases only feed link suggestions.
 */
export function resolveLinkTarget(target: string, fromPath: string, vault: VaultFiles): string | null {
  if (target === '') return fromPath;
  if (target.startsWith('/')) {
    const absolute = joinVaultPath('', target.slice(1));
    return absolute === null ? null : withMarkdown(absolute, vault);
  }
  const asWritten = joinVaultPath('', target);
  const fromRoot = asWritten === null ? undefined : withMarkdown(asWritten, vault);
  if (fromRoot) return fromRoot;
  const folder = folderOf(fromPath);
  if (folder !== '') {
    const relative = joinVaultPath(folder, target);
    const found = relative === null ? undefined : withMarkdown(relative, vault);
    if (found) return found;
  }
  if (asWritten === null || target.startsWith('./') || target.startsWith('../')) return null;
  return bySuffix(asWritten, folder, vault);
}

function withMarkdown(path: string, vault: VaultFiles): string | null {
  return vault.exact(path) ?? vault.exact(`${path}.md`) ?? null;
}

function bySuffix(path: string, folder: string, vault: VaultFiles): string | null {
  const lower = path.toLowerCase();
  const suffixes = [lower, `${lower}.md`];
  const matches = vault.named(lookupKeyOfTarget(path)).filter((candidate) => {
    const c = candidate.toLowerCase();
    return suffixes.some((s) => c === s || (c.endsWith(s) && c[c.length - s.length - 1] === '/'));
  });
  if (matches.length <= 1) return matches[0] ?? null;
  const exactName = fileNameOf(path);
  return matches.reduce((best, c) => (better(c, best, folder, exactName) ? c : best));
}

/** Own folder first, then the shortest path, then exact-case name, then code-unit order. */
function better(a: string, b: string, folder: string, name: string): boolean {
  const aHere = folderOf(a) === folder;
  const bHere = folderOf(b) === folder;
  if (aHere !== bHere) return aHere;
  if (a.length !== b.length) return a.length < b.length;
  const aCase = fileNameOf(a).startsWith(name);
  const bCase = fileNameOf(b).startsWith(name);
  if (aCase !== bCase) return aCase;
  return a < b;
}
