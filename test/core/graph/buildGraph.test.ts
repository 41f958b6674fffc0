import { describe, expect, it } from 'vitest';
import { edgeList, edgesOfType, nodeList, workspaceOf } from './helpers.js';

describe('buildGraph: nodes', () => {
  const workspace = workspaceOf({
    'a.md': '# Top\n\n[[b#Section two]] [[b#^blk]] [[b#Nowhere]] [[missing]]\n',
    'b.md': '# B\n\n## Section  Two\n\nA paragraph ^blk\n\n## Unlinked\n',
    'pic.png': '',
    'src/tool.ts': '// TODO fix it\n',
  });
  const graph = workspace.graph();

  it('every file is a node: notes, code files, other files; headings and blocks only where linked', () => {
    expect(nodeList(graph)).toEqual([
      'a.md (note) a',
      'b.md (note) b',
      'b.md#Section  Two (heading @2) Section  Two',
      'b.md#^blk (block @4) ^blk',
      'pic.png (file) pic.png',
      'src/tool.ts (code) tool.ts',
      'task:src/tool.ts:1 (task @0) fix it',
      'unresolved:missing (unresolved) missing',
    ]);
  });

  it('a subpath that names nothing points at the note; headings and blocks are PART_OF their note', () => {
    expect(edgeList(graph)).toEqual([
      'a.md -LINKS_TO-> b.md',
      'a.md -LINKS_TO-> b.md#Section  Two',
      'a.md -LINKS_TO-> b.md#^blk',
      'a.md -LINKS_TO-> unresolved:missing',
      'b.md#Section  Two -PART_OF-> b.md',
      'b.md#^blk -PART_OF-> b.md',
      'task:src/tool.ts:1 -PART_OF-> src/tool.ts',
    ]);
  });
});

