import * as vscode from 'vscode';
import type { TaskState } from '../../shared-types/index.js';
import type { CustomStatusSetting, ScriptoriumSettings } from '../../shared-types/protocol.js';
import type { TaskGrouping, TaskViewOptions } from './views/taskModel.js';
import { taskGroupings } from './views/taskModel.js';
import type { RelatedLimits } from './views/relatedNotesView.js';

export const section = 'scriptorium';

function config(): vscode.WorkspaceConfiguration {
  return vscode.workspace.getConfiguration(section);
}

/**
 * What the server reads at start (`initializationOptions`). The client also synchronizes the
 * `scriptorium` section, so the server hears of every change (didChangeConfiguration) and pulls
 * the whole section again; keys only the extension uses (statuses.start, tasks.*) it ignores.
 */
export function serverSettings(): ScriptoriumSettings {
  const c = config();
  const today = c.get<string>('today', '').trim();
  const embeddings = c.get<string>('embeddings', '').trim();
  const minScore = c.get<number>('suggestions.minScore', 0);
  const excludeFolders = c.get<string[]>('suggestions.excludeFolders', []);
  const custom = c.get<CustomStatusSetting[]>('statuses.custom', []);
  return {
    excludes: c.get<string[]>('excludes', []),
    useGlobalFilter: c.get<boolean>('useGlobalFilter', false),
    ...(today !== '' ? { today } : {}),
    rolesFolder: c.get<string>('rolesFolder', 'Roles'),
    ...(embeddings !== '' ? { embeddings } : {}),
    // Sent as the user wrote them: the server checks them and says what is wrong.
    ...(Array.isArray(custom) && custom.length > 0 ? { statuses: { custom } } : {}),
    suggestions: { limit: c.get<number>('suggestions.limit', 10), minScore, excludeFolders },
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
