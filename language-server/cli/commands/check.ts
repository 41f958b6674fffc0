import type { Diagnostic } from '../../../shared-types/index.js';
import { unknownRoleDiagnostics } from '../../../core/roles/unknownRoleDiagnostics.js';
import { loadRoles } from '../../node/loadRoles.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';

/** `path:line:column severity code message`, one-based like every compiler's output. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${d.severity}  ${d.code}  ${d.message}`;
}

export function diagnosticJson(d: Diagnostic) {
  return {
    path: d.path,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
  };
}

export async function checkCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, { json: { type: 'boolean' }, 'global-filter': { type: 'boolean' }, store: { type: 'string' } });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('check: expected one directory, e.g. scriptorium check ./vault');
  const workspace = await loadWorkspace(dir, { useGlobalFilter: values['global-filter'] === true, store: values.store ?? 'auto' });
  const roles = await loadRoles(dir, workspace);
  // Role-file problems and tasks assigned to no known role join the workspace's own, in the same order.
  const diagnostics = [...workspace.diagnostics(), ...roles.diagnostics, ...unknownRoleDiagnostics(workspace.taskIndex().tasks, roles)].sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character),
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(diagnostics.map(diagnosticJson), null, 2)}\n`);
  } else if (diagnostics.length === 0) {
    process.stdout.write('No problems found.\n');
  } else {
    for (const d of diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    process.stdout.write(`\n${diagnostics.length} problem(s), ${errors} error(s).\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}
