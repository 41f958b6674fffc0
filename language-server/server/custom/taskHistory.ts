import { ResponseError, type CancellationToken } from 'vscode-languageserver';
import { ScriptoriumErrorCode, ScriptoriumRequest, type TaskHistoryResult } from '../../../shared-types/protocol.js';
import { guard, objectParams, optionalInteger, optionalString } from '../guard.js';
import type { ServerContext } from '../serverContext.js';
import { checkpoint } from '../yieldNow.js';

const method = ScriptoriumRequest.taskHistory;

export function registerTaskHistory(context: ServerContext): void {
  context.connection.onRequest(method, guard(method, context.log, (params: unknown, token: CancellationToken) => taskHistory(context, params, token)));
}

/** The event log of one task (or of all), read by the host: the log and the store are files only it can reach. */
async function taskHistory(context: ServerContext, raw: unknown, token: CancellationToken): Promise<TaskHistoryResult> {
  const params = raw === undefined || raw === null ? {} : objectParams(method, raw);
  const task = optionalString(method, params, 'task');
  const limit = optionalInteger(method, params, 'limit', 1, 100_000);
  await checkpoint(token);
  if (!context.host.taskHistory) throw new ResponseError(ScriptoriumErrorCode.unavailable, `Task history is not available in the ${context.host.name} build of the server.`);
  return context.host.taskHistory({ ...(task !== undefined ? { task } : {}), ...(limit !== undefined ? { limit } : {}) });
}
