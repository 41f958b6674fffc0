import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { HistoryEvent } from '../../../core/history/types.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { UserError } from '../../node/loadWorkspace.js';
import { openVaultHistory } from '../../node/openHistory.js';
import { parseCommandArgs } from '../args.js';

/** `scriptorium history <dir> [--task <id | path:line>] [--json] [--store <dir>]` */
export async function historyCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('history', args, {
    task: { type: 'string' },
    json: { type: 'boolean' },
    store: { type: 'string' },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('history: expected one directory, e.g. scriptorium history ./vault --task "Projects/Plan.md:12"');
  await requireDirectory(dir);
  const { history } = await openVaultHistory(dir, storeOption(values.store));
  try {
    const ref = values.task === undefined ? undefined : normaliseRef(values.task);
    const { events, task } = history.taskHistory(ref);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(events, null, 2)}\n`);
      return 0;
    }
    if (ref !== undefined && task === null && events.length === 0) throw new UserError(`history: no task ${ref.includes(':') ? 'at' : 'with the id'} '${ref}', and no history for it`);
    if (task) process.stdout.write(`${task.lineText.trim()}\n`);
    if (events.length === 0) {
      process.stdout.write(ref === undefined ? 'No history yet: changes to tasks are recorded from now on.\n' : 'No changes recorded for this task yet.\n');
      return 0;
    }
    for (const event of events) process.stdout.write(`${formatEvent(event)}\n`);
    return 0;
  } finally {
    history.close();
  }
}

export function storeOption(store: string | undefined): { storeDir?: string } {
  return store === undefined ? {} : { storeDir: path.resolve(store) };
}

function normaliseRef(ref: string): string {
  return /:\d+$/.test(ref) ? ref.split(path.sep).join('/').replace(/^\.\//, '') : ref;
}

/** `2026-11-23 14:02  cli   Projects/Plan.md:12  completed [ ] → [x] (Pending → Completed)  Design the page` */
export function formatEvent(e: HistoryEvent): string {
  const when = e.at.replace('T', ' ').slice(0, 16);
  const role = e.role ? ` as ${e.role}` : '';
  return `${when}  ${e.source.padEnd(5)} ${e.task.key}  ${describe(e)}${role}  — ${e.task.description}`;
}

function describe(e: HistoryEvent): string {
  switch (e.kind) {
    case 'created':
      return 'created';
    case 'deleted':
      return 'deleted';
    case 'status':
    case 'completed':
      return `${e.kind} [${e.from}] → [${e.to}] (${e.fromState} → ${e.toState})`;
    case 'field':
      return `${e.field}: ${shown(e.from)} → ${shown(e.to)}`;
  }
}

function shown(value: string | undefined): string {
  return value ? `'${value}'` : '(none)';
}

async function requireDirectory(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => null);
  if (!info) throw new UserError(`No such directory: ${dir}`);
  if (!info.isDirectory()) throw new UserError(`Not a directory: ${dir}`);
}

/**
 * History for a command that edits files (`task`): opened before the edit, so hand edits made
 * since the last run are recorded first (source `scan`), then `record` diffs the files the
 * command wrote (source `cli`) and saves the store. History must never cost the user an edit:
 * if the store cannot be used at all, this says so on stderr and the command goes on.
 */
export async function historyForEdits(dir: string, store: string | undefined, workspace?: Workspace): Promise<{ record(paths: string[]): Promise<void> }> {
  const warn = (error: unknown) =>
    process.stderr.write(`scriptorium: warning: the task history could not be recorded (${error instanceof Error ? error.message : String(error)})\n`);
  let opened: Awaited<ReturnType<typeof openVaultHistory>>['history'] | null = null;
  try {
    opened = (await openVaultHistory(dir, { ...storeOption(store), ...(workspace ? { workspace } : {}) })).history;
  } catch (error) {
    if (!(error instanceof UserError)) warn(error); // a missing folder: the command itself says so
  }
  return {
    async record(paths) {
      if (!opened) return;
      try {
        await opened.recordChanges(paths, 'cli');
        await opened.save();
      } catch (error) {
        warn(error);
      } finally {
        opened.close();
      }
    },
  };
}
