// One filter instruction (no Boolean operators) → FilterSpec, or an error that says what is valid.
// Fields are tried in Tasks' order (status.name and status.type before status, and so on); the
// first field that recognises the line owns it, and its error is the one reported.

import type { DateField, Priority, StatusType, TaskState } from '../../../shared-types/index.js';
import { resolveDateRange, systemToday, dayNumber } from './queryDates.js';
import { checkRegexSafety } from './regexSafety.js';
import type { DateFilterField, DateKeyword, FilterSpec, TextFilterField, TextOperator } from './types.js';

export type FilterParse = { spec: FilterSpec } | { error: string } | null;

const statusTypes: StatusType[] = ['TODO', 'DONE', 'IN_PROGRESS', 'ON_HOLD', 'CANCELLED', 'NON_TASK'];
const taskStates: TaskState[] = ['Pending', 'Active', 'InProgress', 'Blocked', 'Completed', 'Failed', 'Cancelled'];

export const dateKeywordsHelp =
  'before, after, on, in, on or before, on or after, in or before, in or after (or none, meaning on/in)';
export const dateValuesHelp =
  "YYYY-MM-DD, a range 'YYYY-MM-DD YYYY-MM-DD', last|this|next week|month|quarter|year, YYYY-Www, YYYY-Qn, YYYY-MM, YYYY, or words such as today, tomorrow, yesterday, next monday, in two weeks, 2 years ago";

function dateHelp(field: string): string {
  const name = field === 'start' ? 'starts' : field;
  const extra =
    field === 'happens'
      ? 'has happens date, no happens date'
      : `has ${field} date, no ${field} date, ${field} date is invalid`;
  return `Valid date filters: ${name} <keyword> <date> with keyword ${dateKeywordsHelp}; date ${dateValuesHelp}; also ${extra}.`;
}

const textOperatorsHelp = 'includes, does not include, regex matches /pattern/flags, regex does not match /pattern/flags';

/** Which filter families exist, for the "valid instructions" part of an unknown-line error. */
export const filterFamiliesHelp = [
  'done',
  'not done',
  'status.type is|is not <TYPE>',
  'status.name includes …',
  'due|scheduled|starts|created|done|cancelled|happens before|after|on|in|on or before|on or after <date>',
  'has|no <field> date',
  '<field> date is invalid',
  'priority is [above|below|not] highest|high|medium|none|low|lowest',
  'is recurring',
  'is not recurring',
  'recurrence includes …',
  'description|path|folder|filename|heading|root|id|role includes|does not include|regex matches|regex does not match …',
  'tags include|do not include …',
  'has tags',
  'no tags',
  'is blocked',
  'is not blocked',
  'is blocking',
  'is not blocking',
  'has id',
  'no id',
  'has depends on',
  'no depends on',
  'role is …',
  'has role',
  'no role',
  'state is …',
  'is ready',
  'exclude sub-items',
  '(filter) AND|OR|XOR|AND NOT|OR NOT (filter)',
  'NOT (filter)',
];

/** Exact (case-insensitive) one-phrase instructions. */
const exact = new Map<string, FilterSpec>([
  ['done', { type: 'done', done: true }],
  ['not done', { type: 'done', done: false }],
  ['is recurring', { type: 'recurring', recurring: true }],
  ['is not recurring', { type: 'recurring', recurring: false }],
  ['has tags', { type: 'hasTags', has: true }],
  ['has tag', { type: 'hasTags', has: true }],
  ['no tags', { type: 'hasTags', has: false }],
  ['no tag', { type: 'hasTags', has: false }],
  ['is blocked', { type: 'blocked', blocked: true }],
  ['is not blocked', { type: 'blocked', blocked: false }],
  ['is blocking', { type: 'blocking', blocking: true }],
  ['is not blocking', { type: 'blocking', blocking: false }],
  ['has id', { type: 'hasId', has: true }],
  ['no id', { type: 'hasId', has: false }],
  ['has depends on', { type: 'hasDependsOn', has: true }],
  ['no depends on', { type: 'hasDependsOn', has: false }],
  ['has role', { type: 'hasRole', has: true }],
  ['no role', { type: 'hasRole', has: false }],
  ['is ready', { type: 'ready' }],
  ['exclude sub-items', { type: 'excludeSubItems' }],
  ['has happens date', { type: 'dateExists', field: 'happens', has: true }],
  ['no happens date', { type: 'dateExists', field: 'happens', has: false }],
]);

