import { buildGraph, updateGraph } from './buildGraph.js';
import type { GraphSource, ScriptoriumGraph } from './types.js';

/**
 * The workspace's graph, built on first use and then kept up to date: changes are only noted
 * (`changed`), and applied in one `updateGraph` on the next read, after the link and task
 * indexes have caught up. When more than half the files changed, a fresh build is cheaper.
 */
export class GraphIndex {
  private graph: ScriptoriumGraph | null = null;
  private readonly pending = new Set<string>();

  changed(path: string): void {
    if (this.graph) this.pending.add(path);
  }

  get(source: GraphSource): ScriptoriumGraph {
    if (!this.graph) {
      this.graph = buildGraph(source);
    } else if (this.pending.size > 0) {
      let files = 0;
      for (const _ of source.files()) files++;
      if (this.pending.size * 2 > files) this.graph = buildGraph(source);
      else updateGraph(this.graph, source, this.pending);
    }
    this.pending.clear();
    return this.graph;
  }
}
