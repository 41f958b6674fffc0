import type { StatusType } from '../../shared-types/index.js';
import type { StatusDefinition, TaskSettings } from './types.js';

const statusTypes: readonly StatusType[] = ['TODO', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED', 'NON_TASK'];

/** Tasks' four defaults: the only symbols Tasks itself knows out of the box. */
const coreStatuses: StatusDefinition[] = [
  { symbol: ' ', name: 'Todo', type: 'TODO', next: 'x' },
  { symbol: 'x', name: 'Done', type: 'DONE', next: ' ' },
  { symbol: '/', name: 'In Progress', type: 'IN_PROGRESS', next: 'x' },
  { symbol: '-', name: 'Cancelled', type: 'CANCELLED', next: ' ' },
];

/** The Minimal theme's extra checkboxes (also drawn by several other themes); TODO-type, as Tasks treats them. */
const themeStatuses: StatusDefinition[] = (
  [
    ['>', 'Forwarded'],
    ['<', 'Scheduling'],
    ['?', 'Question'],
    ['!', 'Important'],
    ['*', 'Star'],
    ['"', 'Quote'],
    ['l', 'Location'],
    ['b', 'Bookmark'],
    ['i', 'Information'],
    ['S', 'Savings'],
    ['I', 'Idea'],
    ['p', 'Pros'],
    ['c', 'Cons'],
    ['f', 'Fire'],
    ['k', 'Key'],
    ['w', 'Win'],
    ['u', 'Up'],
    ['d', 'Down'],
  ] as const
).map(([symbol, name]) => ({ symbol, name, type: 'TODO' as const, next: 'x' }));

/**
 * Our lifecycle's `Failed` state. `F` is free in Tasks' defaults and in the Minimal, ITS, Things,
 * LYT and AnuPpuccin collections Tasks ships (they use lower-case `f` for "fire"), so a vault
 * that writes `[F]` today almost certainly means nothing else by it. It is TODO-typed (a failed
 * task is not done: it goes back to Pending), so Tasks' own queries keep listing it; toggling
 * it retries, i.e. moves back to ` `.
 */
const failedStatus: StatusDefinition = { symbol: 'F', name: 'Failed', type: 'TODO', next: ' ', state: 'Failed' };

/** `[X]` when `upperXIsDone` is on: done, the way Obsidian draws it. */
const upperXDone: StatusDefinition = { symbol: 'X', name: 'Done', type: 'DONE', next: ' ' };

export function defaultTaskSettings(): TaskSettings {
  return {
    statuses: [...coreStatuses, ...themeStatuses, failedStatus].map((s) => ({ ...s })),
    globalFilter: null,
    upperXIsDone: false,
  };
}

/** The status row for a checkbox symbol; an unknown symbol is a TODO named 'Unknown', as in Tasks. */
/** The symbol that marks a task done in this vault (the first DONE status; `x` when there is none). */
export function doneSymbol(settings: TaskSettings): string {
  return settings.statuses.find((s) => s.type === 'DONE')?.symbol ?? 'x';
}

export function statusFor(symbol: string, settings: TaskSettings): StatusDefinition {
  if (symbol === 'X' && settings.upperXIsDone) return upperXDone;
  for (const status of settings.statuses) if (status.symbol === symbol) return status;
  return { symbol, name: 'Unknown', type: 'TODO', next: 'x' };
}

/** "Done" for queries and blocking: DONE, CANCELLED and NON_TASK. */
export function isDoneType(type: StatusType): boolean {
  return type === 'DONE' || type === 'CANCELLED' || type === 'NON_TASK';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A single character (one code point, which may be two UTF-16 units), not a line break. */
export function isStatusSymbol(value: unknown): value is string {
  return typeof value === 'string' && [...value].length === 1 && value !== '\n' && value !== '\r';
}

function statusFromJson(row: unknown): StatusDefinition | null {
  if (!isRecord(row)) return null;
  const { symbol, name, nextStatusSymbol, type } = row;
  if (!isStatusSymbol(symbol)) return null;
  const statusType = typeof type === 'string' && (statusTypes as readonly string[]).includes(type) ? (type as StatusType) : 'TODO';
  return {
    symbol,
    name: typeof name === 'string' && name.trim() !== '' ? name : 'Unknown',
    type: statusType,
    next: isStatusSymbol(nextStatusSymbol) ? nextStatusSymbol : statusType === 'DONE' || statusType === 'CANCELLED' ? ' ' : 'x',
  };
}

/**
 * Settings from the Tasks plugin's `.obsidian/plugins/obsidian-tasks-plugin/data.json` (already
 * JSON-parsed). The vault's own statuses come first and win; our defaults (themes, `Failed`) fill
 * in only symbols the vault does not define. Anything malformed falls back to the defaults.
 */
export function settingsFromTasksPluginData(json: unknown): TaskSettings {
  const settings = defaultTaskSettings();
  try {
    if (!isRecord(json)) return settings;
    const statusSettings = json.statusSettings;
    if (isRecord(statusSettings)) {
      const rows = [statusSettings.coreStatuses, statusSettings.customStatuses].flatMap((list) => (Array.isArray(list) ? list : []));
      const own: StatusDefinition[] = [];
      const seen = new Set<string>();
      for (const row of rows) {
        const status = statusFromJson(row);
        if (status && !seen.has(status.symbol)) {
          seen.add(status.symbol);
          own.push(status);
        }
      }
      if (own.length > 0) settings.statuses = [...own, ...settings.statuses.filter((s) => !seen.has(s.symbol))];
    }
    if (typeof json.globalFilter === 'string' && json.globalFilter.trim() !== '') settings.globalFilter = json.globalFilter.trim();
    if (typeof json.recurrenceOnNextLine === 'boolean') settings.recurrenceOnNextLine = json.recurrenceOnNextLine;
    if (typeof json.removeScheduledDateOnRecurrence === 'boolean') settings.removeScheduledDateOnRecurrence = json.removeScheduledDateOnRecurrence;
    if (typeof json.setCreatedDate === 'boolean') settings.setCreatedDate = json.setCreatedDate;
    return settings;
  } catch {
    return defaultTaskSettings();
  }
}
