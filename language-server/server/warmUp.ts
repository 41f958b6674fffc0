import * as chrono from 'chrono-node';
import { parseQuery } from '../../core/tasks/query/parseQuery.js';
import { dayNumber } from '../../core/tasks/query/queryDates.js';
import { runQuery } from '../../core/tasks/query/runQuery.js';
import { RunFacts } from '../../core/tasks/query/runFacts.js';
import { defaultSorts, wholeIndexOrderInSteps } from '../../core/tasks/query/sortTasks.js';
import { taskColumns } from '../../core/tasks/query/taskColumns.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { CancellationToken } from 'vscode-languageserver';
import { backgroundTurn, inSlices } from './yieldNow.js';

/**
 * Queries whose first run builds the task index's per-index facts (states, dependencies, dates,
 * priorities): run once after indexing so a task pane's first query does not pay for them.
 */
const warmingQueries = ['not done', 'is blocked', 'due before today', 'priority is high'];

/** Tasks whose dates one warm-up step reads (~8 ms at 200k tasks' pace). */
const tasksPerDayStep = 32_768;

/** One step that builds one thing. */
function once(build: () => unknown): () => Iterator<unknown> {
  return function* () {
    build();
  };
}

export async function warmTaskQueries(workspace: Workspace, today: string): Promise<void> {
  // The whole-graph facts first, in slices (a step of theirs is a few ms; see taskFactsInSteps).
  await backgroundTurn();
  await inSlices((shouldYield) => workspace.warmTaskFactsSlice(shouldYield), { background: true });
  await warmDateParsing();
  const index = workspace.taskIndex();
  // The columns these queries and the default sort read, one per step, then the default sort in
  // steps (a first query builds them all in one: ≈100 ms at 40k tasks). States and blocked are
  // copies of the facts made above.
  const columns = taskColumns(index);
  const day = dayNumber(today);
  const columnSteps: (() => Iterator<unknown>)[] = [
    once(() => columns.code('statusType')),
    once(() => columns.code('priority')),
    once(() => columns.flag('done')),
    // A day column is read a slice of tasks a turn (~40 ms whole at 200k tasks).
    () => columns.dayInSteps('due', tasksPerDayStep),
    () => columns.dayInSteps('scheduled', tasksPerDayStep),
    () => columns.dayInSteps('start', tasksPerDayStep),
    once(() => day !== null && columns.urgency(day)),
    once(() => columns.states()),
    once(() => columns.flag('blocked')),
    once(() => columns.text('path', null)),
  ];
  for (const step of columnSteps) {
    const steps = step();
    do {
      await backgroundTurn();
      if (workspace.taskIndex() !== index) return; // changed meanwhile: the next query builds its own
    } while (!steps.next().done);
  }
  if (day !== null) {
    const order = wholeIndexOrderInSteps(defaultSorts, new RunFacts(columns, day, workspace.taskSettings.globalFilter));
    do {
      await backgroundTurn();
      if (workspace.taskIndex() !== index) return;
    } while (!order.next().done);
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
 * Date filters other than today, tomorrow, yesterday and ISO dates read their dates with chrono
 * (core/tasks/query/queryDates.ts, `chrono.parse`), whose first parse compiles every parser's
 * patterns at once (≈50 ms). Running each parser alone compiles them one per step (≤ ~15 ms);
 * the patterns are chrono's own objects, shared with `chrono.parse`. Not run twice: V8 compiles
 * a pattern to machine code on its second use, and the two "time unit ago/later" patterns take
 * 75–150 ms each to compile, too long a step to hold requests behind: the first query that
 * needs chrono pays it.
 */
async function warmDateParsing(): Promise<void> {
  const reference = new Date();
  for (const parser of chrono.casual.parsers) {
    await backgroundTurn();
    try {
      new chrono.Chrono({ parsers: [parser], refiners: [] }).parse('today', reference);
    } catch {
      // Only a warm-up: a parser that fails here fails the same way in a query.
    }
  }
}

/**
 * Builds the workspace's graph in 5 ms slices, yielding (and checking `token`) between them, so
 * the first graph request does not hold every other request for the whole build (≈0.8 s at 10k
 * notes). Files changed meanwhile are applied when it is done (see core/graph/graphIndex.ts).
 */
export async function buildGraphInSlices(workspace: Workspace, token?: CancellationToken): Promise<void> {
  await inSlices((shouldYield) => workspace.buildGraphSlice(shouldYield), { token });
}
