import ignore, { type Ignore } from 'ignore';

/**
 * Git's ignore rules over a whole tree: every `.gitignore` applies to the paths below its folder,
 * with patterns relative to that folder; for one path the deepest `.gitignore` with a matching
 * pattern decides, and within a file the last match. A folder is judged before anything in it,
 * and an ignored folder's content is ignored whatever deeper rules say (git never descends into
 * it). Pure — no file system — so that the server (node and browser) and the node CLI's disk walk
 * apply the very same rules.
 */
export class GitignoreRules {
  private readonly files = new Map<string, FolderRules>();
  /** Folder path → ignored, for folders already judged; cleared when rules are added. */
  private readonly folderVerdicts = new Map<string, boolean>();

  /** Adds the `.gitignore` of `folder` ('' for the root). False when its text is not used (binary or too large). */
  add(folder: string, text: string | null): boolean {
    if (text === null || !isUsableGitignore(text)) return false;
    const rules = FolderRules.parse(text);
    if (rules === null) return false;
    this.files.set(folder, rules);
    this.folderVerdicts.clear();
    return true;
  }

  /** Folders whose `.gitignore` is in force. */
  folders(): string[] {
    return [...this.files.keys()];
  }

  /** Whether `path` (root-relative, `/`-separated; `isFolder` for a folder) is ignored. */
  ignores(path: string, isFolder = false): boolean {
    if (this.files.size === 0 || path === '') return false;
    const segments = path.split('/');
    let folder = '';
    for (let i = 0; i < segments.length - 1; i++) {
      folder = i === 0 ? segments[0]! : `${folder}/${segments[i]}`;
      if (this.folderIgnored(folder)) return true;
    }
    return isFolder ? this.folderIgnored(path) : this.decide(path, false);
  }

  private folderIgnored(folder: string): boolean {
    let verdict = this.folderVerdicts.get(folder);
    if (verdict === undefined) {
      const parent = folder.includes('/') ? folder.slice(0, folder.lastIndexOf('/')) : null;
      verdict = (parent !== null && this.folderIgnored(parent)) || this.decide(folder, true);
      this.folderVerdicts.set(folder, verdict);
    }
    return verdict;
  }

  /** The path itself (its folders already judged not ignored): the deepest `.gitignore` with an opinion decides. */
  private decide(path: string, isFolder: boolean): boolean {
    let cut = path.length;
    for (;;) {
      cut = path.lastIndexOf('/', cut - 1);
      const folder = cut < 0 ? '' : path.slice(0, cut);
      const rules = this.files.get(folder);
      if (rules) {
        const relative = cut < 0 ? path : path.slice(cut + 1);
        const verdict = rules.verdict(isFolder ? `${relative}/` : relative);
        if (verdict !== null) return verdict;
      }
      if (cut < 0) return false;
    }
  }
}

/** Git reads `.gitignore` as text; a NUL byte means it is not one, and past this size it is not one a person wrote. */
export const maxGitignoreChars = 1024 * 1024;

function isUsableGitignore(text: string): boolean {
  return text.length <= maxGitignoreChars && !text.includes('\u0000');
}

/** The file name git reads ignore rules from, in every folder. */
export const gitignoreName = '.gitignore';

export function isGitignorePath(path: string): boolean {
  return path === gitignoreName || path.endsWith(`/${gitignoreName}`);
}

/** The folder a `.gitignore` path applies to: '' for the root one. */
export function folderOfGitignore(path: string): string {
  return path === gitignoreName ? '' : path.slice(0, -gitignoreName.length - 1);
}

/**
 * The rules of one `.gitignore`. `ignore` judges a path together with its parents; to ask about
 * the path itself alone (a deeper `.gitignore` may have re-included a parent this file excludes),
 * the same patterns are also kept all negated, where no parent can be excluded: a negated
 * pattern "unignores" exactly the paths its positive form matches.
 */
class FolderRules {
  private perRule: { negative: boolean; matcher: Ignore }[] | null = null;

  private constructor(
    private readonly lines: readonly string[],
    private readonly asWritten: Ignore,
    private readonly anyMatch: Ignore,
  ) {}

  static parse(text: string): FolderRules | null {
    const lines: string[] = [];
    const asWritten = ignore({ allowRelativePaths: true });
    const anyMatch = ignore({ allowRelativePaths: true });
    // Git skips a UTF-8 byte order mark, as editors on Windows write one.
    for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
      if (line.trim() === '' || line.startsWith('#')) continue;
      try {
        // Line by line: a pattern the package could not take costs only itself.
        anyMatch.add(negated(line));
        asWritten.add(line);
        lines.push(line);
      } catch {
        // Kept out: git would read it as a pattern that matches nothing.
      }
    }
    return lines.length === 0 ? null : new FolderRules(lines, asWritten, anyMatch);
  }

  /** True: the last matching pattern excludes `relative`; false: it re-includes it; null: none matches it itself. */
  verdict(relative: string): boolean | null {
    try {
      if (!this.anyMatch.test(relative).unignored) return null;
      if (!this.excludesAParentOf(relative)) return this.asWritten.test(relative).ignored;
      return this.lastMatch(relative);
    } catch {
      return null; // a path the package cannot read: no opinion, so it is kept
    }
  }

  private excludesAParentOf(relative: string): boolean {
    const trimmed = relative.endsWith('/') ? relative.slice(0, -1) : relative;
    const cut = trimmed.lastIndexOf('/');
    return cut >= 0 && this.asWritten.test(trimmed.slice(0, cut + 1)).ignored;
  }

  private lastMatch(relative: string): boolean | null {
    this.perRule ??= this.lines.map((line) => ({ negative: line.startsWith('!'), matcher: ignore({ allowRelativePaths: true }).add(negated(line)) }));
    for (let i = this.perRule.length - 1; i >= 0; i--) {
      const rule = this.perRule[i]!;
      if (rule.matcher.test(relative).unignored) return !rule.negative;
    }
    return null;
  }
}

/** `!pattern` for `pattern`, and `!pattern` stays as it is: the same paths, matched as a re-include. */
function negated(line: string): string {
  return line.startsWith('!') ? line : `!${line}`;
}

/**
 * The rules of the root `.gitignore` and of every nested one among `listed` (a workspace
 * listing), read shallow first so that one inside an ignored folder is never read — git does not
 * read it either. The root one is read even when a host does not list dot-files.
 */
export async function loadGitignoreRules(listed: readonly string[], read: (paths: string[]) => Promise<(string | null)[]>): Promise<GitignoreRules> {
  const rules = new GitignoreRules();
  const byDepth = new Map<number, string[]>([[0, [gitignoreName]]]);
  for (const path of listed) {
    if (path === gitignoreName || !isGitignorePath(path)) continue;
    const depth = path.split('/').length - 1;
    const atDepth = byDepth.get(depth);
    if (atDepth) atDepth.push(path);
    else byDepth.set(depth, [path]);
  }
  for (const depth of [...byDepth.keys()].sort((a, b) => a - b)) {
    const paths = byDepth.get(depth)!.filter((p) => !rules.ignores(folderOfGitignore(p), true));
    const texts = await read(paths);
    paths.forEach((p, i) => rules.add(folderOfGitignore(p), texts[i] ?? null));
  }
  return rules;
}
