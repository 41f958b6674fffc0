import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { readSimpleFrontmatter } from '../../../core/markdown/simpleFrontmatter.js';
import { splitLines } from '../../../core/text/lines.js';

/** The fast path must never disagree with the yaml package: it either answers exactly the same or declines. */
function agreesWithYaml(body: string): void {
  const lines = splitLines(body);
  const fast = readSimpleFrontmatter(lines, 0, lines.length);
  if (fast === undefined) return;
  const doc = parseDocument(body);
  expect(doc.errors).toEqual([]);
  expect(fast).toEqual(doc.toJS());
}

// Tokens chosen to sit on YAML's edges: types, quotes, comments, colons, flow punctuation, unicode.
const tricky = ['a', 'b c', 'yes', 'no', 'on', 'null', 'Null', '~', 'true', 'FALSE', '0', '007', '12', '1.5', '1e3', '0x1f', '-1', '2024-01-31', '2024-1-3',
  "'q'", '"d"', "'it''s'", '"a\\"b"', 'a # c', 'a#c', 'a: b', 'a:b', 'http://x.y', '[x]', '{x}', '&a', '*a', '!t', '|', '>', '-', '- x', '@x', '`x`', '%x',
  'é', 'ünï cödé', '日本', '#tag', 'x,y', ' lead', 'trail ', '.5', '+1', '.inf', 'NaN'];
const key = fc.constantFrom('tags', 'aliases', 'title', 'Status', 'due_date', 'x-y', 'null', 'true', '1a', 'a b', '__proto__', 'tags');
const value = fc.constantFrom(...tricky);
const line = fc.oneof(
  fc.tuple(key, value).map(([k, v]) => `${k}: ${v}`),
  fc.tuple(key, fc.array(value, { maxLength: 4 })).map(([k, vs]) => `${k}: [${vs.join(', ')}]`),
  fc.tuple(key, fc.array(value, { minLength: 1, maxLength: 3 }), fc.constantFrom('', '  ')).map(([k, vs, indent]) => `${k}:\n${vs.map((v) => `${indent}- ${v}`).join('\n')}`),
  fc.tuple(key).map(([k]) => `${k}:`),
  fc.constantFrom('# comment', '', '  nested: x', '\tx: y'),
);

describe('the frontmatter fast path agrees with the yaml package', () => {
  it('on the plain shapes real vaults use', () => {
    agreesWithYaml('tags: [a, b]\ntitle: Hello world\ncount: 3\ndone: false\nwhen: 2024-01-31\naliases:\n  - One\n  - Two');
    const lines = splitLines('tags: [a, b]');
    expect(readSimpleFrontmatter(lines, 0, 1)).toEqual({ tags: ['a', 'b'] });
  });

  it('declines what it does not handle instead of guessing', () => {
    for (const body of ['a: 1.5', 'a: b: c', 'a: &x 1', 'a: "x\\ty"', 'a: {b: 1}', 'a: b # c', 'a: 1\na: 2']) {
      expect(readSimpleFrontmatter(splitLines(body), 0, splitLines(body).length)).toBeUndefined();
    }
  });

  it('on random frontmatter built from YAML edge cases', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => agreesWithYaml(lines.join('\n'))),
      { numRuns: 3000 },
    );
  });
});
