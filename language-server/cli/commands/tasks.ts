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
    store: { type: 'string' },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('tasks: expected one directory, e.g. scriptorium tasks ./vault');
  const workspace = await loadWorkspace(dir, { useGlobalFilter: values['global-filter'] === true, store: values.store ?? 'auto' });
  const index = workspace.taskIndex();
  let groups: { headings: string[]; tasks: readonly Task[] }[] = [{ headings: [], tasks: index.tasks }];
  let explanation: string | null = null;
  if (values.query !== undefined) {
    const query = parseQuery(values.query.replace(/\\n/g, '\n'));
    if (query.errors.length > 0) throw new UserError(`tasks --query: ${query.errors.map((e) => e.message).join('; ')}`);
    const result = runQuery(query, index, { today: today() });
    groups = result.groups;
    explanation = result.explanation;
  }
  if (values.json) {
    const tasks = groups.flatMap((g) => g.tasks);
    process.stdout.write(`${JSON.stringify(tasks.map((t) => toTaskJson(t, index)), null, 2)}\n`);
    return 0;
  }
  if (explanation) process.stdout.write(`${explanation}\n\n`);
  if (groups.every((g) => g.tasks.length === 0)) process.stdout.write('No tasks.\n');
  let previous: string[] = [];
  for (const group of groups) {
    if (group.tasks.length === 0) continue;
    // Like Tasks: a heading is printed when it differs from the group before at that level.
    const firstNew = group.headings.findIndex((h, depth) => h !== previous[depth]);
    const fresh = firstNew < 0 ? [] : group.headings.slice(firstNew).map((h, i) => `${'#'.repeat(firstNew + i + 2)} ${h}`);
    if (fresh.length > 0) process.stdout.write(`\n${fresh.join('\n')}\n`);
    previous = group.headings;
    process.stdout.write(`${renderTaskTree(group.tasks, index)}\n`);
  }
  return 0;
}
