import ignore, { type Ignore } from 'ignore';
import { folderOfGitignore, isGitignorePath, type GitignoreRules } from './gitignoreRules.js';

/**
 * Which workspace paths the server leaves out: what the `.gitignore` files ignore (the root one
 * and nested ones, as git reads them), and the user's `scriptorium.excludes` (gitignore syntax
 * too, relative to the root). Dot-folders and node_modules are skipped by the hosts' listing
 * already; they are repeated here so file events agree.
 */
export class Exclusions {
  private readonly rules: Ignore;

  constructor(
    private readonly gitignores: GitignoreRules,
    excludes: readonly string[],
  ) {
    this.rules = ignore({ allowRelativePaths: true });
    for (const pattern of excludes) if (pattern.trim() !== '') this.rules.add(pattern);
  }

  excludes(path: string): boolean {
    if (isAlwaysSkipped(path)) return true;
    if (this.gitignores.ignores(path)) return true;
    try {
      return this.rules.ignores(path);
    } catch {
      return false; // a path the matcher cannot read is kept: indexing too much never loses anything
    }
  }

  /**
   * Whether an event about `path` changes the rules: it is a `.gitignore` that is in force, or
   * one git would read (not in an ignored, hidden or dependency folder — `npm install` or the
   * store's own `.scriptorium/.gitignore` must not re-index the workspace).
   */
  isRuleChange(path: string): boolean {
    if (!isGitignorePath(path)) return false;
    const folder = folderOfGitignore(path);
    return this.gitignores.folders().includes(folder) || (!isAlwaysSkipped(folder) && !this.gitignores.ignores(folder, true));
  }

  /** Whether a `.gitignore` in force lies at or below `folder`: moving that folder moves rules. */
  hasGitignoreIn(folder: string): boolean {
    return this.gitignores.folders().some((f) => f === folder || f.startsWith(`${folder}/`));
  }
}

/** Hidden files and folders (`.obsidian`, `.git`, `.trash`) and dependencies are never the user's notes. */
export function isAlwaysSkipped(path: string): boolean {
  return path.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules');
}

/** `scriptorium.excludes` as given by a client: a list of strings, anything else ignored. */
export function excludesFrom(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
