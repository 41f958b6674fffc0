import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backlinks, neighbourhood, orphans, unresolved } from '../../../core/graph/linkQueries.js';
import { shortestPath } from '../../../core/graph/shortestPath.js';
import { topologicalOrder } from '../../../core/graph/taskQueries.js';
import { LINK_EDGE_TYPES, nodeId } from '../../../core/graph/types.js';
import { loadWorkspace } from '../../../language-server/node/loadWorkspace.js';
import { corporaRoot, hasCorpora, noticeIfNoCorpora } from '../../support/corpora.js';
import { edgeList, fresh, nodeList } from './helpers.js';

noticeIfNoCorpora();
const vaults = hasCorpora ? readdirSync(corporaRoot).map((name) => path.join(corporaRoot, name, 'vault')) : [];

describe.skipIf(!hasCorpora)('the graph of each corpus vault', () => {
  for (const vault of vaults) {
    it(`${path.basename(path.dirname(vault))}: consistent with the link and task indexes, queries run, incremental = fresh`, async () => {
      const workspace = await loadWorkspace(vault);
      const graph = workspace.graph();
      const links = workspace.linkIndex();
      const tasks = workspace.taskIndex();

      // Every file and task is a node; a note's own link edges stand one-to-one for its links.
      for (const file of workspace.files()) {
        expect(graph.hasNode(file.path)).toBe(true);
        let written = 0;
        graph.forEachOutEdge(file.path, (_e, a) => {
          if (LINK_EDGE_TYPES.has(a.type)) written += a.count;
        });
        expect(written, file.path).toBe(links.outgoing(file.path).length);
      }
      for (const task of tasks.tasks) expect(graph.hasNode(nodeId.task(task))).toBe(true);
      let dependencies = 0;
      for (const task of tasks.tasks) dependencies += tasks.dependenciesOf(task).length;
      expect(graph.filterEdges((_e, a) => a.type === 'DEPENDS_ON').length).toBe(dependencies);

      // The queries answer on a real vault.
      const notes = graph.filterNodes((_n, a) => a.type === 'note').sort();
      const hub = notes.reduce((best, n) => (backlinks(graph, n).length > backlinks(graph, best).length ? n : best));
      expect(backlinks(graph, hub).length).toBeGreaterThan(0);
      expect(neighbourhood(graph, hub, 2)!.nodes.length).toBeGreaterThan(1);
      const lonely = new Set(orphans(graph));
      expect(lonely.has(hub)).toBe(false);
      const linked = notes.find((n) => n !== hub && !lonely.has(n) && shortestPath(graph, hub, n) !== null);
      if (linked) expect(shortestPath(graph, hub, linked)!.nodes[0]).toBe(hub);
      const unresolvedNames = unresolved(graph).map((u) => u.name);
      expect(new Set(unresolvedNames).size).toBe(unresolvedNames.length);
      const order = topologicalOrder(graph);
      expect(order.order.length + order.unordered.length).toBe(tasks.tasks.length);

      // Edits, a removal and a rename, applied incrementally, agree with a fresh build.
      const sample = notes.filter((_n, i) => i % Math.max(1, Math.floor(notes.length / 6)) === 0).slice(0, 6);
      for (const [i, note] of sample.entries()) {
        const text = workspace.file(note)!.text;
        if (i % 3 === 0) workspace.setText(note, `${text}\nimplements:: [[${path.basename(hub, '.md')}]]\n- [ ] new task [[${note}]]\n`);
        else if (i % 3 === 1) workspace.remove(note);
        else workspace.rename(note, `moved/${note}`);
      }
      const after = workspace.graph();
      expect({ nodes: nodeList(after), edges: edgeList(after) }).toEqual(fresh(workspace));
    });
  }
});
