import ignore, { type Ignore } from 'ignore';

/**
 * Which workspace paths the server leaves out: what the root `.gitignore` ignores, and the
 * user's `scriptorium.excludes` (gitignore syntax too). Dot-folders and node_modules are
 * skipped by the hosts' listing already; they are repeated here so file events agree.
 */
export class Exclusions {
  private readonly rules: Ignore;

  constructor(gitignore: string | null, excludes: readonly string[]) {
    this.rules = ignore({ allowRelativePaths: true });
    if (gitignore) this.rules.add(gitignore);
    for (const pattern of excludes) if (pattern.trim() !== '') this.rules.add(pattern);
  }

  excludes(path: string): boolean {
    if (path.split('/').some((segment) => segment.startsWith('.') || segment === 'node_modules')) return true;
    try {
      return this.rules.ignores(path);
    } catch {
      return false; // a path the matcher cannot read is kept: indexing too much never loses anything
    }
  }
}

/** `scriptorium.excludes` as given by a client: a list of strings, anything else ignored. */
export function excludesFrom(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