describe('buildGraph: edge types', () => {
  it('LINKS_TO and EMBEDS, counted, from notes and canvases', () => {
    const graph = workspaceOf({
      'a.md': '[[b]] and [[b|again]] ![[pic.png]] [x](b.md) ![alt](pic.png) [web](https://x.org)',
      'b.md': '',
      'pic.png': '',
      'board.canvas': JSON.stringify({ nodes: [{ id: 'n', type: 'text', text: '[[a]]' }] }),
    }).graph();
    expect(edgeList(graph)).toEqual(['a.md -EMBEDS-> pic.png ×2', 'a.md -LINKS_TO-> b.md ×3', 'board.canvas -LINKS_TO-> a.md']);
  });

  it('DEPENDS_ON, SUBTASK_OF (indentation and [parent:: id]), ASSIGNED_TO, PART_OF', () => {
    const graph = workspaceOf({
      'p.md': ['- [ ] Design 🆔 d [role:: designer]', '    - [ ] Sketch', '- [ ] Build ⛔ d [role:: coder]'].join('\n'),
      'q.md': '- [ ] Review [parent:: d] [role:: designer]\n',
    }).graph();
    expect(edgesOfType(graph, 'DEPENDS_ON')).toEqual(['task:p.md:3 -DEPENDS_ON-> task:p.md:1']);
    expect(edgesOfType(graph, 'SUBTASK_OF')).toEqual(['task:p.md:2 -SUBTASK_OF-> task:p.md:1', 'task:q.md:1 -SUBTASK_OF-> task:p.md:1']);
    expect(edgesOfType(graph, 'ASSIGNED_TO')).toEqual([
      'task:p.md:1 -ASSIGNED_TO-> role:designer',
      'task:p.md:3 -ASSIGNED_TO-> role:coder',
      'task:q.md:1 -ASSIGNED_TO-> role:designer',
    ]);
    expect(edgesOfType(graph, 'PART_OF')).toHaveLength(4);
    expect(graph.getNodeAttributes('role:designer')).toEqual({ type: 'role', label: 'designer' });
  });

  it('REFERENCES: a task → what the links on its line resolve to; the note still links there', () => {
    const graph = workspaceOf({
      'p.md': '- [ ] Read [[Spec]] and ![[pic.png]]\n- [ ] Nothing linked\nSee [[Spec]].\n',
      'Spec.md': '',
      'pic.png': '',
    }).graph();
    expect(edgesOfType(graph, 'REFERENCES')).toEqual(['task:p.md:1 -REFERENCES-> Spec.md', 'task:p.md:1 -REFERENCES-> pic.png']);
    expect(edgeList(graph).filter((e) => e.startsWith('p.md '))).toEqual(['p.md -EMBEDS-> pic.png', 'p.md -LINKS_TO-> Spec.md ×2']);
  });

  it('typed relations as inline fields: whole-line and bracketed, from the note or the task on that line', () => {
    const graph = workspaceOf({
      'n.md': [
        'implements:: [[Spec]]',
        '- validates:: [[Spec]], [[Plan]]',
        '> inspires:: [[Idea]]',
        'Text with [creates:: [[Out]]] and (implements:: [[Plan]]).',
        '- [ ] Build it [implements:: [[Spec]]] and see [[Idea]]',
        '- [ ] implements:: [[Out]]',
        'author:: [[Spec]]',
        'prose implements:: [[Idea]]',
        '`[implements:: [[Spec]]]`',
      ].join('\n'),
      'Spec.md': '',
      'Plan.md': '',
      'Idea.md': '',
      'Out.md': '',
    }).graph();
    expect(edgeList(graph).filter((e) => !e.includes('PART_OF'))).toEqual([
      'n.md -CREATES-> Out.md',
      'n.md -IMPLEMENTS-> Plan.md',
      'n.md -IMPLEMENTS-> Spec.md',
      'n.md -INSPIRES-> Idea.md',
      'n.md -LINKS_TO-> Idea.md ×2',
      'n.md -LINKS_TO-> Out.md',
      'n.md -LINKS_TO-> Spec.md ×2',
      'n.md -VALIDATES-> Plan.md',
      'n.md -VALIDATES-> Spec.md',
      'task:n.md:5 -IMPLEMENTS-> Spec.md',
      'task:n.md:5 -REFERENCES-> Idea.md',
      'task:n.md:6 -IMPLEMENTS-> Out.md',
    ]);
  });

  it('typed relations in frontmatter: a string or a list of whole wikilinks, names case-insensitive', () => {
    const graph = workspaceOf({
      'n.md': ['---', 'implements: "[[Spec]]"', 'Validates:', '  - "[[Spec]]"', '  - "[[Plan#Goal]]"', 'related: "[[Plan]]"', 'inspires: "see [[Plan]]"', '---', 'Body [[Spec]]'].join('\n'),
      'Spec.md': '',
      'Plan.md': '# Goal\n',
    }).graph();
    expect(edgeList(graph)).toEqual([
      'Plan.md#Goal -PART_OF-> Plan.md',
      'n.md -IMPLEMENTS-> Spec.md',
      'n.md -LINKS_TO-> Plan.md',
      'n.md -LINKS_TO-> Spec.md',
      'n.md -VALIDATES-> Plan.md#Goal',
      'n.md -VALIDATES-> Spec.md',
    ]);
  });

  it('a relation to nothing points at an unresolved node', () => {
    const graph = workspaceOf({ 'n.md': 'implements:: [[Ghost]]\n' }).graph();
    expect(edgeList(graph)).toEqual(['n.md -IMPLEMENTS-> unresolved:Ghost']);
  });

  it('note-level edges stand one-to-one for the link index’s links', () => {
    const workspace = workspaceOf({
      'n.md': '---\nimplements: "[[a]]"\n---\n- [ ] t [[a]] [validates:: [[b]]]\ninspires:: [[a]] [[zz]]\n![[b]]\n',
      'a.md': '',
      'b.md': '',
    });
    const graph = workspace.graph();
    let count = 0;
    graph.forEachOutEdge('n.md', (_e, a) => (count += a.count));
    expect(count).toBe(workspace.linkIndex().outgoing('n.md').length);
  });
});
