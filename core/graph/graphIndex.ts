import { buildGraph, SlicedGraphBuild, updateGraph } from './buildGraph.js';
import type { GraphSource, ScriptoriumGraph } from './types.js';

/**
 * The workspace's graph, built on first use and then kept up to date: changes are only noted
 * (`changed`), and applied in one `updateGraph` on the next read, after the link and task
 * indexes have caught up. When more than half the files changed, a fresh build is cheaper.
 * The first build can also be made in slices (buildSlice), changes during it applied after.
 */
export class GraphIndex {
  private graph: ScriptoriumGraph | null = null;
  /** A first build under way in slices (see buildSlice). */
  private building: SlicedGraphBuild | null = null;
  private readonly pending = new Set<string>();

  changed(path: string): void {
    if (this.graph || this.building) this.pending.add(path);
  }

  /** Whether the graph is built (a read costs at most the changes since). */
  get built(): boolean {
    return this.graph !== null;
  }

  /**
   * Builds the graph a few files at a time, until `shouldYield()` (asked after each file) says
   * to stop; true once the graph is there. A read before then finishes the build at once.
   */
  buildSlice(source: GraphSource, shouldYield: () => boolean): boolean {
    if (this.graph) return true;
    this.building ??= new SlicedGraphBuild(source);
    if (!this.building.step(shouldYield)) return false;
    this.graph = this.building.graph;
    this.building = null;
    return true;
  }

  get(source: GraphSource): ScriptoriumGraph {
    if (this.building) this.buildSlice(source, () => false);
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
