import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { defaultTaskSettings, settingsFromTasksPluginData } from '../../core/tasks/statuses.js';
import type { TaskSettings } from '../../core/tasks/types.js';
import { fileKindOf } from '../../core/workspace/fileKind.js';
import { Workspace } from '../../core/workspace/workspace.js';
import type { Diagnostic } from '../../shared-types/index.js';
import { listWorkspaceFiles, maxFileBytes, readWorkspaceFile, type FoundFile } from './readWorkspaceFiles.js';
import { loadWithStore, storeDirFor } from './warmLoad.js';

export class UserError extends Error {}

export interface LoadOptions {
  /** Honour the Tasks plugin's global filter (e.g. `#task`); by default every checkbox is a task. */
  useGlobalFilter?: boolean;
  /**
   * Warm start from the store (see warmLoad.ts): a folder (`--store`), `'auto'` for
   * `<root>/.scriptorium/` when a store is already there, or false/absent for a plain read.
   */
  store?: string | 'auto' | false;
  /** One line for the user about the store; default stderr. */
  log?: (line: string) => void;
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
  const settings = await loadTaskSettings(root, options);
  const storeDir = storeDirFor(root, options.store);
  if (storeDir !== null) {
    const warm = await loadWithStore(root, settings, storeDir, options.log ?? stderrLog);
    if (warm) return warm;
  }
  const workspace = new Workspace(settings);
  const files = await listWorkspaceFiles(root, () => true);
  for (const file of files) addFromDisk(workspace, file);
  return workspace;
}

/** Reads one listed file into the Workspace (attachments by path only). */
export function addFromDisk(workspace: Workspace, file: FoundFile): void {
  // Images, PDFs and other attachments are link targets: known by path, their bytes never read.
  if (fileKindOf(file.path) === 'other') {
    workspace.setText(file.path, '');
    return;
  }
  const result = readWorkspaceFile(file);
  if ('bytes' in result) {
    workspace.setBytes(result.file.path, result.bytes);
    return;
  }
  workspace.setText(result.file.path, '', [tooLargeDiagnostic(result.file.path, result.tooLarge)]);
}

function tooLargeDiagnostic(path: string, size: number): Diagnostic {
  return {
    path,
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 'warning',
    code: 'file-too-large',
    message: `Skipped: ${(size / 1048576).toFixed(0)} MB is more than the ${maxFileBytes / 1048576} MB a note or source file may have.`,
  };
}

function stderrLog(line: string): void {
  process.stderr.write(`scriptorium: ${line}\n`);
}
