/**
 * Restrictions narrow what a role's capabilities allow. A `limit` is a non-negative integer
 * (a child may lower it, never raise it); a `flag` is a boolean that, once an ancestor sets it,
 * stays on for every descendant.
 */
export const restrictionKinds = {
  /** Distinct files the session may write (task edits and write_note alike). */
  max_file_changes: 'limit',
  /** Tasks and subtasks the session may create. */
  max_new_tasks: 'limit',
  /** No writes to database files (`.sqlite`, `.db`, …). */
  no_database_modifications: 'flag',
  /** write_note may change existing files only, never create one. */
  no_new_files: 'flag',
} as const;

export type RestrictionName = keyof typeof restrictionKinds;

export const restrictionNames = Object.keys(restrictionKinds) as RestrictionName[];

export function isRestriction(name: string): name is RestrictionName {
  return Object.prototype.hasOwnProperty.call(restrictionKinds, name);
}

/** Files whose change is a database modification. */
export function isDatabaseFile(path: string): boolean {
  return /\.(sqlite3?|db3?|duckdb|mdb|accdb|realm)$/i.test(path);
}
