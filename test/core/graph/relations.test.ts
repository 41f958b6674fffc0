import { describe, expect, it } from 'vitest';
import { inlineFields, likelyTypo } from '../../../core/graph/relations.js';
import { RELATION_NAMES } from '../../../core/graph/types.js';
import { workspaceOf } from './helpers.js';

describe('inline fields', () => {
  it('whole-line (after quote, list marker and checkbox) and bracketed anywhere, nested', () => {
    expect(inlineFields('implements:: [[A]] [validates:: [[B]]]').map((f) => [f.name, f.valueStart, f.valueEnd])).toEqual([
      ['implements', 12, 38],
      ['validates', 31, 37],
    ]);
    expect(inlineFields('> - [ ] inspires:: x').map((f) => f.name)).toEqual(['inspires']);
    expect(inlineFields('prose implements:: x')).toEqual([]);
    expect(inlineFields('(creates:: [[X]])')[0]).toMatchObject({ name: 'creates', nameStart: 1, valueStart: 10, valueEnd: 16 });
  });

  it('likely typos of relation names, but not past participles or distant names', () => {
    expect(likelyTypo('implemnts')).toBe('implements');
    expect(likelyTypo('Validate')).toBe('validates');
    expect(likelyTypo('created')).toBeNull();
    expect(likelyTypo('author')).toBeNull();
    expect(likelyTypo('implements')).toBeNull();
    expect(RELATION_NAMES).toContain('creates');
  });
});

describe('typed-relation diagnostics', () => {
  const workspace = workspaceOf({
    'n.md': [
      '---',
      'implements: "[[Ghost spec]]"',
      'validats: "[[Spec]]"',
      'created: "[[Spec]]"',
      '---',
      'implemnts:: [[Spec]]',
      '- [ ] Build [validates:: [[Nowhere]]] [[Also missing]]',
      'author:: [[Spec]]',
    ].join('\n'),
    'Spec.md': '',
  });
  const found = workspace
    .diagnostics()
    .filter((d) => d.path === 'n.md')
    .map((d) => `${d.range.start.line}:${d.range.start.character} ${d.severity} ${d.code}`);

  it('unresolved-relation replaces unresolved-link for the same link; unknown-relation for likely typos only', () => {
    expect(found).toEqual([
      '1:13 warning unresolved-relation',
      '2:0 warning unknown-relation',
      '5:0 warning unknown-relation',
      '6:25 warning unresolved-relation',
      '6:38 warning unresolved-link',
    ]);
  });

  it('messages say what is wrong and how to fix it', () => {
    const messages = workspace.diagnostics().map((d) => d.message);
    expect(messages).toContain('Unresolved relation: "implements" names "Ghost spec", which is no note or file. To fix it, create the note "Ghost spec.md" or correct the link\'s name.');
    expect(messages).toContain('Unknown relation "implemnts": did you mean "implements"? Relations are implements, validates, inspires, creates.');
  });
});

describe('inline fields on adversarial lines', () => {
  it('many unclosed bracketed fields stay linear', () => {
    const line = `${'[implements:: '.repeat(100_000)}[[a]]`;
    const start = Date.now();
    expect(inlineFields(line)).toHaveLength(0);
    expect(Date.now() - start).toBeLessThan(2000);
    expect(workspaceOf({ 'n.md': line, 'a.md': '' }).graph().edges('n.md', 'a.md').length).toBe(1);
  });
});
