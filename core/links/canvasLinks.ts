import type { Range } from '../../shared-types/index.js';
import { parseNote } from '../markdown/parseNote.js';
import type { Link } from '../markdown/types.js';

/**
 * Links of an Obsidian canvas (JSON): the links written in its text cards, and every file
 * card, as Obsidian's metadata cache counts them. Each link is located at the line of its
 * card's id in the canvas file. A canvas that is not valid JSON has no links.
 */
export function canvasLinks(text: string): Link[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return [];
  }
  const nodes = (data as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  const links: Link[] = [];
  for (const node of nodes as Array<Record<string, unknown>>) {
    if (!node || typeof node !== 'object') continue;
    const range = rangeOfNode(text, node.id);
    if (node.type === 'text' && typeof node.text === 'string') {
      for (const link of parseNote('', node.text).links) links.push({ ...link, range });
    } else if (node.type === 'file' && typeof node.file === 'string' && node.file !== '') {
      const subpath = typeof node.subpath === 'string' && node.subpath.startsWith('#') ? node.subpath.slice(1) : null;
      links.push({ kind: 'embed', target: node.file, subpath, alias: null, raw: node.file, range, external: false });
    }
  }
  return links;
}

function rangeOfNode(text: string, id: unknown): Range {
  const at = typeof id === 'string' && id !== '' ? text.indexOf(JSON.stringify(id)) : -1;
  if (at < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const character = at - lineStart;
  return { start: { line, character }, end: { line, character: character + JSON.stringify(id).length } };
}
