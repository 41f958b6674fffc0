import { describe, expect, it } from 'vitest';
import { md, parse, tagsOf } from './helpers.js';

describe('frontmatter', () => {
  it('reads a YAML mapping between --- lines', () => {
    const note = parse(md('---', 'title: Hello', 'n: 3', '---', '# Body'));
    expect(note.frontmatter).toEqual({ data: { title: 'Hello', n: 3 }, startLine: 0, endLine: 3, aliases: [], tags: [] });
    expect(note.headings.map((h) => h.line)).toEqual([4]);
    expect(note.diagnostics).toEqual([]);
  });

  it.each([
    ['...', 2],
    ['---  ', 2],
  ])('closes at %j', (closer, end) => {
    expect(parse(md('---', 'a: 1', closer, 'x')).frontmatter?.endLine).toBe(end);
  });

  it('is only frontmatter on the first line', () => {
    expect(parse(md('', '---', 'a: 1', '---')).frontmatter).toBeNull();
    expect(parse(md('x', '---', 'a: 1', '---')).frontmatter).toBeNull();
  });

  it('without a closing line is not frontmatter (the body is parsed from line 0)', () => {
    const note = parse(md('---', '# heading', '- [ ] task'));
    expect(note.frontmatter).toBeNull();
    expect(note.headings).toHaveLength(1);
    expect(note.taskItems).toHaveLength(1);
  });

  it('keeps dates as written strings (YAML 1.2 core schema)', () => {
    expect(parse(md('---', 'd: 2024-07-21', '---')).frontmatter?.data).toEqual({ d: '2024-07-21' });
  });

  it('accepts JSON frontmatter', () => {
    expect(parse(md('---', '{', '  "tags": "journal",', '  "publish": false', '}', '---')).frontmatter).toMatchObject({
      data: { tags: 'journal', publish: false },
      tags: ['#journal'],
    });
  });

  it('reports malformed YAML with its line, and still parses the note', () => {
    const note = parse(md('---', 'title: ok', 'list: [1, 2', 'other: x', '---', '# Heading #tag', '- [ ] task'));
    expect(note.frontmatter).toMatchObject({ data: null, endLine: 4, tags: [] });
    expect(note.diagnostics).toHaveLength(1);
    const d = note.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'invalid-frontmatter', severity: 'warning', path: 'note.md' });
    expect(d.range.start.line).toBeGreaterThanOrEqual(2);
    expect(d.range.start.line).toBeLessThanOrEqual(3);
    expect(d.message).toMatch(/not valid YAML: .+/);
    expect(d.message).not.toMatch(/\n/);
    expect(note.headings).toHaveLength(1);
    expect(note.taskItems).toHaveLength(1);
    expect(tagsOf(md('---', 'a: [', '---', '#tag'))).toEqual(['#tag']);
  });

  it('reports duplicate keys and tabs as invalid', () => {
    expect(parse(md('---', 'a: 1', 'a: 2', '---')).diagnostics[0]?.range.start.line).toBe(2);
    expect(parse(md('---', 'a:', '\t- x', '---')).diagnostics).toHaveLength(1);
  });

  it('reports a scalar or list frontmatter as not a mapping', () => {
    expect(parse(md('---', 'just text', '---')).diagnostics[0]?.message).toMatch(/not a mapping/);
    expect(parse(md('---', '- a', '---')).frontmatter?.data).toBeNull();
  });

  it('keeps an empty frontmatter block', () => {
    expect(parse(md('---', '---', 'x')).frontmatter).toMatchObject({ data: {}, endLine: 1 });
  });

  it('finds no tags or links in the frontmatter body', () => {
    const note = parse(md('---', 'note: "#notatag [[notalink]]"', '---', 'body'));
    expect(note.tags).toEqual([]);
    expect(note.links).toEqual([]);
  });

  it('works with CRLF line endings', () => {
    expect(parse('---\r\ntags: a\r\n---\r\n# H\r\n').frontmatter).toMatchObject({ endLine: 2, tags: ['#a'] });
  });

  it.each([
    ['tags: [a, b]', ['#a', '#b']],
    ['tags:\n  - a\n  - "#b"', ['#a', '#b']],
    ['tags: a, b c', ['#a', '#b', '#c']],
    ['tags: "#a #b/c"', ['#a', '#b/c']],
    ['tag: single', ['#single']],
    ['tags:', []],
    ['tags: []', []],
    ['tags: [2024, x]', ['#2024', '#x']],
    ['TAGS: a', []],
  ])('tags %j', (yaml, tags) => {
    const note = parse(md('---', yaml, '---'));
    expect(note.frontmatter?.tags).toEqual(tags);
    expect(note.tags).toEqual(tags.map((tag) => ({ tag, range: null, source: 'frontmatter' })));
  });

  it.each([
    ['aliases: [One, Two words]', ['One', 'Two words']],
    ['aliases:\n  - One', ['One']],
    ['aliases: one, two words', ['one', 'two words']],
    ['alias: Old style', ['Old style']],
    ['aliases:', []],
  ])('aliases %j', (yaml, aliases) => {
    expect(parse(md('---', yaml, '---')).frontmatter?.aliases).toEqual(aliases);
  });
});
