import { fileNameOf, folderOf, joinVaultPath } from '../../../core/links/paths.js';
import { resolveLinkTarget } from '../../../core/links/resolveLinkTarget.js';
import { VaultFiles } from '../../../core/links/vaultFiles.js';
import type { Link } from '../../../core/markdown/types.js';
import type { Workspace } from '../../../core/workspace/workspace.js';

/** Every workspace path as a VaultFiles, optionally with one path moved (for a rename's new links). */
export function vaultOf(workspace: Workspace, move?: { from: string; to: string }): VaultFiles {
  const vault = new VaultFiles();
  for (const file of workspace.files()) if (file.path !== move?.from) vault.add(file.path);
  if (move) vault.add(move.to);
  return vault;
}

function withoutMd(path: string): string {
  return path.replace(/\.md$/i, '');
}

/**
 * The shortest text a wikilink from `fromPath` can use for `path` (Obsidian's "shortest path when
 * possible"): the name alone when it resolves there, else the vault path. `.md` is dropped.
 */
export function shortestLinkTarget(path: string, fromPath: string, vault: VaultFiles): string {
  const name = withoutMd(fileNameOf(path));
  if (resolveLinkTarget(name, fromPath, vault) === path) return name;
  return withoutMd(path);
}

/** `../b/c.md` from folder `a/x` to `a/b/c.md`. */
export function relativePath(fromFolder: string, toPath: string): string {
  const from = fromFolder === '' ? [] : fromFolder.split('/');
  const to = toPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.length - common;
  const rest = to.slice(common).join('/');
  return up === 0 ? rest : `${'../'.repeat(up)}${rest}`;
}

/**
 * The target text a link should carry once its file moves to `newPath`, in the style it was
 * written: relative stays relative, vault paths stay vault paths, a bare name stays as short as
 * it can, and `.md` is kept only when it was written.
 */
export function retargetedText(link: Link, fromPath: string, oldPath: string, newPath: string, vault: VaultFiles): string {
  const target = link.target;
  const keepMd = /\.md$/i.test(target) || !/\.md$/i.test(newPath);
  const shape = (p: string) => (keepMd ? p : withoutMd(p));
  const folder = folderOf(fromPath);
  if (target.startsWith('/')) return `/${shape(newPath)}`;
  if (target.startsWith('./') || target.startsWith('../')) {
    const rel = relativePath(folder, newPath);
    return shape(target.startsWith('./') && !rel.startsWith('../') ? `./${rel}` : rel);
  }
  if (target.includes('/')) {
    const fromRoot = joinVaultPath('', target);
    const relative = folder === '' ? null : joinVaultPath(folder, target);
    const wasRelative = relative !== null && fromRoot !== null && !sameFile(fromRoot, oldPath) && sameFile(relative, oldPath);
    return shape(wasRelative ? relativePath(folder, newPath) : newPath);
  }
  if (link.kind === 'markdown' || link.kind === 'markdown-embed') {
    // A bare markdown link is a path from the note's folder (or the root): keep it one.
    const rel = relativePath(folder, newPath);
    return shape(resolveLinkTarget(rel, fromPath, vault) === newPath ? rel : newPath);
  }
  const shortest = shortestLinkTarget(newPath, fromPath, vault);
  return /\.md$/i.test(target) && /\.md$/i.test(newPath) ? `${shortest}.md` : shortest;
}

function sameFile(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x === y || `${x}.md` === y;
}

/** Markdown link destinations are URL-encoded: the few characters that would break one are escaped. */
export function encodeDestination(path: string): string {
  return path.replace(/[%\s()<>]/g, (c) => encodeURIComponent(c));
}

/** Where, inside `link.raw`, its path and its subpath are written (UTF-16 offsets), or null when unreadable. */
export interface LinkSpans {
  target: { start: number; end: number };
  /** After the `#`, up to the alias or the end; null without a subpath. */
  subpath: { start: number; end: number } | null;
  /** Markdown destinations in `<…>` are written raw; others are URL-encoded. */
  encoded: boolean;
}

export function linkSpans(link: Link): LinkSpans | null {
  const raw = link.raw;
  if (link.kind === 'wikilink' || link.kind === 'embed') {
    const open = raw.indexOf('[[');
    if (open < 0 || !raw.endsWith(']]')) return null;
    const contentStart = open + 2;
    const content = raw.slice(contentStart, -2);
    const bar = content.indexOf('|', 1);
    const linkEnd = bar >= 0 ? (content[bar - 1] === '\\' ? bar - 1 : bar) : content.length;
    const hash = content.slice(0, linkEnd).indexOf('#');
    const pathEnd = hash >= 0 ? hash : linkEnd;
    const lead = content.length - content.trimStart().length;
    const pathText = content.slice(0, pathEnd);
    const trailing = pathText.length - pathText.trimEnd().length;
    const start = contentStart + Math.min(lead, pathEnd);
    return {
      target: { start, end: Math.max(start, contentStart + pathEnd - trailing) },
      subpath: hash >= 0 ? { start: contentStart + hash + 1, end: contentStart + linkEnd } : null,
      encoded: false,
    };
  }
  const close = closingBracket(raw);
  if (close < 0 || raw[close + 1] !== '(') return null;
  let i = close + 2;
  while (raw[i] === ' ' || raw[i] === '\t') i++;
  let end: number;
  let encoded = true;
  if (raw[i] === '<') {
    encoded = false;
    i++;
    end = raw.indexOf('>', i);
    if (end < 0) return null;
  } else {
    end = i;
    while (end < raw.length - 1 && !/\s/.test(raw[end]!)) end++;
  }
  const hash = raw.slice(i, end).indexOf('#');
  return {
    target: { start: i, end: hash >= 0 ? i + hash : end },
    subpath: hash >= 0 ? { start: i + hash + 1, end } : null,
    encoded,
  };
}

/** The `]` closing a markdown link's text (brackets nest, backslash escapes). */
function closingBracket(raw: string): number {
  let depth = 0;
  for (let i = raw.indexOf('['); i >= 0 && i < raw.length; i++) {
    const c = raw[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}
