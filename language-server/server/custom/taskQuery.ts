import type { CancellationToken } from 'vscode-languageserver';
import {
  ScriptoriumRequest,
  type TaskItem,
  type TaskQueryError,
  type TaskQueryResult,
  type TaskTreeNode,
  type TaskTreeResult,
} from '../../../shared-types/protocol.js';
import { parseQuery } from '../../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../../core/tasks/query/runQuery.js';
import type { QueryResult } from '../../../core/tasks/query/types.js';
import type { Task, TaskIndex } from '../../../core/tasks/types.js';
import { guard, invalidParams, objectParams, optionalString, stringParam } from '../guard.js';
import { taskItem, todayOf, type ServerContext } from '../serverContext.js';
import { checkpoint, Slicer } from '../yieldNow.js';

export function registerTaskQueries(context: ServerContext): void {
  const { connection, log } = context;
  connection.onRequest(ScriptoriumRequest.taskQuery, guard(ScriptoriumRequest.taskQuery, log, (params: unknown, token: CancellationToken) => taskQuery(context, params, token)));
  connection.onRequest(ScriptoriumRequest.taskTree, guard(ScriptoriumRequest.taskTree, log, (params: unknown, token: CancellationToken) => taskTree(context, params, token)));
}

/** Tasks matching a query in the Tasks language; problems with the query come back as `errors`, located by line. */
async function taskQuery(context: ServerContext, raw: unknown, token: CancellationToken): Promise<TaskQueryResult> {
  const method = ScriptoriumRequest.taskQuery;
  const params = objectParams(method, raw);
  const source = stringParam(method, params, 'query');
  const queryPath = optionalString(method, params, 'queryPath');
  await checkpoint(token);
  const matched = matchQuery(context, source, queryPath);
  if ('errors' in matched) return { groups: [], totalTasks: 0, totalMatching: 0, explanation: null, errors: matched.errors };
  const { result, index } = matched;
  const slicer = new Slicer();
  const groups: TaskQueryResult['groups'] = [];
  for (const group of result.groups) {
    const tasks: TaskItem[] = [];
    for (const task of group.tasks) {
      tasks.push(taskItem(context, task, index));
      await slicer.maybeYield(token);
    }
    groups.push({ headings: group.headings, tasks });
  }
  return { groups, totalTasks: result.totalTasks, totalMatching: result.totalMatching, explanation: result.explanation, errors: [] };
}

type Matched = { errors: TaskQueryError[] } | { result: QueryResult; index: TaskIndex };

function matchQuery(context: ServerContext, source: string, queryPath: string | undefined): Matched {
  const settings = context.settings();
  const today = todayOf(settings);
  const query = parseQuery(source, { today, ...(queryPath !== undefined ? { queryPath } : {}) });
  if (query.errors.length > 0) return { errors: query.errors.map((e) => ({ line: e.line, message: e.message })) };
  const index = context.state.workspace.taskIndex();
  const result = runQuery(query, index, {
    today,
    globalFilter: context.state.workspace.taskSettings.globalFilter,
    ...(queryPath !== undefined ? { queryPath } : {}),
  });
  if (result.errors.length > 0) return { errors: result.errors.map((e) => ({ line: e.line, message: e.message })) };
  return { result, index };
}

/** Every task as its hierarchy, file by file; with a query, the matches and their ancestors. */
async function taskTree(context: ServerContext, raw: unknown, token: CancellationToken): Promise<TaskTreeResult> {
  const method = ScriptoriumRequest.taskTree;
  const params = raw === undefined || raw === null ? {} : objectParams(method, raw);
  const source = optionalString(method, params, 'query');
  const uri = optionalString(method, params, 'uri');
  await checkpoint(token);
  const index = context.state.workspace.taskIndex();
  let wanted: Set<Task> | null = null;
  if (source !== undefined) {
    const matched = matchQuery(context, source, undefined);
    if ('errors' in matched) throw invalidParams(method, matched.errors.map((e) => e.message).join('; '));
    wanted = new Set();
    for (const task of matched.result.groups.flatMap((g) => g.tasks)) {
      for (let t: Task | null = task; t && !wanted.has(t); t = index.parentOf(t)) wanted.add(t);
    }
  }
  let onlyPath: string | null = null;
  if (uri !== undefined) {
    onlyPath = context.uris().pathOf(uri);
    if (onlyPath === null) throw invalidParams(method, `'${uri}' is not inside the workspace.`);
  }
  const slicer = new Slicer();
  const files = new Map<string, TaskTreeNode[]>();
  const build = async (task: Task, seen: Set<Task>): Promise<TaskTreeNode> => {
    await slicer.maybeYield(token);
    seen.add(task);
    const children: TaskTreeNode[] = [];
    for (const child of index.childrenOf(task)) {
      if (seen.has(child) || (wanted && !wanted.has(child))) continue;
      children.push(await build(child, seen));
    }
    return { task: taskItem(context, task, index), children };
  };
  const seen = new Set<Task>();
  for (const task of index.tasks) {
    if (index.parentOf(task) !== null || (wanted && !wanted.has(task))) continue;
    if (onlyPath !== null && task.path !== onlyPath) continue;
    const list = files.get(task.path) ?? [];
    list.push(await build(task, seen));
    files.set(task.path, list);
  }
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: paths.map((path) => ({ path, uri: context.uris().uriOf(path), tasks: files.get(path)! })) };
}
