import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../../core/markdown/parseNote.js';
import { decodeNote } from '../../../core/markdown/decode.js';

const FRAGMENTS = [
  '---', '...', '\n', '\r\n', '\r', ' ', '  ', '\t', '> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '[ ] ', '[x] ', '[]',
  '# ', '## ', '#tag', '#', '[[', ']]', '![[', '|', '\\|', '[', ']', '(', ')', '](', '<', '>', '"', "'", '`', '```',
  '~~~', '%%', '<!--', '-->', '^id', ' ^blk', '\\', 'text', 'é', '😀', '\u200b', '\ufeff', '===', 'tags: [a', 'a: 1',
  'https://x.org/#a', '%20', '%ZZ', '[!note]', '\0',
];

function roundTrips(text: string): boolean {
  const note = parseNote('fuzz.md', text);
  const body = note.hadBom ? text.slice(1) : text;
  return note.lines.map((l) => l.text + l.eol).join('') === body && note.text === body;
}

function consistent(text: string): void {
  const note = parseNote('fuzz.md', text);
  for (const [i, item] of note.listItems.entries()) {
    expect(item.parent).toBeLessThan(i);
    expect(item.line).toBeLessThan(note.lines.length);
    expect(item.contentStart).toBeLessThanOrEqual(note.lines[item.line]!.text.length);
  }
  for (const t of note.taskItems) expect(note.listItems[t]!.checkbox).not.toBeNull();
  for (const l of note.links) {
    const line = note.lines[l.range.start.line]!.text;
    expect(line.slice(l.range.start.character, l.range.end.character)).toBe(l.raw);
  }
  for (const t of note.tags) {
    if (!t.range) continue;
    expect(note.lines[t.range.start.line]!.text.slice(t.range.start.character, t.range.end.character)).toBe(t.tag);
  }
}

describe('robustness', () => {
  it('never throws on random strings, and lines round-trip', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        expect(roundTrips(s)).toBe(true);
        consistent(s);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random mixes of markdown fragments, and results are consistent', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 120 }).map((a) => a.join('')), (s) => {
        expect(roundTrips(s)).toBe(true);
        consistent(s);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws on random bytes through decodeNote', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        const d = decodeNote(b);
        expect(roundTrips(d.text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a BOM, CRLF, lone CR and tabs', () => {
    const note = parseNote('x.md', '\ufeff---\r\ntags: a\r\n---\r\n# T\r- [ ] t #x\r\n\t- [x] c\n');
    expect(note.hadBom).toBe(true);
    expect(note.frontmatter?.tags).toEqual(['#a']);
    expect(note.headings.map((h) => h.line)).toEqual([3]);
    expect(note.listItems.map((i) => [i.line, i.parent])).toEqual([[4, -1], [5, 0]]);
    expect(note.tags.map((t) => t.tag)).toEqual(['#a', '#x']);
  });

  it('parses a 10 MB note (linear: no catastrophic patterns)', () => {
    const block = [
      '# Heading #tag', '', '- [ ] task [[link|alias]] ^id1', '  - [x] child [m](a%20b.md "t") `code`', '',
      '> [!note] callout #x', '> - item %% hidden %%', '', '```', 'code [[no]]', '```', 'para <!-- c --> text',
      '| a | b |', '', '',
    ].join('\n');
    const text = block.repeat(Math.ceil(10_000_000 / block.length));
    const note = parseNote('big.md', text);
    expect(note.headings.length).toBe(Math.ceil(10_000_000 / block.length));
    expect(note.taskItems.length).toBe(2 * note.headings.length);
  });

  it.each([
    ['[[', 3_000_000],
    ['[](', 2_000_000],
    ['[a](<', 1_000_000],
    ['`', 3_000_000],
    ['x`` `', 600_000],
    ['#', 5_000_000],
    ['- ', 2_000_000],
    ['> ', 2_000_000],
    ['[a](b "', 600_000],
    ['[a](b (', 600_000],
    ['%%', 2_000_000],
    ['<!--', 1_000_000],
    ['[', 3_000_000],
    ['- + ', 500_000],
  ])('adversarial line: %j × %i stays fast enough to finish', (unit, times) => {
    const text = unit.repeat(times) + ']'.repeat(1000) + '\n'.repeat(100_000);
    expect(() => parseNote('adv.md', text)).not.toThrow();
  });
});
