import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

/** A workspace from `{ path: text }`; non-note files (images, PDFs) are given as ''. */
export function workspaceOf(files: Record<string, string>): Workspace {
  const workspace = new Workspace(defaultTaskSettings());
  for (const [path, text] of Object.entries(files)) workspace.setText(path, text);
  return workspace;
}

/** Where each link of `from` resolves: `{ raw: target | null }` in document order. */
export function targetsOf(workspace: Workspace, from: string): Array<[string, string | null]> {
  return workspace
    .linkIndex()
    .outgoing(from)
    .map((o) => [o.link.raw, o.target]);
}

/** The one target of the only link in `from`. */
export function resolve(files: Record<string, string>, from: string): string | null {
  const targets = targetsOf(workspaceOf(files), from);
  if (targets.length !== 1) throw new Error(`expected one link in ${from}, got ${targets.length}`);
  return targets[0]![1];
}
