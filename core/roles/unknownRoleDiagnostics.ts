import type { Diagnostic } from '../../shared-types/index.js';
import type { Task } from '../tasks/types.js';
import { findRole } from './resolveRoles.js';
import type { RoleSet } from './types.js';

/** A warning for each task assigned (`[role:: …]`) to a role the workspace does not define. */
export function unknownRoleDiagnostics(tasks: readonly Task[], roles: RoleSet): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const known = [...roles.roles.values()].map((r) => r.name).join(', ');
  for (const task of tasks) {
    if (!task.role || findRole(roles, task.role)) continue;
    const field = task.fields.find((f) => f.key === 'role');
    const start = field?.start ?? task.bodyStart;
    const end = field?.end ?? task.lineText.length;
    diagnostics.push({
      path: task.path,
      range: { start: { line: task.line, character: start }, end: { line: task.line, character: end } },
      severity: 'warning',
      code: 'unknown-role',
      message: `No role '${task.role}': an agent can never claim this task. Roles: ${known}.`,
    });
  }
  return diagnostics;
}
