import { describe, expect, it } from 'vitest';
import { workspaceOf } from './helpers.js';

describe('unresolved-link diagnostics', () => {
  it('one warning per unresolved link, at the link, naming the target', () => {
    const w = workspaceOf({
      'a.md': '---\nup: "[[Gone]]"\n---\nText [[Missing note#Part|shown]] and ![[lost.png]] and [[ok]].',
      'ok.md': '',
    });
    const found = w.diagnostics().filter((d) => d.code === 'unresolved-link');
    expect(found.map((d) => [d.path, d.range.start.line, d.range.start.character, d.range.end.character, d.severity])).toEqual([
      ['a.md', 1, 5, 13, 'warning'],
      ['a.md', 3, 5, 32, 'warning'],
      ['a.md', 3, 37, 50, 'warning'],
    ]);
    expect(found[1]!.message).toBe(
      'Unresolved link: no note or file is named "Missing note". To fix it, create the note "Missing note.md" or correct the link\'s name.',
    );
    expect(found[2]!.message).toContain('add the file "lost.png"');
  });

  it('follows the workspace: creating the note clears the warning, deleting it brings it back', () => {
    const w = workspaceOf({ 'a.md': '[[b]]' });
    expect(w.diagnostics().map((d) => d.code)).toEqual(['unresolved-link']);
    w.setText('b.md', '');
    expect(w.diagnostics()).toEqual([]);
    w.remove('b.md');
    expect(w.diagnostics().map((d) => d.code)).toEqual(['unresolved-link']);
  });

  it('self-links and links to attachments are never reported', () => {
    const w = workspaceOf({ 'a.md': '# H\n[[#H]] [[#^x]] [l](#H) ![[pic.png]]', 'pic.png': '' });
    expect(w.diagnostics()).toEqual([]);
  });
});
