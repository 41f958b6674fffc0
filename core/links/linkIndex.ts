import type { Link } from '../markdown/types.js';
import { type LinkSourceFile, linksOfFile } from './fileLinks.js';
import { folderOf, lookupKeyOfTarget, lookupKeysOfFile } from './paths.js';
import { resolveLinkTarget } from './resolveLinkTarget.js';
import { VaultFiles } from './vaultFiles.js';

export interface OutgoingLink {
  link: Link;
  /** The vault path it resolves to, or null when unresolved. */
  target: string | null;
}

/** `{ source: { target: count } }`: the shape of Obsidian's `resolvedLinks` / `unresolvedLinks`. */
export type LinkCounts = Record<string, Record<string, number>>;

/** One file's links and where each leads (`targets[i]` for `links[i]`): arrays, not an object per link. */
interface Source {
  /** Each link's target as written: all that resolving it reads. */
  written: readonly string[];
  /** The links, or the file to take them from when first asked for (see `knownLinkTargets`). */
  links: Link[] | LinkSourceFile;
  targets: (string | null)[];
  /** Made from `targets` when first asked for (a build never needs it), then kept up to date. */
  resolved: Map<string, number> | null;
  /** Made for the first unresolved link: most notes have none. */
  unresolved: Map<string, number> | null;
}

/**
 * Every link of the vault, resolved: per source file its resolved targets and unresolved
 * names with counts, and per file its backlinks.
 *
 * Incremental rule. A changed file costs its own links. Adding or removing a file (a rename is
 * both) can only change links whose last path segment names it — every file a link can
 * resolve to ends with that segment (`[[a/Note]]` → `…/Note.md`; see `lookupKeysOfFile`) — so
 * the index keeps, per lower-cased last segment, the sources holding such links, and re-resolves
 * only those links: `Note.md` appearing re-resolves `[[Note]]` and `[[x/note.md]]`, nothing else.
 */
export class LinkIndex {
  private readonly vault = new VaultFiles();
  private readonly sources = new Map<string, Source>();
  private readonly incoming = new Map<string, Map<string, number>>();
  /** Per target, its links from everywhere (the sum of `incoming`'s counts): popularity at a look-up. */
  private readonly incomingTotals = new Map<string, number>();
  /**
   * Lower-cased last segment of link targets → the sources holding such links. Made on the first
   * file added or removed after a build (a cold start never needs it), then kept up to date.
   */
  private keyed: Map<string, Set<string>> | null = null;

