import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { CancellationToken } from 'vscode-languageserver';
import { checkpoint, yieldNow } from './yieldNow.js';

/**
 * Queries whose first run builds the task index's per-index facts (states, dependencies, dates,
 * priorities): run once after indexing so a task pane's first query does not pay for them.
 */
const warmingQueries = ['not done', 'is blocked', 'due before today', 'priority is high'];

export async function warmTaskQueries(workspace: Workspace, today: string): Promise<void> {
  // The whole-graph facts first, a step (2–20 ms at 40k tasks) at a time.
  for (;;) {
    const deadline = performance.now() + 5;
    if (workspace.warmTaskFactsSlice(() => performance.now() > deadline)) break;
    await yieldNow();
  }
  const index = workspace.taskIndex();
  for (const source of warmingQueries) {
    // Each first run is one step inside core; requests get their turn between them.
    await yieldNow();
    if (workspace.taskIndex() !== index) return; // changed meanwhile: the next query builds its own
    const query = parseQuery(source, { today });
    if (query.errors.length === 0) runQuery(query, index, { today, globalFilter: workspace.taskSettings.globalFilter });
  }
}

/**
 * Builds the workspace's graph in 5 ms slices, yielding (and checking `token`) between them, so
 * the first graph request does not hold every other request for the whole build (≈0.8 s at 10k
 * notes). Files changed meanwhile are applied when it is done (see core/graph/graphIndex.ts).
 */
export async function buildGraphInSlices(workspace: Workspace, token?: CancellationToken, budgetMs = 5): Promise<void> {
  for (;;) {
    const deadline = performance.now() + budgetMs;
    if (workspace.buildGraphSlice(() => performance.now() > deadline)) return;
    await checkpoint(token);
  }
}
