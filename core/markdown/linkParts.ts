import type { Link, LinkKind } from './types.js';
import type { Range } from '../../shared-types/index.js';

/** A scheme (`https:`, `mailto:`, `obsidian:`) or a protocol-relative `//` means "not a note". */
export function isExternalTarget(target: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(target) || target.startsWith('//');
}

/**
 * `[[a#b#c|alias|more]]`: Obsidian splits the alias at the first `|` that is not the first
 * character (the rest stays in the alias; `[[|x]]` links to `|x`) and the subpath at the first
 * `#`. In tables `\|` stands for the alias bar.
 */
export function wikilinkFromContent(kind: LinkKind, content: string, raw: string, range: Range): Link {
  const bar = content.indexOf('|', 1);
  let linkPart: string;
  let alias: string | null = null;
  if (bar >= 0) {
    const escaped = bar > 0 && content[bar - 1] === '\\';
    linkPart = content.slice(0, escaped ? bar - 1 : bar);
    alias = content.slice(bar + 1);
  } else {
    linkPart = content;
  }
  const hash = linkPart.indexOf('#');
  const target = (hash >= 0 ? linkPart.slice(0, hash) : linkPart).trim();
  const subpath = hash >= 0 ? linkPart.slice(hash + 1).trim() : null;
  return { kind, target, subpath, alias, raw, range, external: false };
}

/** Markdown destinations are URL-encoded (`My%20Note.md`); a malformed escape is kept as written. */
export function markdownLinkFromParts(
  kind: LinkKind,
  text: string,
  destination: string,
  raw: string,
  range: Range,
): Link {
  const external = isExternalTarget(destination);
  const decoded = external ? destination : safeDecode(unescapeBackslashes(destination));
  const hash = external ? -1 : decoded.indexOf('#');
  const target = hash >= 0 ? decoded.slice(0, hash) : decoded;
  const subpath = hash >= 0 ? decoded.slice(hash + 1) : null;
  return { kind, target, subpath, alias: text === '' ? null : text, raw, range, external };
}

function safeDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function unescapeBackslashes(s: string): string {
  return s.includes('\\') ? s.replace(/\\([!-/:-@[-`{-~])/g, '$1') : s;
}
