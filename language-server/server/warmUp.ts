import * as chrono from 'chrono-node';
import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { dayNumber } from '../../core/tasks/query/queryDates.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import { taskColumns } from '../../core/tasks/query/taskColumns.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { CancellationToken } from 'vscode-languageserver';
import { backgroundTurn, checkpoint } from './yieldNow.js';

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
    await backgroundTurn();
  }
  await warmDateParsing();
  const index = workspace.taskIndex();
  // The columns these queries and the default sort read, one per step (a first query builds
  // them all in one: ≈100 ms at 40k tasks).
  const columns = taskColumns(index);
  const day = dayNumber(today);
  const columnSteps: (() => unknown)[] = [
    () => columns.code('statusType'),
    () => columns.code('priority'),
    () => columns.flag('done'),
    () => columns.day('due'),
    () => columns.day('scheduled'),
    () => columns.day('start'),
    () => day !== null && columns.urgency(day),
    () => columns.states(),
    () => columns.flag('blocked'),
    () => columns.text('path', null),
  ];
  for (const step of columnSteps) {
    await backgroundTurn();
    if (workspace.taskIndex() !== index) return; // changed meanwhile: the next query builds its own
    step();
  }
  for (const source of warmingQueries) {
    // Each first run is one step inside core; requests get their turn between them.
    await backgroundTurn();
    if (workspace.taskIndex() !== index) return; // changed meanwhile: the next query builds its own
    const query = parseQuery(source, { today });
    if (query.errors.length === 0) runQuery(query, index, { today, globalFilter: workspace.taskSettings.globalFilter });
  }
}

/**
 * Date filters read their dates with chrono (core/tasks/query/queryDates.ts, `chrono.parse`).
 * V8 compiles a regex to machine code on its second use; chrono's two "time unit ago/later"
 * patterns take ~50 ms each to compile, and one parse compiles all its parsers' patterns at once
 * (≈120 ms, the longest step of the warm-up). Running each parser alone, twice, compiles them
 * one per step; the patterns are chrono's own objects, shared with `chrono.parse`.
 */
async function warmDateParsing(): Promise<void> {
  const reference = new Date();
  for (let pass = 0; pass < 2; pass++) {
    for (const parser of chrono.casual.parsers) {
      await backgroundTurn();
      try {
        new chrono.Chrono({ parsers: [parser], refiners: [] }).parse('today', reference);
      } catch {
        // Only a warm-up: a parser that fails here fails the same way in a query.
      }
    }
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
