// The anatomy of a markdown task line, kept to the byte: `<prefix><marker> [<S>] <body>`.

export interface TaskLineParts {
  /** Whitespace and blockquote/callout `>`s before the marker. */
  prefix: string;
  /** `-`, `*`, `+`, `1.`, `1)` as written. */
  marker: string;
  /** The spaces (or tabs) between marker and `[`: at least one. */
  markerSpace: string;
  /** The checkbox character: one code point. */
  symbol: string;
  /** The spaces between `]` and the body: possibly none. */
  checkboxSpace: string;
  /** Everything after, verbatim (fields, tags, block id, trailing spaces). */
  body: string;
}

// Tasks' own shape (indentation with `>`s, marker, spaces, `[.]`, optional spaces); `u` so a
// checkbox character outside the BMP stays one symbol.
const taskLinePattern = /^([\s>]*)([-*+]|[0-9]+[.)])([ \t]+)\[([^\n\r])\]([ \t]*)(.*)$/su;

/** The parts of a task line, or null when the line is not one (`- []` is not). */
export function parseTaskLine(lineText: string): TaskLineParts | null {
  if (lineText.includes('\n') || lineText.includes('\r')) return null;
  const m = taskLinePattern.exec(lineText);
  if (!m) return null;
  return { prefix: m[1]!, marker: m[2]!, markerSpace: m[3]!, symbol: m[4]!, checkboxSpace: m[5]!, body: m[6]! };
}

export function serializeTaskLine(parts: TaskLineParts): string {
  return `${parts.prefix}${parts.marker}${parts.markerSpace}[${parts.symbol}]${parts.checkboxSpace}${parts.body}`;
}

/** UTF-16 column of the checkbox character. */
export function symbolColumn(parts: TaskLineParts): number {
  return parts.prefix.length + parts.marker.length + parts.markerSpace.length + 1;
}

/** UTF-16 column where the body starts. */
export function bodyColumn(parts: TaskLineParts): number {
  return symbolColumn(parts) + parts.symbol.length + 1 + parts.checkboxSpace.length;
}
