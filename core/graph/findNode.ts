import { subpathNode } from './buildGraph.js';
import type { GraphSource, ScriptoriumGraph } from './types.js';

/**
 * The graph node a user means by `name`: a vault path (with or without `.md`), else a name
 * resolved like a wikilink from the vault root (`Website relaunch`, `Projects/Website relaunch`,
 * `[[Website relaunch#Plan]]`); a heading or block subpath picks that node when it is linked.
 * Null when nothing in the graph answers to it.
 */
export function graphNodeNamed(source: GraphSource, graph: ScriptoriumGraph, name: string): string | null {
  let text = name.trim();
  if (text.startsWith('[[') && text.endsWith(']]')) text = text.slice(2, -2);
  const bar = text.indexOf('|');
  if (bar > 0) text = text.slice(0, bar);
  const hash = text.indexOf('#');
  const target = (hash >= 0 ? text.slice(0, hash) : text).trim();
  const subpath = hash >= 0 ? text.slice(hash + 1) : null;
  if (target === '') return null;
  const path = source.linkIndex().resolve(target, '');
  if (path === null) return null;
  if (subpath) {
    const sub = subpathNode(source, path, subpath);
    if (sub && graph.hasNode(sub.id)) return sub.id;
  }
  return graph.hasNode(path) ? path : null;
}
