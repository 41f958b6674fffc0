import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultTaskSettings, settingsFromTasksPluginData } from '../../core/tasks/statuses.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { Workspace } from '../../core/workspace/workspace.js';
import { listWorkspaceFiles, maxFileBytes, readWorkspaceFile } from './readWorkspaceFiles.js';

export class UserError extends Error {}

export interface LoadOptions {
  /** Honour the Tasks plugin's global filter (e.g. `#task`); by default every checkbox is a task. */
  useGlobalFilter?: boolean;
}

/** The Tasks plugin's settings, where a vault has them, decide statuses (and, if asked, the global filter). */
export async function loadTaskSettings(root: string, options: LoadOptions = {}): Promise<TaskSettings> {
  const settings = await readTasksPluginSettings(root);
  return options.useGlobalFilter ? settings : { ...settings, globalFilter: null };
}

async function readTasksPluginSettings(root: string): Promise<TaskSettings> {
  const file = path.join(root, '.obsidian/plugins/obsidian-tasks-plugin/data.json');
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch {
    return defaultTaskSettings();
  }
  try {
    return settingsFromTasksPluginData(JSON.parse(raw));
  } catch {
    process.stderr.write(`warning: ${file} is not valid JSON; using the default statuses.\n`);
    return defaultTaskSettings();
  }
}

/** Reads every note, canvas and source file below `root` into a Workspace, and registers every other file by path. */
export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<Workspace> {
  const info = await stat(root).catch(() => null);
  if (!info) throw new UserError(`No such directory: ${root}`);
  if (!info.isDirectory()) throw new UserError(`Not a directory: ${root}`);
  const workspace = new Workspace(await loadTaskSettings(root, options));
  const files = await listWorkspaceFiles(root, () => true);
  for (const file of files) {
    // Images, PDFs and other attachments are link targets: known by path, their bytes never read.
    if (fileKindOf(file.path) === 'other') {
      workspace.setText(file.path, '');
      continue;
    }
    const result = readWorkspaceFile(file);
    if ('bytes' in result) {
      workspace.setBytes(result.file.path, result.bytes);
      continue;
    }
    workspace.setText(result.file.path, '', [
      {
        path: result.file.path,
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'warning',
        code: 'file-too-large',
        message: `Skipped: ${(result.tooLarge / 1048576).toFixed(0)} MB is more than the ${maxFileBytes / 1048576} MB a note or source file may have.`,
      },
    ]);
  }
  return workspace;
}
