import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseNote } from '../../../core/markdown/parseNote.js';
import type { ParsedNote } from '../../../core/markdown/types.js';

/** The parts of Obsidian's CachedMetadata we compare, each reduced to comparable strings. */
export const CATEGORIES = ['frontmatter', 'frontmatterData', 'frontmatterTags', 'headings', 'links', 'embeds', 'tags', 'listItems', 'blocks'] as const;
export type Category = (typeof CATEGORIES)[number];

interface Loc {
  line: number;
  col: number;
}
interface Pos {
  start: Loc;
  end: Loc;
}
interface OracleNote {
  filePath: string;
  parseFrontMatterTags: string[] | null;
  fileContents: string;
  cachedMetadata: {
    headings?: { heading: string; level: number; position: Pos }[];
    links?: { link: string; position: Pos }[];
    embeds?: { link: string; position: Pos }[];
    tags?: { tag: string; position: Pos }[];
    listItems?: { parent: number; task?: string; position: Pos }[];
    blocks?: Record<string, { id: string; position: Pos }>;
    frontmatter?: Record<string, unknown>;
    frontmatterPosition?: Pos;
  };
}

export interface NoteComparison {
  name: string;
  note: ParsedNote;
  expected: Record<Category, string[]>;
  actual: Record<Category, string[]>;
}

export function loadOracle(dir: string): { name: string; oracle: OracleNote }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.json$/, ''), oracle: JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as OracleNote }));
}

const at = (p: Loc) => `${p.line}:${p.col}`;

export function compareNote(name: string, oracle: OracleNote): NoteComparison {
  const cm = oracle.cachedMetadata;
  const note = parseNote(oracle.filePath, oracle.fileContents);
  const expected: Record<Category, string[]> = {
    frontmatter: cm.frontmatterPosition ? [`present ${cm.frontmatter ? 'valid' : 'invalid'}`] : [],
    frontmatterData: cm.frontmatter ? [canonicalJson(cm.frontmatter)] : [],
    frontmatterTags: oracle.parseFrontMatterTags ?? [],
    headings: (cm.headings ?? []).map((h) => `${h.position.start.line} h${h.level} ${h.heading}`),
    links: (cm.links ?? []).map((l) => `${at(l.position.start)}-${at(l.position.end)} ${l.link}`),
    embeds: (cm.embeds ?? []).map((l) => `${at(l.position.start)}-${at(l.position.end)} ${l.link}`),
    tags: (cm.tags ?? []).map((t) => `${at(t.position.start)} ${t.tag}`),
    listItems: (cm.listItems ?? []).map(
      (li) => `${li.position.start.line} [${li.task ?? ''}] parent=${li.parent < 0 ? 'root' : li.parent}`,
    ),
    blocks: Object.values(cm.blocks ?? {}).map((b) => `${b.position.end.line} ^${b.id}`),
  };
  const linkKey = (l: ParsedNote['links'][number]) =>
    `${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character} ${l.target}${l.subpath === null ? '' : '#' + l.subpath}`;
  const fmValid = note.frontmatter && !note.diagnostics.some((d) => d.code === 'invalid-frontmatter');
  const actual: Record<Category, string[]> = {
    frontmatter: note.frontmatter ? [`present ${fmValid ? 'valid' : 'invalid'}`] : [],
    frontmatterData:
      note.frontmatter?.data && Object.keys(note.frontmatter.data).length > 0 ? [canonicalJson(note.frontmatter.data)] : [],
    frontmatterTags: note.frontmatter?.tags ?? [],
    headings: note.headings.map((h) => `${h.line} h${h.level} ${h.text}`),
    links: note.links.filter((l) => !l.external && (l.kind === 'wikilink' || l.kind === 'markdown')).map(linkKey),
    embeds: note.links.filter((l) => !l.external && (l.kind === 'embed' || l.kind === 'markdown-embed')).map(linkKey),
    tags: note.tags.filter((t) => t.source === 'inline').map((t) => `${t.range!.start.line}:${t.range!.start.character} ${t.tag}`),
    listItems: note.listItems.map(
      (li) => `${li.line} [${li.checkbox ?? ''}] parent=${li.parent < 0 ? 'root' : note.listItems[li.parent]!.line}`,
    ),
    blocks: note.blockIds.map((b) => `${b.line} ^${b.id}`),
  };
  return { name, note, expected, actual };
}

/** Items only in one side, for readable failure messages. */
export function difference(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const rest = [...actual];
  const missing: string[] = [];
  for (const e of expected) {
    const k = rest.indexOf(e);
    if (k >= 0) rest.splice(k, 1);
    else missing.push(e);
  }
  return { missing, extra: rest };
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
