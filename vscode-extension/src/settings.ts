import * as vscode from 'vscode';
import type { TaskState } from '../../shared-types/index.js';
import type { ScriptoriumSettings } from '../../shared-types/protocol.js';
import type { TaskGrouping, TaskViewOptions } from './views/taskModel.js';
import { taskGroupings } from './views/taskModel.js';
import type { RelatedLimits } from './views/relatedNotesView.js';

export const section = 'scriptorium';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(section);
}

/** What the server reads at start (`initializationOptions`); it pulls the section again when it changes. */
export function serverSettings(): ScriptoriumSettings & Record<string, unknown> {
  const c = config();
  const today = c.get<string>('today', '').trim();
  return {
    excludes: c.get<string[]>('excludes', []),
    useGlobalFilter: c.get<boolean>('useGlobalFilter', false),
    ...(today !== '' ? { today } : {}),
    // Not read by the server yet (see the extension README): sent so that a server that does, gets them.
    rolesFolder: c.get<string>('rolesFolder', 'Roles'),
    embeddings: c.get<string>('embeddings', ''),
  };
}

export function taskViewOptions(filter = ''): TaskViewOptions {
  const c = config();
  const groupBy = c.get<string>('tasks.groupBy', 'file');
  return {
    groupBy: (taskGroupings as readonly string[]).includes(groupBy) ? (groupBy as TaskGrouping) : 'file',
    filter,
    readyOnly: c.get<boolean>('tasks.readyOnly', false),
    hiddenStates: c.get<TaskState[]>('statuses.hidden', []),
  };
}

export function relatedLimits(): RelatedLimits {
  const c = config();
  return { note: c.get<number>('suggestions.relatedNotesLimit', 10), paragraph: c.get<number>('suggestions.paragraphLimit', 5) };
}

export function startSymbol(): string {
  return [...config().get<string>('statuses.start', '/')][0] ?? '/';
}

export function saveAfterEdit(): boolean {
  return config().get<boolean>('tasks.saveAfterEdit', true);
}
