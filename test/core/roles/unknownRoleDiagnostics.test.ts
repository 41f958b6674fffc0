import { describe, expect, it } from 'vitest';
import { resolveRoles } from '../../../core/roles/resolveRoles.js';
import { isRoleFilePath, workspaceRoles } from '../../../core/roles/roleFiles.js';
import { unknownRoleDiagnostics } from '../../../core/roles/unknownRoleDiagnostics.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

describe('tasks and roles', () => {
  it('warns about a task assigned to a role nobody defines, at the field', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('Plan.md', '- [ ] Build it [role:: coder]\n- [ ] Sing it [role:: bard]\n- [ ] No one\n');
    const diagnostics = unknownRoleDiagnostics(workspace.taskIndex().tasks, resolveRoles([]));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ path: 'Plan.md', severity: 'warning', code: 'unknown-role', range: { start: { line: 1, character: 14 }, end: { line: 1, character: 27 } } });
    expect(diagnostics[0]!.message).toMatch(/No role 'bard'/);
  });

  it('reads role files from the role folder of a Workspace', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('Team/Roles/bard.md', '---\nextends: writer\n---\nSings the release notes.\n');
    workspace.setText('Roles/ignored.md', '---\nname: ignored\n---\n');
    workspace.setText('Plan.md', '- [ ] Sing it [role:: bard]\n');
    const roles = workspaceRoles(workspace, [], 'Team/Roles/');
    expect(roles.roles.get('bard')?.description).toBe('Sings the release notes.');
    expect(roles.roles.has('ignored')).toBe(false);
    expect(unknownRoleDiagnostics(workspace.taskIndex().tasks, roles)).toEqual([]);
  });

  it('knows which paths are role files', () => {
    expect(isRoleFilePath('Roles/coder.yaml')).toBe(true);
    expect(isRoleFilePath('roles/sub/coder.md')).toBe(true);
    expect(isRoleFilePath('.scriptorium/roles/coder.yml')).toBe(true);
    expect(isRoleFilePath('.scriptorium/roles/coder.md')).toBe(false);
    expect(isRoleFilePath('Rolesx/coder.md')).toBe(false);
    expect(isRoleFilePath('Roles/picture.png')).toBe(false);
  });
});
