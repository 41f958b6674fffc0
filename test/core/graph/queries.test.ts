import { describe, expect, it } from 'vitest';
import { backlinks, neighbourhood, orphans, outgoing, unresolved } from '../../../core/graph/linkQueries.js';
import { shortestPath } from '../../../core/graph/shortestPath.js';
import { criticalPath, readyTasks, topologicalOrder } from '../../../core/graph/taskQueries.js';
import { workspaceOf } from './helpers.js';

const brief = (edges: { source: string; target: string; type: string; count: number }[]) =>
  edges.map((e) => `${e.source} -${e.type}-> ${e.target}${e.count > 1 ? ` ×${e.count}` : ''}`);

describe('link queries', () => {
  const workspace = workspaceOf({
    'a.md': '[[b]] [[b#H]] [[ghost]]\n- [ ] read [[b]]\n',
    'b.md': '# H\nimplements:: [[c]]\n[[#H]]\n',
    'c.md': 'nothing here [[ghost]] [[Ghost]]\n',
    'self.md': '# Me\n[[#Me]] [[self]]\n- [ ] a task ⛔ x\n',
    'lonely.md': '- [ ] alone 🆔 x\n',
    'd.md': 'only a dependency target\n',
  });
  const graph = workspace.graph();

  it('backlinks: every link-like edge into a note or its headings, from notes and tasks', () => {
    expect(brief(backlinks(graph, 'b.md'))).toEqual([
      'a.md -LINKS_TO-> b.md ×2',
      'a.md -LINKS_TO-> b.md#H',
      'b.md -LINKS_TO-> b.md#H',
      'task:a.md:2 -REFERENCES-> b.md',
    ]);
    expect(brief(backlinks(graph, 'c.md'))).toEqual(['b.md -IMPLEMENTS-> c.md']);
    expect(backlinks(graph, 'nope.md')).toEqual([]);
  });

  it('outgoing: a note’s own link-like edges', () => {
    expect(brief(outgoing(graph, 'a.md'))).toEqual([
      'a.md -LINKS_TO-> b.md ×2',
      'a.md -LINKS_TO-> b.md#H',
      'a.md -LINKS_TO-> unresolved:ghost',
    ]);
  });

  it('unresolved: names with what names them', () => {
    expect(unresolved(graph).map((u) => [u.name, brief(u.from)])).toEqual([
      ['Ghost', ['c.md -LINKS_TO-> unresolved:Ghost']],
      ['ghost', ['a.md -LINKS_TO-> unresolved:ghost', 'c.md -LINKS_TO-> unresolved:ghost']],
    ]);
  });

  it('orphans: notes with no link in or out (self-links and dependencies do not count)', () => {
    expect(orphans(graph)).toEqual(['d.md', 'lonely.md', 'self.md']);
  });

  it('neighbourhood: N hops both ways, with every edge among the nodes', () => {
    const one = neighbourhood(graph, 'c.md', 1)!;
    expect(one.nodes.map((n) => `${n.distance} ${n.id} ${n.type}`)).toEqual([
      '0 c.md note',
      '1 b.md note',
      '1 unresolved:Ghost unresolved',
      '1 unresolved:ghost unresolved',
    ]);
    expect(brief(one.edges)).toEqual(['b.md -IMPLEMENTS-> c.md', 'c.md -LINKS_TO-> unresolved:Ghost', 'c.md -LINKS_TO-> unresolved:ghost']);
    const two = neighbourhood(graph, 'c.md', 2)!;
    expect(two.nodes.map((n) => n.id)).toEqual(['c.md', 'b.md', 'unresolved:Ghost', 'unresolved:ghost', 'a.md', 'b.md#H', 'task:a.md:2']);
    expect(brief(two.edges)).toContain('a.md -LINKS_TO-> unresolved:ghost');
    expect(neighbourhood(graph, 'c.md', 0)!.nodes.map((n) => n.id)).toEqual(['c.md']);
    expect(neighbourhood(graph, 'nope.md', 1)).toBeNull();
  });

  it('shortest path: undirected by default, directed on request', () => {
    const path = shortestPath(graph, 'c.md', 'task:a.md:2')!;
    expect(path.nodes).toEqual(['c.md', 'b.md', 'task:a.md:2']);
    expect(path.steps.map((s) => `${s.from} ${s.type} ${s.forward ? '→' : '←'} ${s.to}`)).toEqual([
      'c.md IMPLEMENTS ← b.md',
      'b.md REFERENCES ← task:a.md:2',
    ]);
    expect(shortestPath(graph, 'c.md', 'a.md')!.nodes).toHaveLength(3);
    expect(shortestPath(graph, 'a.md', 'c.md', { directed: true })!.nodes).toEqual(['a.md', 'b.md', 'c.md']);
    expect(shortestPath(graph, 'c.md', 'a.md', { directed: true })).toBeNull();
    expect(shortestPath(graph, 'a.md', 'd.md')).toBeNull();
    expect(shortestPath(graph, 'a.md', 'a.md')!.nodes).toEqual(['a.md']);
    expect(shortestPath(graph, 'a.md', 'nope.md')).toBeNull();
  });
});

describe('task queries', () => {
  const workspace = workspaceOf({
    'p.md': [
      '- [x] Requirements 🆔 reqs',
      '- [ ] Design 🆔 design ⛔ reqs',
      '- [ ] Build 🆔 build ⛔ design',
      '- [ ] Copy 🆔 copy ⛔ reqs',
      '- [ ] Launch ⛔ build, copy',
      '- [ ] Loop one 🆔 l1 ⛔ l2',
      '- [ ] Loop two 🆔 l2 ⛔ l1',
      '- [ ] Behind the loop ⛔ l1',
    ].join('\n'),
    'a.md': '- [ ] Elsewhere ⛔ reqs\n',
  });
  const graph = workspace.graph();

  it('topological order: dependencies first, ties by path and line; cycles and what waits on them left out', () => {
    expect(topologicalOrder(graph)).toEqual({
      order: ['task:p.md:1', 'task:a.md:1', 'task:p.md:2', 'task:p.md:3', 'task:p.md:4', 'task:p.md:5'],
      unordered: ['task:p.md:6', 'task:p.md:7', 'task:p.md:8'],
    });
  });

  it('ready set and critical path come from the task index', () => {
    expect(readyTasks(workspace.taskIndex())).toEqual(['task:a.md:1', 'task:p.md:2', 'task:p.md:4']);
    expect(criticalPath(workspace.taskIndex())).toEqual(['task:p.md:2', 'task:p.md:3', 'task:p.md:5']);
  });
});
