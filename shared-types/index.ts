// Types shared by the core, the language server and the hosts. No behaviour lives here.

/** Zero-based line, zero-based UTF-16 column: the LSP convention. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A replacement of `range` by `newText` in one document, computed against `version`. */
export interface TextEdit {
  range: Range;
  newText: string;
}

export interface VersionedFileEdit {
  path: string;
  /** The document version (or content hash) the edits were computed against. */
  version: string | number;
  edits: TextEdit[];
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export type DiagnosticCode =
  | 'dependency-cycle'
  | 'duplicate-id'
  | 'unknown-dependency'
  | 'unknown-parent'
  | 'invalid-date'
  | 'invalid-recurrence'
  | 'invalid-field'
  | 'duplicate-field'
  | 'invalid-frontmatter'
  | 'binary-file'
  | 'invalid-utf8'
  | 'file-too-large'
  | 'query-error'
  | 'unresolved-link'
  | 'unresolved-relation'
  | 'unknown-relation'
  | 'invalid-role'
  | 'unknown-role';

export interface Diagnostic {
  /** Vault-relative path with `/` separators. */
  path: string;
  range: Range;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
}

export type StatusType = 'TODO' | 'IN_PROGRESS' | 'ON_HOLD' | 'DONE' | 'CANCELLED' | 'NON_TASK';

/** Our lifecycle, mapped from status types (and role assignment / open dependencies). */
export type TaskState = 'Pending' | 'Active' | 'InProgress' | 'Blocked' | 'Completed' | 'Failed' | 'Cancelled';

export type Priority = 'highest' | 'high' | 'medium' | 'normal' | 'low' | 'lowest';

export type DateField = 'due' | 'scheduled' | 'start' | 'created' | 'done' | 'cancelled';

/** One task as the CLI's `tasks --json` prints it, and as the protocol carries it. */
export interface TaskJson {
  path: string;
  /** One-based line number. */
  line: number;
  status: { symbol: string; type: StatusType; name: string };
  state: TaskState;
  description: string;
  due: string | null;
  scheduled: string | null;
  start: string | null;
  created: string | null;
  done: string | null;
  cancelled: string | null;
  /** Names of fields whose value is present but invalid, e.g. `["due"]` for `📅 2025-02-30`. */
  invalid: string[];
  priority: Priority;
  recurrence: string | null;
  onCompletion: string | null;
  id: string | null;
  dependsOn: string[];
  tags: string[];
  role: string | null;
  /** `path:line` (one-based) of the parent task, or null. */
  parent: string | null;
  blocked: boolean;
  blocking: boolean;
  /** Can be picked up now: open (Pending, Active or In progress) and waiting on nothing. One definition for every host. */
  ready: boolean;
  /** Where the task came from: a markdown checkbox or a code comment such as `// TODO`. */
  source: 'markdown' | 'code';
  /** Code tasks: the keyword (`TODO`, `FIXME`, …) and the owner of `TODO(owner): …`; null for markdown. */
  keyword: string | null;
  owner: string | null;
  /** Rolled up from subtasks: done / total over the whole subtree, or null without subtasks. */
  progress: { done: number; total: number } | null;
}

export * from './protocol.js';
