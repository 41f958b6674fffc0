import type {
  DateField,
  Diagnostic,
  Priority,
  StatusType,
  TaskState,
  VersionedFileEdit,
} from '../../shared-types/index.js';

/** One row of the configurable status table (the Tasks plugin's custom statuses). */
export interface StatusDefinition {
  symbol: string;
  name: string;
  type: StatusType;
  /** The symbol a toggle moves to. */
  next: string;
  /** Overrides the lifecycle state the type maps to (e.g. a `Failed` status of type TODO). */
  state?: TaskState;
}

export interface TaskSettings {
  statuses: StatusDefinition[];
  /** A tag such as `#task` that a checkbox must carry to count as a task; null = every checkbox. */
  globalFilter: string | null;
  /** Treat `[X]` as done, the way Obsidian renders it (Tasks does not, by default). */
  upperXIsDone: boolean;
  /** Tasks' setting: put a recurring task's next occurrence below the completed line (default: above). */
  recurrenceOnNextLine?: boolean;
  /** Tasks' setting: the next occurrence of a recurring task drops its scheduled date. */
  removeScheduledDateOnRecurrence?: boolean;
  /** Tasks' setting: new tasks (and next occurrences) get `➕ today`. */
  setCreatedDate?: boolean;
}

export type FieldKey =
  | DateField
  | 'priority'
  | 'recurrence'
  | 'onCompletion'
  | 'id'
  | 'dependsOn'
  | 'role'
  | 'parent';

/** One field as written in a task's body, with its place, so an edit can touch only its bytes. */
export interface FieldOccurrence {
  key: FieldKey;
  format: 'emoji' | 'dataview';
  /** UTF-16 columns in the line: the whole field (emoji + value, or `[key:: value]`). */
  start: number;
  end: number;
  /** The value as written (trimmed), and its columns. */
  value: string;
  valueStart: number;
  valueEnd: number;
}

export interface Task {
  /** Vault-relative, `/`-separated. */
  path: string;
  /** Zero-based line. */
  line: number;
  source: 'markdown' | 'code';
  /** The whole line as written. */
  lineText: string;
  /** Whitespace and `>`s before the marker (markdown), or everything before the keyword (code). */
  prefix: string;
  /** `-`, `*`, `+`, `1.`, `1)`, or for code tasks the keyword (`TODO`, `FIXME`, …). */
  marker: string;
  /** The checkbox character; code tasks use ' ' unless their status was written otherwise. */
  symbol: string;
  status: StatusDefinition;
  /** UTF-16 column where the body (after `- [ ] `) starts. */
  bodyStart: number;
  /** Body text with every recognised field, tag-free of nothing: fields removed, spaces collapsed, trimmed. */
  description: string;
  /** Dates exactly as written (or null); invalid ones are also listed in `invalid`. */
  dates: Record<DateField, string | null>;
  /** Names of fields present with an invalid value: `due`, `recurrence`, `priority`, … */
  invalid: string[];
  priority: Priority;
  recurrence: string | null;
  onCompletion: string | null;
  id: string | null;
  dependsOn: string[];
  /** Without `#`, in order of appearance. */
  tags: string[];
  role: string | null;
  /** `[parent:: id]`: a parent named by id elsewhere. */
  parentId: string | null;
  /** `^block` at the very end of the line, without `^`. */
  blockId: string | null;
  fields: FieldOccurrence[];
  /** Nearest heading above the task, or null. */
  heading: string | null;
  /** Zero-based line of the nearest ancestor list item that is a task (indentation), or null. */
  indentParentLine: number | null;
  /** Code tasks only: `alice` in `TODO(alice): …`. */
  owner?: string | null;
}

/** What a task's body says: the same for a checkbox line and a TODO comment. */
export type TaskBodyFields = Pick<
  Task,
  'description' | 'dates' | 'invalid' | 'priority' | 'recurrence' | 'onCompletion' | 'id' | 'dependsOn' | 'tags' | 'role' | 'parentId' | 'blockId' | 'fields'
>;

/** Where a task sits and what kind of line holds it: everything but its body's fields. */
export type TaskPlace = Omit<Task, keyof TaskBodyFields>;

/**
 * The workspace-wide view of all tasks: identity, hierarchy, dependencies, lifecycle.
 * Built by `buildTaskIndex` in core/tasks/taskIndex.ts; queries and the CLI read it.
 */
export interface TaskIndex {
  readonly tasks: readonly Task[];
  /** `path:line` with a one-based line, the way the CLI names tasks. */
  keyOf(task: Task): string;
  get(key: string): Task | undefined;
  /** Tasks carrying this id (more than one is a duplicate-id diagnostic). */
  byId(id: string): readonly Task[];
  parentOf(task: Task): Task | null;
  childrenOf(task: Task): readonly Task[];
  /** Direct dependencies that resolve to a task. */
  dependenciesOf(task: Task): readonly Task[];
  /** Tasks that depend on this one directly. */
  dependentsOf(task: Task): readonly Task[];
  /** Not done, and some dependency (direct or transitive) is not done. */
  isBlocked(task: Task): boolean;
  /** Not done, and some not-done task depends on it. */
  isBlocking(task: Task): boolean;
  /** The not-done tasks that block this one, nearest first, transitively. */
  blockersOf(task: Task): readonly Task[];
  state(task: Task): TaskState;
  /** Done / total over the subtree, or null for a task without subtasks. */
  progress(task: Task): { done: number; total: number } | null;
  /** Not done and every dependency done. */
  ready(): readonly Task[];
  /** The longest chain of not-done tasks linked by dependencies, first to do first. */
  criticalPath(): readonly Task[];
  readonly diagnostics: readonly Diagnostic[];
}

/** What an edit returns: versioned minimal edits, or a refusal that says why. */
export type EditResult = { ok: true; edits: VersionedFileEdit[] } | { ok: false; reason: string };

/** What edits need from outside: the day, and how to mint a fresh id. */
export interface EditContext {
  /** `YYYY-MM-DD`, the user's local date. */
  today: string;
  settings: TaskSettings;
  /** A new id that no task in the vault uses yet (Tasks: 6 random `[0-9a-z]`). */
  newId(): string;
}
