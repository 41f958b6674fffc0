// The shapes of a parsed query and of its result. Everything here is plain data: a ParsedQuery
// holds no closures and no resolved dates, so it can be cached, sent over the wire and re-run on
// another day; `runQuery` compiles it into closures for one run.

import type { DateField, Priority, StatusType, TaskState } from '../../../shared-types/index.js';
import type { Task } from '../types.js';

/** One instruction after line continuations were joined: where it came from, and its text. */
export interface Statement {
  /** One-based line (within the query source) where the instruction starts. */
  line: number;
  /** One-based line where it ends (differs from `line` when `\` continued it). */
  endLine: number;
  /** The lines as written, joined with `\n`, untrimmed. */
  raw: string;
  /** Continuations joined and trimmed. */
  text: string;
  /** `text` with `{{…}}` placeholders and presets expanded; equals `text` when there were none. */
  expanded: string;
}

export interface QueryError {
  /** One-based line within the query source. */
  line: number;
  /** The instruction as written (continuations joined). */
  instruction: string;
  /** Human-readable, ends with what would have been valid. Contains `(line N)`. */
  message: string;
}

/** Date fields a filter can name; `happens` is any of start, scheduled, due. */
export type DateFilterField = DateField | 'happens';

export type DateKeyword = 'before' | 'after' | 'on' | 'in' | 'on or before' | 'on or after' | 'in or before' | 'in or after';

export type TextFilterField =
  | 'description'
  | 'path'
  | 'folder'
  | 'filename'
  | 'heading'
  | 'root'
  | 'status.name'
  | 'recurrence'
  | 'id'
  | 'tags'
  | 'role';

export type TextOperator = 'includes' | 'does not include' | 'regex matches' | 'regex does not match';

/** One filter, as data. `runQuery` compiles each into a closure once. */
export type FilterSpec =
  | { type: 'done'; done: boolean }
  | { type: 'statusType'; negate: boolean; value: StatusType }
  | {
      type: 'date';
      field: DateFilterField;
      /** Absent: the date (range) itself, i.e. "on/in". */
      keyword: DateKeyword | null;
      /** The text after the keyword, and the text after the field name (Tasks' fallback). */
      dateText: string;
      keywordAndDateText: string;
    }
  | { type: 'dateExists'; field: DateFilterField; has: boolean }
  | { type: 'dateInvalid'; field: DateField }
  | { type: 'priority'; op: 'is' | 'above' | 'below' | 'not'; value: Priority }
  | { type: 'recurring'; recurring: boolean }
  | { type: 'text'; field: TextFilterField; op: TextOperator; value: string; regex: { source: string; flags: string } | null }
  | { type: 'hasTags'; has: boolean }
  | { type: 'blocked'; blocked: boolean }
  | { type: 'blocking'; blocking: boolean }
  | { type: 'hasId'; has: boolean }
  | { type: 'hasDependsOn'; has: boolean }
  | { type: 'roleIs'; negate: boolean; value: string }
  | { type: 'hasRole'; has: boolean }
  | { type: 'state'; negate: boolean; value: TaskState }
  | { type: 'ready' }
  | { type: 'excludeSubItems' };

/** A filter line: a single filter, or a Boolean combination of them. */
export type FilterNode =
  | { kind: 'leaf'; instruction: string; spec: FilterSpec }
  | { kind: 'and' | 'or' | 'xor'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; child: FilterNode };

export interface QueryFilter {
  statement: Statement;
  node: FilterNode;
}

export type SortField =
  | 'status'
  | 'status.type'
  | 'status.name'
  | 'due'
  | 'scheduled'
  | 'start'
  | 'created'
  | 'done'
  | 'cancelled'
  | 'happens'
  | 'priority'
  | 'urgency'
  | 'description'
  | 'path'
  | 'filename'
  | 'heading'
  | 'tag'
  | 'id'
  | 'recurring'
  | 'random'
  | 'role'
  | 'state';

export interface QuerySorter {
  statement: Statement;
  field: SortField;
  reverse: boolean;
  /** `sort by tag 2`: which tag (one-based); 1 otherwise. */
  tagIndex: number;
}

export type GroupField =
  | 'status'
  | 'status.type'
  | 'status.name'
  | 'due'
  | 'scheduled'
  | 'start'
  | 'created'
  | 'done'
  | 'cancelled'
  | 'happens'
  | 'path'
  | 'folder'
  | 'root'
  | 'filename'
  | 'backlink'
  | 'heading'
  | 'tags'
  | 'priority'
  | 'urgency'
  | 'recurring'
  | 'recurrence'
  | 'id'
  | 'role'
  | 'state';

export interface QueryGrouper {
  statement: Statement;
  field: GroupField;
  reverse: boolean;
}

/** Elements a `hide`/`show` instruction can toggle. */
export type LayoutElement =
  | 'id'
  | 'depends on'
  | 'priority'
  | 'recurrence rule'
  | 'on completion'
  | 'created date'
  | 'start date'
  | 'scheduled date'
  | 'due date'
  | 'cancelled date'
  | 'done date'
  | 'tags'
  | 'backlink'
  | 'nested backlink'
  | 'edit button'
  | 'postpone button'
  | 'task count'
  | 'group count'
  | 'toolbar'
  | 'tree'
  | 'urgency';

export interface QueryLayout {
  /** True = hidden. Tasks' defaults: urgency, tree and group count hidden; all else shown. */
  hide: Record<LayoutElement, boolean>;
  shortMode: boolean;
  /** `show tree`: render results as their task hierarchy. */
  tree: boolean;
}

export interface ParseQueryOptions {
  /** The note holding the query block, for `{{query.file.path}}` and friends. */
  queryPath?: string;
  /** Named query snippets for `preset NAME` and `{{preset.NAME}}` (Tasks' Presets setting). */
  presets?: Record<string, string>;
  /** `YYYY-MM-DD`; only used to check at parse time that date expressions make sense. */
  today?: string;
}

export interface ParsedQuery {
  source: string;
  options: ParseQueryOptions;
  statements: Statement[];
  filters: QueryFilter[];
  sorters: QuerySorter[];
  groupers: QueryGrouper[];
  limit: number | null;
  groupLimit: number | null;
  layout: QueryLayout;
  /** The `hide`/`show`/`short mode`/`full mode` statements, in order (for explain). */
  layoutStatements: Statement[];
  explain: boolean;
  ignoreGlobalQuery: boolean;
  /**
   * True when a placeholder could not be expanded because no `queryPath` was given: `runQuery`
   * re-parses the source with its `ctx.queryPath`.
   */
  needsQueryPath: boolean;
  errors: QueryError[];
}

export interface QueryContext {
  /** `YYYY-MM-DD`, the user's local date. */
  today: string;
  /** The note holding the block, for `{{query.file.path}}` placeholders. */
  queryPath?: string;
  /** The Tasks global filter (e.g. `#task`): removed from descriptions before matching, as Tasks does. */
  globalFilter?: string | null;
}

export interface QueryGroup {
  /** One heading per `group by` (display text: Tasks' `%%n%%` ordering prefixes removed); [] without grouping. */
  headings: string[];
  tasks: Task[];
}

export interface QueryResult {
  groups: QueryGroup[];
  /** Distinct tasks shown, after `limit` and `limit groups`. */
  totalTasks: number;
  /** Tasks that matched the filters, before any limit (Tasks shows "N of M tasks"). */
  totalMatching: number;
  layout: QueryLayout;
  /** Tasks' `explain` text when the query says `explain`, else null. */
  explanation: string | null;
  errors: QueryError[];
}
