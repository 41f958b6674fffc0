import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfVault, runCli, sampleVault } from './runCli.js';

interface RoleJson {
  name: string;
  chain: string[];
  capabilities: { name: string; from: string }[];
  restrictions: Record<string, { value: number | boolean; from: string }>;
  definedIn: string[];
}

describe('scriptorium roles', () => {
  it('--json prints the resolved roles with where each capability and restriction came from', () => {
    const run = runCli(['roles', sampleVault, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const { roles, diagnostics } = JSON.parse(run.stdout) as { roles: RoleJson[]; diagnostics: unknown[] };
    expect(diagnostics).toEqual([]);
    expect(roles).toHaveLength(15);
    const coder = roles.find((r) => r.name === 'coder')!;
    expect(coder.definedIn).toEqual(['built-in', 'Roles/coder.yaml:1']);
    expect(coder.restrictions.max_file_changes).toEqual({ value: 5, from: 'coder' });
    expect(coder.capabilities).toContainEqual({ name: 'file_write', from: 'implementer' });
  });

  it('reports problems in role files (YAML in .scriptorium/roles too) with file and line, exit 1 on errors; check shows them and unknown roles', () => {
    const vault = copyOfVault(sampleVault);
    mkdirSync(path.join(vault, '.scriptorium/roles'), { recursive: true });
    writeFileSync(path.join(vault, '.scriptorium/roles/auditor.yaml'), 'name: auditor\nextends: nobody\n');
    writeFileSync(path.join(vault, 'Roles/broken.yaml'), 'name: broken\ncapabilities: [file_read\n');
    writeFileSync(path.join(vault, 'Plan.md'), '- [ ] Sing [role:: bard]\n');
    const run = runCli(['roles', vault]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\.scriptorium\/roles\/auditor\.yaml:2:1 {2}error {2}invalid-role {2}'auditor' extends 'nobody'/);
    expect(run.stdout).toMatch(/Roles\/broken\.yaml:\d+:1 {2}error {2}invalid-role {2}Malformed YAML/);
    expect(run.stdout).toMatch(/^auditor {2}\(Auditor; auditor; \.scriptorium\/roles\/auditor\.yaml:1\)$/m);
    const check = runCli(['check', vault, '--json']);
    const codes = (JSON.parse(check.stdout) as { path: string; code: string }[]).filter((d) => d.code === 'invalid-role' || d.code === 'unknown-role');
    expect(codes.map((d) => `${d.path} ${d.code}`)).toEqual(['.scriptorium/roles/auditor.yaml invalid-role', 'Plan.md unknown-role', 'Roles/broken.yaml invalid-role']);
  });
});
