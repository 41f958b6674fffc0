import type { CustomStatusSetting, ScriptoriumSettings, SuggestionSettings } from '../../shared-types/protocol.js';
import { isStatusSymbol } from '../../core/tasks/statuses.js';
import type { StatusDefinition, TaskSettings } from '../../core/tasks/types.js';
import { excludesFrom } from './exclusions.js';

const statusTypes = ['TODO', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED', 'NON_TASK'] as const;
export const defaultSuggestionLimit = 10;

/**
 * Settings as a client sent them (init options, `workspace/configuration` or
 * didChangeConfiguration), read onto `current`. A value of the wrong shape keeps the default and
 * is named in `problems`, one sentence each with the setting's name, for the user to see.
 */
export function readSettings(current: ScriptoriumSettings, raw: unknown): { settings: ScriptoriumSettings; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || typeof raw !== 'object') return { settings: current, problems };
  let value = raw as Record<string, unknown>;
  // Some clients (Helix) send one `config` object both as init options and for workspace/configuration.
  if (value.scriptorium !== null && typeof value.scriptorium === 'object') value = value.scriptorium as Record<string, unknown>;
  const next: ScriptoriumSettings = { ...current };
  const bad = (name: string, why: string, fallback: string) => problems.push(`Scriptorium: the setting scriptorium.${name} ${why}; using ${fallback}.`);

  if ('excludes' in value) next.excludes = excludesFrom(value.excludes);
  if (typeof value.useGlobalFilter === 'boolean') next.useGlobalFilter = value.useGlobalFilter;
  if (typeof value.today === 'string') next.today = value.today;

  if ('rolesFolder' in value) {
    const folder = value.rolesFolder;
    const cleaned = typeof folder === 'string' ? folder.trim().replace(/^\.?\/+/, '').replace(/\/+$/, '') : null;
    if (folder === null || folder === undefined || cleaned === '') delete next.rolesFolder;
    else if (cleaned === null || cleaned.split('/').some((s) => s === '..' || s === '')) {
      bad('rolesFolder', `must be a folder inside the workspace, not ${JSON.stringify(folder)}`, 'Roles');
      delete next.rolesFolder;
    } else next.rolesFolder = cleaned;
  }

  if ('embeddings' in value) {
    const spec = value.embeddings;
    if (spec === null || spec === undefined || (typeof spec === 'string' && spec.trim() === '')) delete next.embeddings;
    else if (typeof spec !== 'string') {
      bad('embeddings', `must be a text such as "ollama:nomic-embed-text@http://127.0.0.1:11434", not ${JSON.stringify(spec)}`, 'the offline default');
      delete next.embeddings;
    } else next.embeddings = spec.trim();
  }

  if ('statuses' in value) {
    const statuses = value.statuses;
    const custom = statuses !== null && typeof statuses === 'object' && !Array.isArray(statuses) ? (statuses as Record<string, unknown>).custom : statuses;
    if (custom === null || custom === undefined) delete next.statuses;
    else if (!Array.isArray(custom)) {
      bad('statuses.custom', 'must be a list of { "symbol", "name", "type", "next" }', 'the default statuses');
      delete next.statuses;
    } else {
      const rows: CustomStatusSetting[] = [];
      custom.forEach((row: unknown, i) => {
        const status = customStatus(row);
        if (typeof status === 'string') bad(`statuses.custom[${i}]`, status, 'the other statuses without it');
        else rows.push(status);
      });
      next.statuses = { custom: rows };
    }
  }

  if ('suggestions' in value) {
    const raw = value.suggestions;
    if (raw === null || raw === undefined) delete next.suggestions;
    else if (typeof raw !== 'object' || Array.isArray(raw)) {
      bad('suggestions', 'must be an object with limit, minScore and excludeFolders', 'the defaults');
      delete next.suggestions;
    } else next.suggestions = suggestionSettings(raw as Record<string, unknown>, bad);
  }
  return { settings: next, problems };
}

function suggestionSettings(raw: Record<string, unknown>, bad: (name: string, why: string, fallback: string) => void): SuggestionSettings {
  const out: SuggestionSettings = {};
  if (raw.limit !== undefined && raw.limit !== null) {
    if (typeof raw.limit === 'number' && Number.isInteger(raw.limit) && raw.limit >= 1 && raw.limit <= 1000) out.limit = raw.limit;
    else bad('suggestions.limit', `must be a whole number from 1 to 1000, not ${JSON.stringify(raw.limit)}`, String(defaultSuggestionLimit));
  }
  if (raw.minScore !== undefined && raw.minScore !== null) {
    if (typeof raw.minScore === 'number' && Number.isFinite(raw.minScore) && raw.minScore >= 0) out.minScore = raw.minScore;
    else bad('suggestions.minScore', `must be a number of 0 or more, not ${JSON.stringify(raw.minScore)}`, '0');
  }
  if (raw.excludeFolders !== undefined && raw.excludeFolders !== null) {
    if (Array.isArray(raw.excludeFolders) && raw.excludeFolders.every((f) => typeof f === 'string'))
      out.excludeFolders = raw.excludeFolders.map((f: string) => f.trim().replace(/^\.?\/+/, '').replace(/\/+$/, '')).filter((f) => f !== '');
    else bad('suggestions.excludeFolders', 'must be a list of folder paths', 'none');
  }
  // Host-only keys (VS Code's relatedNotesLimit, paragraphLimit) are the hosts' business.
  return out;
}

/** A row of `statuses.custom`, or why it is not one. */
function customStatus(row: unknown): CustomStatusSetting | string {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return 'must be an object such as { "symbol": "R", "name": "Review", "type": "IN_PROGRESS" }';
  const { symbol, name, type, next } = row as Record<string, unknown>;
  if (!isStatusSymbol(symbol)) return `needs a "symbol" of one character, not ${JSON.stringify(symbol)}`;
  if (type !== undefined && !(statusTypes as readonly unknown[]).includes(type)) return `has "type" ${JSON.stringify(type)}; it must be one of ${statusTypes.join(', ')}`;
  if (next !== undefined && !isStatusSymbol(next)) return `has "next" ${JSON.stringify(next)}; it must be one character`;
  if (name !== undefined && typeof name !== 'string') return '"name" must be a text';
  return {
    symbol,
    ...(typeof name === 'string' && name.trim() !== '' ? { name: name.trim() } : {}),
    ...(type !== undefined ? { type: type as CustomStatusSetting['type'] } : {}),
    ...(next !== undefined ? { next: next as string } : {}),
  };
}

/** The settings' custom statuses on top of `base` (defaults and the Tasks plugin's file): a symbol defined here wins. */
export function withCustomStatuses(base: TaskSettings, custom: readonly CustomStatusSetting[] | undefined): TaskSettings {
  if (!custom || custom.length === 0) return base;
  const own: StatusDefinition[] = [];
  const seen = new Set<string>();
  for (const row of custom) {
    if (seen.has(row.symbol)) continue;
    seen.add(row.symbol);
    const type = row.type ?? 'TODO';
    own.push({ symbol: row.symbol, name: row.name ?? 'Unknown', type, next: row.next ?? (type === 'DONE' || type === 'CANCELLED' ? ' ' : 'x') });
  }
  return { ...base, statuses: [...own, ...base.statuses.filter((s) => !seen.has(s.symbol))] };
}
