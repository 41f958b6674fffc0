import { describe, expect, it } from 'vitest';
import { defaultRoleDefinitions } from '../../../core/roles/defaultRoles.js';
import { findRole, resolveRoles } from '../../../core/roles/resolveRoles.js';
import type { RoleFile } from '../../../core/roles/types.js';

const capabilityNames = (set: ReturnType<typeof resolveRoles>, name: string) => findRole(set, name)!.capabilities.map((c) => c.name);
const located = (set: ReturnType<typeof resolveRoles>) => set.diagnostics.map((d) => `${d.path}:${d.range.start.line + 1} ${d.severity} ${d.code}`);

describe('the built-in role tree', () => {
  const set = resolveRoles([]);

  it('has the spec’s tree, with no diagnostics', () => {
    expect(set.diagnostics).toEqual([]);
    const parentOf = Object.fromEntries([...set.roles.values()].map((r) => [r.name, r.extends]));
    expect(parentOf).toEqual({
      orchestrator: null,
      researcher: 'orchestrator',
      code_researcher: 'researcher',
      market_researcher: 'researcher',
      implementer: 'orchestrator',
      coder: 'implementer',
      designer: 'implementer',
      writer: 'implementer',
      validator: 'orchestrator',
      tester: 'validator',
      reviewer: 'validator',
      security_auditor: 'validator',
      coordinator: 'orchestrator',
      project_manager: 'coordinator',
      release_manager: 'coordinator',
    });
  });

  it('inherits capabilities down the tree and says where each came from', () => {
    const coder = findRole(set, 'coder')!;
    expect(coder.chain).toEqual(['coder', 'implementer', 'orchestrator']);
    expect(coder.capabilities).toEqual([
      { name: 'file_read', from: 'orchestrator' },
      { name: 'task_read', from: 'orchestrator' },
      { name: 'task_update', from: 'orchestrator' },
      { name: 'spawn_tasks', from: 'orchestrator' },
      { name: 'file_write', from: 'implementer' },
      { name: 'code_execution', from: 'coder' },
    ]);
    expect(capabilityNames(set, 'reviewer')).not.toContain('file_write');
    expect(capabilityNames(set, 'release_manager')).toEqual(expect.arrayContaining(['deploy', 'git_operations', 'task_update']));
  });

  it('merges restrictions, the tighter value winning', () => {
    const coder = findRole(set, 'coder')!;
    expect(coder.restrictions.max_file_changes).toEqual({ value: 10, from: 'coder' });
    expect(coder.restrictions.no_database_modifications).toEqual({ value: true, from: 'orchestrator' });
    expect(findRole(set, 'implementer')!.restrictions.max_file_changes).toEqual({ value: 20, from: 'implementer' });
  });

  it('finds roles case-insensitively and with a leading @', () => {
    expect(findRole(set, '@Coder')?.name).toBe('coder');
    expect(findRole(set, 'nobody')).toBeUndefined();
  });
});

