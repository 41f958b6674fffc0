import { parseQuery } from '../../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../../core/tasks/query/runQuery.js';
import { toTaskJson } from '../../../core/tasks/taskJson.js';
import type { Task } from '../../../core/tasks/types.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs, today } from '../args.js';
import { renderTaskTree } from '../taskTree.js';

export async function tasksCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('tasks', args, {
    query: { type: 'string' },
    json: { type: 'boolean' },
    'global-filter': { type: 'boolean' },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('tasks: expected one directory, e.g. scriptorium tasks ./vault');
  const workspace = await loadWorkspace(dir, { useGlobalFilter: values['global-filter'] === true });
  const index = workspace.taskIndex();
  let tasks: readonly Task[] = index.tasks;
  let heading: string | null = null;
  if (values.query !== undefined) {
    const query = parseQuery(values.query.replace(/\\n/g, '\n'));
    if (query.errors.length > 0) throw new UserError(`tasks --query: ${query.errors.map((e) => e.message).join('; ')}`);
    const result = runQuery(query, index, { today: today() });
    tasks = result.groups.flatMap((g) => g.tasks);
    heading = result.explanation;
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(tasks.map((t) => toTaskJson(t, index)), null, 2)}\n`);
  } else {
    if (heading) process.stdout.write(`${heading}\n\n`);
    process.stdout.write(tasks.length > 0 ? `${renderTaskTree(tasks, index)}\n` : 'No tasks.\n');
  }
  return 0;
}
