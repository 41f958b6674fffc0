import { describe, expect, it } from 'vitest';
import { operationCatalogue, operationNames } from '../../../core/roles/operations.js';
import { findRole, resolveRoles } from '../../../core/roles/resolveRoles.js';
import { RoleSession } from '../../../core/roles/roleSession.js';
import { capabilities } from '../../../core/roles/capabilities.js';

const roles = resolveRoles([
  { path: 'Roles/coder.yaml', text: 'restrictions:\n  max_file_changes: 5\n' },
  { path: 'Roles/scribe.yaml', text: 'name: scribe\nextends: writer\nrestrictions: [no_new_files, {max_new_tasks: 1}]\n' },
]);
const session = (name: string) => new RoleSession(findRole(roles, name)!);

describe('the operation catalogue', () => {
  it('names only known capabilities', () => {
    for (const name of operationNames) for (const needed of operationCatalogue[name].needs) expect(capabilities).toContain(needed);
  });
});

describe('RoleSession', () => {
  it('refuses an operation whose capability the role lacks, naming it', () => {
    const reviewer = session('reviewer');
    expect(reviewer.authorize('read_note')).toEqual({ ok: true });
    const verdict = reviewer.authorize('write_note', { writes: ['Notes/a.md'] });
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.reason).toMatch(/write_note needs the capability 'file_write', which the role 'reviewer' does not have/);
    expect(session('coder').authorize('write_note', { writes: ['Notes/a.md'] })).toEqual({ ok: true });
  });

  it('counts distinct files against max_file_changes: the sixth file of five is refused, rewriting one is not', () => {
    const coder = session('coder');
    for (let i = 1; i <= 5; i++) {
      const effects = { writes: [`n${i}.md`] };
      expect(coder.authorize('write_note', effects)).toEqual({ ok: true });
      coder.commit(effects);
    }
    expect(coder.authorize('write_note', { writes: ['n3.md'] })).toEqual({ ok: true });
    const sixth = coder.authorize('write_note', { writes: ['n6.md'] });
    expect(!sixth.ok && sixth.reason).toMatch(/at most 5 file\(s\) in a session \(max_file_changes, set by 'coder'\).*n1\.md, n2\.md, n3\.md, n4\.md, n5\.md.*n6\.md/);
    expect(coder.filesWritten).toHaveLength(5);
  });

  it('a refused operation costs nothing', () => {
    const coder = session('coder');
    expect(coder.authorize('write_note', { writes: ['1', '2', '3', '4', '5', '6'] }).ok).toBe(false);
    expect(coder.filesWritten).toEqual([]);
  });

  it('enforces flags and task limits', () => {
    const coder = session('coder');
    const db = coder.authorize('write_note', { writes: ['data/app.sqlite'] });
    expect(!db.ok && db.reason).toMatch(/no_database_modifications \(set by 'orchestrator'\)/);
    const scribe = session('scribe');
    const fresh = scribe.authorize('write_note', { writes: ['new.md'], creates: ['new.md'] });
    expect(!fresh.ok && fresh.reason).toMatch(/no_new_files/);
    expect(scribe.authorize('create_subtask', { writes: ['a.md'], newTasks: 1 })).toEqual({ ok: true });
    scribe.commit({ writes: ['a.md'], newTasks: 1 });
    const second = scribe.authorize('create_subtask', { writes: ['a.md'], newTasks: 1 });
    expect(!second.ok && second.reason).toMatch(/at most 1 task/);
  });
});
