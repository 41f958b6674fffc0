import type { Diagnostic, Range } from '../../shared-types/index.js';

/** One physical line of a note, with the line ending it had (kept so edits never change it). */
export interface Line {
  /** The line's text without its ending. */
  text: string;
  /** '\n', '\r\n', '\r' or '' for the last line. */
  eol: string;
  /** UTF-16 offset of the line's first character in the note's text. */
  offset: number;
}

export interface Frontmatter {
  /** The parsed YAML (a plain object), or null when it did not parse or is not a mapping. */
  data: Record<string, unknown> | null;
  /** Zero-based lines of the opening and closing `---`. */
  startLine: number;
  endLine: number;
  /** Aliases and tags as Obsidian reads them (lists or comma-separated strings). */
  aliases: string[];
  tags: string[];
}

export interface Heading {
  level: number;
  /** Heading text as Obsidian shows it: trimmed, closing #s removed. */
  text: string;
  line: number;
  range: Range;
}

export interface BlockId {
  id: string;
  line: number;
  range: Range;
}

export interface Tag {
  /** With the leading `#`, as Obsidian's `getAllTags` gives it. */
  tag: string;
  range: Range | null;
  source: 'inline' | 'frontmatter';
}

export type LinkKind = 'wikilink' | 'embed' | 'markdown' | 'markdown-embed';

export interface Link {
  kind: LinkKind;
  /** The link path as written, without `#subpath` or `|alias` (markdown links URL-decoded). */
  target: string;
  /** `#heading`, `#^block` or `#a#b` as written, without the leading `#`, or null. */
  subpath: string | null;
  /** The display text: `[[a|this]]` or `[this](a)`, or null. */
  alias: string | null;
  /** The whole link as written, e.g. `[[a#b|c]]`. */
  raw: string;
  range: Range;
  /** True for `http:`, `mailto:` and other URLs: not a note link. */
  external: boolean;
}

/** Every list item, task or not, in document order; `parent` builds the tree by indentation. */
export interface ListItem {
  line: number;
  /** Everything before the marker: whitespace and blockquote `>`s. */
  prefix: string;
  /** `-`, `*`, `+`, `1.`, `1)` as written. */
  marker: string;
  /** Visual indentation width (tabs expanded to 4), blockquote markers excluded. */
  indent: number;
  /** Index into `listItems` of the parent item, or -1 at the top of a list. */
  parent: number;
  /** The checkbox character for task items (`- [x]`), or null for plain items. */
  checkbox: string | null;
  /** UTF-16 column where the item's content starts (after `- ` or `- [x] `). */
  contentStart: number;
}

export interface ParsedNote {
  path: string;
  text: string;
  lines: Line[];
  hadBom: boolean;
  frontmatter: Frontmatter | null;
  headings: Heading[];
  blockIds: BlockId[];
  tags: Tag[];
  links: Link[];
  listItems: ListItem[];
  /** Indices into `listItems` of the items with a checkbox (candidate tasks). */
  taskItems: number[];
  /** Malformed YAML, invalid UTF-8, binary content, …: located, never thrown. */
  diagnostics: Diagnostic[];
}
