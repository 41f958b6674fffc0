import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import { yieldNow } from './yieldNow.js';

/**
 * Queries whose first run builds the task index's per-index facts (states, dependencies, dates,
 * priorities): run once after indexing so a task pane's first query does not pay for them.
 */
const warmingQueries = ['not done', 'is blocked', 'due before today', 'priority is high'];

export async function warmTaskQueries(workspace: Workspace, today: string): Promise<void> {
  const index = workspace.taskIndex();
  for (const source of warmingQueries) {
    // Each first run is one step inside core; requests get their turn between them.
    await yieldNow();
    if (workspace.taskIndex() !== index) return; // changed meanwhile: the next query builds its own
    const query = parseQuery(source, { today });
    if (query.errors.length === 0) runQuery(query, index, { today, globalFilter: workspace.taskSettings.globalFilter });
  }
}