describe('workspace role files', () => {
  it('override a built-in field by field and extend the tree', () => {
    const files: RoleFile[] = [
      { path: 'Roles/coder.yaml', text: 'restrictions:\n  max_file_changes: 5\ncontext_requirements: [Specs/API.md]\n' },
      {
        path: 'Roles/Translator.md',
        text: '---\nextends: writer\ncapabilities:\n  - web_access\npreferred_llm: claude\n---\nTranslates copy into German and French.\n',
      },
    ];
    const set = resolveRoles(files);
    expect(set.diagnostics).toEqual([]);
    const coder = findRole(set, 'coder')!;
    expect(coder.restrictions.max_file_changes).toEqual({ value: 5, from: 'coder' });
    expect(coder.description).toMatch(/Writes and changes code/);
    expect(coder.contextRequirements).toEqual(['Specs/API.md']);
    expect(coder.origins).toEqual([{ kind: 'builtin' }, { kind: 'file', path: 'Roles/coder.yaml', line: 0 }]);
    const translator = findRole(set, 'translator')!;
    expect(translator).toMatchObject({ name: 'Translator', extends: 'writer', description: 'Translates copy into German and French.', preferredLlm: 'claude' });
    expect(translator.capabilities.map((c) => c.name)).toEqual(['file_read', 'task_read', 'task_update', 'spawn_tasks', 'file_write', 'web_access']);
    expect(translator.restrictions.max_file_changes).toEqual({ value: 10, from: 'writer' });
    expect([...set.roles.keys()].at(-1)).toBe('translator');
  });

  it('never lets a child loosen a restriction: the ancestor’s value stays, with a warning at the line', () => {
    const set = resolveRoles([
      { path: 'Roles/loose.yaml', text: 'name: loose\nextends: coder\nrestrictions:\n  max_file_changes: 50\n  no_database_modifications: false\n  max_new_tasks: 2\n' },
    ]);
    const loose = findRole(set, 'loose')!;
    expect(loose.restrictions.max_file_changes).toEqual({ value: 10, from: 'coder' });
    expect(loose.restrictions.no_database_modifications).toEqual({ value: true, from: 'orchestrator' });
    expect(loose.restrictions.max_new_tasks).toEqual({ value: 2, from: 'loose' });
    expect(located(set)).toEqual(['Roles/loose.yaml:4 warning invalid-role', 'Roles/loose.yaml:5 warning invalid-role']);
    expect(set.diagnostics[0]!.message).toMatch(/cannot loosen max_file_changes to 50: its ancestor 'coder' sets 10/);
  });

  it('reports cycles and unknown parents, and resolves those roles without a parent', () => {
    const set = resolveRoles([
      { path: 'Roles/a.yaml', text: 'name: a\nextends: b\ncapabilities: [file_read]\n' },
      { path: 'Roles/b.yaml', text: 'name: b\nextends: a\n' },
      { path: 'Roles/c.yaml', text: 'name: c\nextends: a\n' },
      { path: 'Roles/d.yaml', text: '# an orphan\nname: d\nextends: nobody\ncapabilities: [task_read]\n' },
    ]);
    expect(located(set)).toEqual(['Roles/a.yaml:2 error invalid-role', 'Roles/b.yaml:2 error invalid-role', 'Roles/d.yaml:3 error invalid-role']);
    expect(set.diagnostics[0]!.message).toMatch(/Role cycle: a → b → a/);
    expect(set.diagnostics[2]!.message).toMatch(/extends 'nobody', which is no role/);
    expect(findRole(set, 'a')!.extends).toBeNull();
    expect(capabilityNames(set, 'c')).toEqual(['file_read']);
    expect(capabilityNames(set, 'd')).toEqual(['task_read']);
  });

  it('keeps every good file when one is malformed, and the built-in when its override is broken', () => {
    const set = resolveRoles([
      { path: '.scriptorium/roles/coder.yaml', text: 'name: coder\ncapabilities: [file_read\n' },
      { path: 'Roles/helper.yaml', text: 'name: helper\ncapabilities: [file_read, teleport]\nrestrictions: [no_new_files, {max_file_changes: 3}, max_file_change]\nflavour: sweet\n' },
    ]);
    const problems = located(set);
    expect(problems[0]).toMatch(/^\.scriptorium\/roles\/coder\.yaml:\d+ error invalid-role$/);
    expect(problems.slice(1)).toEqual(['Roles/helper.yaml:2 warning invalid-role', 'Roles/helper.yaml:3 error invalid-role', 'Roles/helper.yaml:4 warning invalid-role']);
    expect(set.diagnostics[1]!.message).toMatch(/Unknown capability 'teleport'/);
    expect(set.diagnostics[2]!.message).toMatch(/Unknown restriction 'max_file_change'/);
    expect(findRole(set, 'coder')!.restrictions.max_file_changes?.value).toBe(10);
    const helper = findRole(set, 'helper')!;
    expect(helper.capabilities.map((c) => c.name)).toEqual(['file_read']);
    expect(helper.restrictions).toEqual({ no_new_files: { value: true, from: 'helper' }, max_file_changes: { value: 3, from: 'helper' } });
  });

  it('reports a second definition of one name and bad names, and a roles-folder note without frontmatter', () => {
    const set = resolveRoles([
      { path: 'Roles/one.yaml', text: 'name: twin\n' },
      { path: 'Roles/two.yaml', text: 'name: Twin\ndescription: second\n' },
      { path: 'Roles/bad.yaml', text: 'name: "has spaces"\n' },
      { path: 'Roles/list.yaml', text: '- a\n- b\n' },
      { path: 'Roles/README.md', text: '# About roles\n' },
      { path: 'Roles/note.md', text: '---\nname: noter\ntags: [role]\n---\n' },
    ]);
    expect(located(set)).toEqual([
      'Roles/README.md:1 warning invalid-role',
      'Roles/bad.yaml:1 error invalid-role',
      'Roles/list.yaml:1 error invalid-role',
      'Roles/two.yaml:1 warning invalid-role',
    ]);
    expect(findRole(set, 'twin')!.description).toBe('');
    expect(findRole(set, 'noter')).toBeDefined();
  });

  it('reports frontmatter lines in the note’s own numbering', () => {
    const set = resolveRoles([{ path: 'Roles/x.md', text: '---\nname: x\ncapabilities:\n  - file_read\n  - flying\n---\nBody\n' }]);
    expect(located(set)).toEqual(['Roles/x.md:5 warning invalid-role']);
  });

  it('takes the built-ins it is given', () => {
    const only = defaultRoleDefinitions().filter((d) => d.name === 'orchestrator');
    expect([...resolveRoles([], only).roles.keys()]).toEqual(['orchestrator']);
  });
});