const dateFieldsForExists: DateField[] = ['due', 'scheduled', 'start', 'created', 'done', 'cancelled'];
for (const field of dateFieldsForExists) {
  exact.set(`has ${field} date`, { type: 'dateExists', field, has: true });
  exact.set(`no ${field} date`, { type: 'dateExists', field, has: false });
  exact.set(`${field} date is invalid`, { type: 'dateInvalid', field });
}

/** Date filters in Tasks' order; `starts` is how the start date is named in filters. */
const dateFilterFields: [string, DateFilterField][] = [
  ['happens', 'happens'],
  ['cancelled', 'cancelled'],
  ['created', 'created'],
  ['starts', 'start'],
  ['scheduled', 'scheduled'],
  ['due', 'due'],
  ['done', 'done'],
];

const textFields: [string, TextFilterField][] = [
  ['status.name', 'status.name'],
  ['path', 'path'],
  ['folder', 'folder'],
  ['root', 'root'],
  ['description', 'description'],
  ['heading', 'heading'],
  ['filename', 'filename'],
  ['recurrence', 'recurrence'],
  ['id', 'id'],
  ['role', 'role'],
];

const priorityRegexp = /^priority(\s+is)?(\s+(above|below|not))?\s+(lowest|low|none|normal|medium|high|highest)$/i;
const priorityNames: Record<string, Priority> = {
  lowest: 'lowest',
  low: 'low',
  none: 'normal',
  normal: 'normal',
  medium: 'medium',
  high: 'high',
  highest: 'highest',
};

export interface FilterParseOptions {
  today?: string;
}

/** Parse one filter; null when no filter family recognises the line at all. */
export function parseSimpleFilter(line: string, options: FilterParseOptions = {}): FilterParse {
  const lower = line.toLowerCase();
  const known = exact.get(lower.replace(/\s+/g, ' '));
  if (known) return { spec: known };

  // status.name (a text field) before status.type, before status.
  const statusName = parseText(line, 'status.name', 'status.name');
  if (statusName) return statusName;

  if (/^status\.type\b/i.test(line)) {
    const m = /^status\.type (is|is not) ([^ ]+)$/i.exec(line);
    const value = m ? statusTypes.find((t) => t === m[2]!.toUpperCase()) : undefined;
    if (!m || !value)
      return {
        error: `Valid: status.type is|is not ${statusTypes.join('|')} (values are case-insensitive), e.g. 'status.type is not NON_TASK'.`,
      };
    return { spec: { type: 'statusType', negate: m[1]!.toLowerCase() === 'is not', value } };
  }

  if (/^priority\b/i.test(line)) {
    const m = priorityRegexp.exec(line);
    if (!m) return { error: 'Valid priority filters: priority is [above|below|not] highest|high|medium|none|low|lowest.' };
    const op = (m[3]?.toLowerCase() ?? 'is') as 'is' | 'above' | 'below' | 'not';
    return { spec: { type: 'priority', op, value: priorityNames[m[4]!.toLowerCase()]! } };
  }

  for (const [name, field] of dateFilterFields) {
    const parsed = parseDateFilter(line, name, field, options);
    if (parsed) return parsed;
  }

  for (const [name, field] of textFields) {
    const parsed = parseText(line, name, field);
    if (parsed) return parsed;
  }

  const tags = /^(?:tag|tags) (includes|does not include|regex matches|regex does not match|include|do not include) (.*)$/i.exec(
    line,
  );
  if (tags) {
    const op = tags[1]!.toLowerCase();
    const normalised: TextOperator =
      op === 'include' ? 'includes' : op === 'do not include' ? 'does not include' : (op as TextOperator);
    return textSpec('tags', normalised, tags[2]!, line);
  }

  const role = /^role is( not)? (.+)$/i.exec(line);
  if (role) return { spec: { type: 'roleIs', negate: role[1] !== undefined, value: role[2]!.trim() } };

  if (/^state\b/i.test(line)) {
    const m = /^state (is|is not) (\S+)$/i.exec(line);
    const value = m ? taskStates.find((s) => s.toLowerCase() === m[2]!.toLowerCase()) : undefined;
    if (!m || !value) return { error: `Valid: state is|is not ${taskStates.join('|')} (case-insensitive).` };
    return { spec: { type: 'state', negate: m[1]!.toLowerCase() === 'is not', value } };
  }

  // Families we recognise but do not run, with the reason.
  if (/^filter by function\b/i.test(line))
    return {
      error:
        "'filter by function' is not supported: Scriptorium does not run JavaScript from notes. Use the built-in filters, combined with AND/OR/NOT.",
    };
  if (/^urgency\b/i.test(line)) return { error: 'Filtering by urgency is not supported (neither is it by Tasks); use sort by urgency.' };
  if (/^backlink\b/i.test(line)) return { error: 'The backlink field does not support filtering (nor does Tasks); use group by backlink.' };

  // A field name we know at the start: answer with that family's help rather than a generic one.
  const firstWord = /^(\S+)/.exec(lower)?.[1] ?? '';
  const dateField = dateFilterFields.find(([name]) => name === firstWord);
  if (dateField) return { error: dateHelp(dateField[1]) };
  if (['has', 'no'].includes(firstWord) && /\bdate$/i.test(line)) return { error: dateHelp('due') };
  const textField = textFields.find(([name]) => name === firstWord);
  if (textField || firstWord === 'tag' || firstWord === 'tags')
    return { error: `Valid text filters: ${firstWord} ${textOperatorsHelp}.` };
  return null;
}

