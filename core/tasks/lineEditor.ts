// Successive changes to one line, reported as the fewest, smallest edits of the original line.

type Segment = { kind: 'orig'; start: number; end: number } | { kind: 'new'; text: string };

export interface LineChange {
  /** Columns of the original line. */
  start: number;
  end: number;
  newText: string;
}

export class LineEditor {
  private segments: Segment[];

  constructor(readonly original: string) {
    this.segments = original === '' ? [] : [{ kind: 'orig', start: 0, end: original.length }];
  }

  get text(): string {
    return this.segments.map((s) => (s.kind === 'orig' ? this.original.slice(s.start, s.end) : s.text)).join('');
  }

  /** Replaces columns [start, end) of the current text. */
  replace(start: number, end: number, newText: string): void {
    const before = this.slice(0, start);
    const after = this.slice(end, Number.POSITIVE_INFINITY);
    this.segments = [...before, ...(newText === '' ? [] : [{ kind: 'new' as const, text: newText }]), ...after];
  }

  private slice(from: number, to: number): Segment[] {
    const out: Segment[] = [];
    let pos = 0;
    for (const s of this.segments) {
      const length = s.kind === 'orig' ? s.end - s.start : s.text.length;
      const a = Math.max(from, pos);
      const b = Math.min(to, pos + length);
      if (a < b) {
        if (s.kind === 'orig') out.push({ kind: 'orig', start: s.start + (a - pos), end: s.start + (b - pos) });
        else out.push({ kind: 'new', text: s.text.slice(a - pos, b - pos) });
      }
      pos += length;
    }
    return out;
  }

  /** The changes, in original columns, ascending, non-overlapping; unchanged bytes are never included. */
  changes(): LineChange[] {
    const raw: LineChange[] = [];
    let cursor = 0;
    let pending = '';
    const flush = (upTo: number) => {
      if (upTo !== cursor || pending !== '') raw.push({ start: cursor, end: upTo, newText: pending });
      pending = '';
    };
    for (const s of this.segments) {
      if (s.kind === 'new') pending += s.text;
      else {
        flush(s.start);
        cursor = s.end;
      }
    }
    flush(this.original.length);
    return raw.map((c) => trimChange(this.original, c)).filter((c): c is LineChange => c !== null);
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** Drops the common head and tail of a replacement (never splitting a surrogate pair); null if nothing changes. */
function trimChange(original: string, change: LineChange): LineChange | null {
  const old = original.slice(change.start, change.end);
  if (old === change.newText) return null;
  let head = 0;
  const max = Math.min(old.length, change.newText.length);
  while (head < max && old.charCodeAt(head) === change.newText.charCodeAt(head)) head++;
  if (head > 0 && isHighSurrogate(old.charCodeAt(head - 1))) head--;
  let tail = 0;
  while (tail < max - head && old.charCodeAt(old.length - 1 - tail) === change.newText.charCodeAt(change.newText.length - 1 - tail)) tail++;
  if (tail > 0 && isLowSurrogate(old.charCodeAt(old.length - tail))) tail--;
  return { start: change.start + head, end: change.end - tail, newText: change.newText.slice(head, change.newText.length - tail) };
}