  /** Every file first (so that every target exists), then every source's links. */
  static build(files: Iterable<LinkSourceFile>): LinkIndex {
    const steps = LinkIndex.buildSteps([...files]);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * build() a step at a time for a caller that yields between steps (a few hundred files' paths,
   * then one file's links, a step). The files are the ones given: what changes meanwhile is the
   * caller's to apply with setFile / removeFile once it has the index.
   */
  static *buildSteps(files: readonly LinkSourceFile[]): Generator<void, LinkIndex, void> {
    const index = new LinkIndex();
    for (let i = 0; i < files.length; i++) {
      index.vault.add(files[i]!.path);
      if (i % 512 === 511) yield;
    }
    // While the file set stands still a target resolves the same from every note of one folder:
    // a real vault links the same few hubs from everywhere, so most links are a look-up here.
    const memo: ResolutionMemo = new Map();
    for (const file of files) {
      index.attachFile(file, memo);
      yield;
    }
    return index;
  }

  /** Adds or replaces a file: a note or canvas brings its links, any other file is a target only. */
  setFile(file: LinkSourceFile): void {
    this.detach(file.path);
    const added = this.vault.add(file.path);
    this.attachFile(file);
    if (added) this.reresolve(file.path);
  }

  removeFile(path: string): void {
    this.detach(path);
    if (this.vault.remove(path)) this.reresolve(path);
  }

  hasFile(path: string): boolean {
    return this.vault.has(path);
  }

  /** Where a link target written in `fromPath` leads, by the same rules and file list as the index. */
  resolve(target: string, fromPath: string): string | null {
    return resolveLinkTarget(target, fromPath, this.vault);
  }

  /** The files that hold links (notes and canvases), in code-unit order. */
  sourcePaths(): string[] {
    return [...this.sources.keys()].sort(compare);
  }

  /** The file's links in document order, each with where it leads (made on each call). */
  outgoing(path: string): readonly OutgoingLink[] {
    const source = this.sources.get(path);
    if (!source) return [];
    const links = this.linksOf(path, source);
    const attached = this.sources.get(path);
    if (!attached) return [];
    // Making the links replaced the file (its bytes were not the stored ones): answer for the new one.
    if (attached !== source && attached.links !== links) return this.outgoing(path);
    return links.map((link, i) => ({ link, target: attached.targets[i]! }));
  }

  resolvedOf(path: string): ReadonlyMap<string, number> {
    const source = this.sources.get(path);
    return source ? resolvedOfSource(source) : empty;
  }

  unresolvedOf(path: string): ReadonlyMap<string, number> {
    return this.sources.get(path)?.unresolved ?? empty;
  }

  /** The sources linking to `path`, with how many links each. */
  backlinks(path: string): ReadonlyMap<string, number> {
    return this.incoming.get(path) ?? empty;
  }

  /** How many links lead to `path` from all sources together. */
  backlinkCount(path: string): number {
    return this.incomingTotals.get(path) ?? 0;
  }

  resolvedLinks(): LinkCounts {
    return this.counts(resolvedOfSource);
  }

  unresolvedLinks(): LinkCounts {
    return this.counts((s) => s.unresolved);
  }

  private counts(pick: (s: Source) => Map<string, number> | null): LinkCounts {
    const out: LinkCounts = {};
    for (const path of this.sourcePaths()) out[path] = Object.fromEntries(pick(this.sources.get(path)!) ?? []);
    return out;
  }

  /** Attaches a file's links; a file that knows its link targets (a restored note) is resolved without making its links. */
  private attachFile(file: LinkSourceFile, memo: ResolutionMemo | null = null): void {
    if (file.knownLinkTargets !== undefined) {
      this.attach(file.path, file.knownLinkTargets, file, memo);
      return;
    }
    const links = linksOfFile(file);
    if (links) this.attach(file.path, links.map(targetOf), links, memo);
  }

  private attach(path: string, written: readonly string[], links: Link[] | LinkSourceFile, memo: ResolutionMemo | null = null): void {
    const source: Source = { written, links, targets: new Array<string | null>(written.length), resolved: null, unresolved: null };
    this.sources.set(path, source);
    const folder = memo ? folderOf(path) : '';
    for (let i = 0; i < written.length; i++) {
      const name = written[i]!;
      const target = memo ? this.resolveMemoized(name, path, folder, memo) : resolveLinkTarget(name, path, this.vault);
      source.targets[i] = target;
      this.count(path, source, name, target, 1);
      if (this.keyed && name !== '') add(this.keyed, lookupKeyOfTarget(name), path);
    }
  }

  /**
   * The source's links, made from its file on first need. Links whose targets are not the ones
   * it was attached with (a stored summary that disagrees with its note) are attached again.
   */
  private linksOf(path: string, source: Source): Link[] {
    if (Array.isArray(source.links)) return source.links;
    const links = linksOfFile(source.links) ?? [];
    if (this.sources.get(path) !== source) return links;
    if (links.length === source.written.length && links.every((l, i) => l.target === source.written[i])) source.links = links;
    else {
      this.detach(path);
      this.attach(path, links.map(targetOf), links);
    }
    return links;
  }

  /** resolveLinkTarget depends on the note only through its folder (an empty target aside). */
  private resolveMemoized(target: string, path: string, folder: string, memo: ResolutionMemo): string | null {
    if (target === '') return path;
    let known = memo.get(target);
    if (!known) {
      // A bare name that only one file can answer resolves to it from every folder (see resolveLinkTarget).
      const anyFolder = !target.includes('/') && target !== '.' && target !== '..' && this.vault.named(lookupKeyOfTarget(target)).length <= 1;
      memo.set(target, (known = anyFolder ? resolveLinkTarget(target, path, this.vault) : new Map()));
    }
    if (!(known instanceof Map)) return known;
    let found = known.get(folder);
    if (found === undefined) known.set(folder, (found = resolveLinkTarget(target, path, this.vault)));
    return found;
  }

  /** The sources holding links by lower-cased last segment of their targets (see `keyed`). */
  private sourcesByKey(): Map<string, Set<string>> {
    if (this.keyed) return this.keyed;
    const keyed = new Map<string, Set<string>>();
    for (const [path, source] of this.sources) for (const name of source.written) if (name !== '') add(keyed, lookupKeyOfTarget(name), path);
    return (this.keyed = keyed);
  }

  private detach(path: string): void {
    const source = this.sources.get(path);
    if (!source) return;
    source.written.forEach((name, i) => {
      this.count(path, source, name, source.targets[i]!, -1);
      if (this.keyed && name !== '') remove(this.keyed, lookupKeyOfTarget(name), path);
    });
    this.sources.delete(path);
  }

  /** A file appeared or disappeared: re-resolve the links that could name it. */
  private reresolve(file: string): void {
    const keyed = this.sourcesByKey();
    // A hub note appearing can re-resolve thousands of links, mostly the same few targets.
    const memo: ResolutionMemo = new Map();
    for (const key of lookupKeysOfFile(file)) {
      for (const path of [...(keyed.get(key) ?? [])]) {
        const source = this.sources.get(path)!;
        const folder = folderOf(path);
        source.written.forEach((name, i) => {
          if (name === '' || lookupKeyOfTarget(name) !== key) return;
          const target = this.resolveMemoized(name, path, folder, memo);
          if (target === source.targets[i]) return;
          this.count(path, source, name, source.targets[i]!, -1);
          source.targets[i] = target;
          this.count(path, source, name, target, 1);
        });
      }
    }
  }

  /** Counts one link (`written` is its target as written) leading to `target` in or out. */
  private count(path: string, source: Source, written: string, target: string | null, delta: 1 | -1): void {
    if (target === null) {
      bump((source.unresolved ??= new Map()), written, delta);
      return;
    }
    if (source.resolved) bump(source.resolved, target, delta);
    bump(this.incomingTotals, target, delta);
    let from = this.incoming.get(target);
    if (!from) this.incoming.set(target, (from = new Map()));
    bump(from, path, delta);
    if (from.size === 0) this.incoming.delete(target);
  }
}

const empty: ReadonlyMap<string, number> = new Map();

const targetOf = (link: Link): string => link.target;

/** A source's resolved targets with counts, made from its targets on first use. */
function resolvedOfSource(source: Source): Map<string, number> {
  if (source.resolved) return source.resolved;
  const resolved = new Map<string, number>();
  for (const target of source.targets) if (target !== null) resolved.set(target, (resolved.get(target) ?? 0) + 1);
  return (source.resolved = resolved);
}

/** Link target → where it resolves from any folder, or by note folder; for one build. */
type ResolutionMemo = Map<string, string | null | Map<string, string | null>>;

function bump(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next > 0) map.set(key, next);
  else map.delete(key);
}

function add(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function remove(map: Map<string, Set<string>>, key: string, value: string): void {
  const set = map.get(key);
  if (set?.delete(value) && set.size === 0) map.delete(key);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
