import type { LinkIndex } from '../../../core/links/linkIndex.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';

/** `links <dir> [--json]`: every link of a vault, resolved by Obsidian's rules. */
export async function linksCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('links', args, { json: { type: 'boolean' }, store: { type: 'string' } });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('links: expected one directory, e.g. scriptorium links ./vault');
  const index = (await loadWorkspace(dir, { store: values.store ?? 'auto' })).linkIndex();
  if (values.json) {
    // The shape of Obsidian's metadataCache.resolvedLinks / unresolvedLinks: every note is a key.
    process.stdout.write(`${JSON.stringify({ resolved: index.resolvedLinks(), unresolved: index.unresolvedLinks() }, null, 2)}\n`);
  } else {
    process.stdout.write(summary(index));
  }
  return 0;
}

function summary(index: LinkIndex): string {
  const sources = index.sourcePaths();
  let resolved = 0;
  let unresolved = 0;
  const incoming = new Map<string, number>();
  const broken: string[] = [];
  for (const path of sources) {
    for (const [target, n] of index.resolvedOf(path)) {
      resolved += n;
      if (target !== path) incoming.set(target, (incoming.get(target) ?? 0) + n);
    }
    for (const [name, n] of index.unresolvedOf(path)) {
      unresolved += n;
      broken.push(`  ${path} → ${name}${n > 1 ? ` (${n}×)` : ''}`);
    }
  }
  const out = [
    `${sources.length} notes, ${resolved + unresolved} links: ${resolved} resolved, ${unresolved} unresolved.`,
  ];
  const top = [...incoming].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
  if (top.length > 0) out.push('', 'Most linked:', ...top.map(([path, n]) => `  ${n}  ${path}`));
  if (broken.length > 0) out.push('', 'Unresolved:', ...broken);
  return `${out.join('\n')}\n`;
}