function parseText(line: string, name: string, field: TextFilterField): FilterParse {
  const escaped = name.replace('.', '\\.');
  const m = new RegExp(`^${escaped} (includes|does not include|regex matches|regex does not match) (.*)$`, 'i').exec(line);
  if (!m) return null;
  return textSpec(field, m[1]!.toLowerCase() as TextOperator, m[2]!, line);
}

function textSpec(field: TextFilterField, op: TextOperator, value: string, line: string): FilterParse {
  if (!op.startsWith('regex')) return { spec: { type: 'text', field, op, value, regex: null } };
  const m = /^\/(.+)\/([^/]*)$/.exec(value);
  if (!m)
    return {
      error: `Invalid instruction: '${line}'. Regular expressions must look like /pattern/ or /pattern/flags, e.g. /^Log/i or /waiting|waits/.`,
    };
  const [, source, flags] = m as unknown as [string, string, string];
  try {
    new RegExp(source, flags);
  } catch (e) {
    return {
      error: `cannot parse regular expression ${value}: ${(e as Error).message}. Regular expressions must look like /pattern/ or /pattern/flags.`,
    };
  }
  const unsafe = checkRegexSafety(source);
  if (unsafe) return { error: unsafe };
  return { spec: { type: 'text', field, op, value, regex: { source, flags } } };
}

function parseDateFilter(line: string, name: string, field: DateFilterField, options: FilterParseOptions): FilterParse {
  const m = new RegExp(
    `^${name} (((?:on|in) or before|before|(?:on|in) or after|after|on|in)? ?(.*))$`,
    'i',
  ).exec(line);
  if (!m) return null;
  const keyword = (m[2]?.toLowerCase().replace(/\s+/g, ' ') ?? null) as DateKeyword | null;
  const dateText = m[3] ?? '';
  const keywordAndDateText = m[1] ?? '';
  const today = (options.today !== undefined ? dayNumber(options.today) : null) ?? systemToday();
  if (resolveDateRange(dateText, keywordAndDateText, today) === null) {
    return { error: dateHelp(field) };
  }
  return { spec: { type: 'date', field, keyword, dateText, keywordAndDateText } };
}
