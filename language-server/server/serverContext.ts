import { localDate } from '../../core/tasks/dates.js';
import type { Connection } from 'vscode-languageserver';
import type { ScriptoriumSettings, TaskItem } from '../../shared-types/protocol.js';
import { toTaskJson } from '../../core/tasks/taskJson.js';
import type { Task, TaskIndex } from '../../core/tasks/types.js';
import type { ServerHost } from './host.js';
import type { ServerRoles } from './serverRoles.js';
import type { ServerSearch } from './searchIndex.js';
import type { ServerWorkspace } from './serverWorkspace.js';
import type { WorkspaceUris } from './uris.js';

/** What the server's own request handlers share. */
export interface ServerContext {
  connection: Connection;
  host: ServerHost;
  state: ServerWorkspace;
  /** The search index, built after indexing and kept current (core/search). */
  search: ServerSearch;
  /** The workspace's roles (core/roles), with the host's machine-local role files. */
  roles: ServerRoles;
  uris(): WorkspaceUris;
  settings(): ScriptoriumSettings;
  log(line: string): void;
}

/** The user's local date as `YYYY-MM-DD`, unless the settings pin one. */
export function todayOf(settings: ScriptoriumSettings): string {
  if (settings.today && /^\d{4}-\d{2}-\d{2}$/.test(settings.today)) return settings.today;
  return localDate();
}

export function taskItem(context: ServerContext, task: Task, index: TaskIndex): TaskItem {
  return {
    ...toTaskJson(task, index),
    uri: context.uris().uriOf(task.path),
    key: index.keyOf(task),
    fileVersion: context.state.workspace.file(task.path)?.version ?? '',
  };
}
