import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyOfVault, runCli, sampleVault } from './runCli.js';

interface GraphJson {
  center: string;
  nodes: { id: string; type: string; label: string; path?: string }[];
  edges: { source: string; target: string; type: string }[];
}

/** The sample vault, its spec note given a task that validates a heading and names a role. */
function vaultWithSpec(): string {
  const vault = copyOfVault(sampleVault);
  mkdirSync(path.join(vault, 'Specs'), { recursive: true });
  writeFileSync(
    path.join(vault, 'Specs/Landing page spec.md'),
    '# Landing page spec\n\nimplements:: [[Website relaunch]]\n\n- [ ] Check the mockups [validates:: [[Website relaunch#Plan]]] [role:: reviewer]\n',
  );
  return vault;
}

const brief = (json: GraphJson) => json.edges.map((e) => `${e.source} -${e.type}-> ${e.target}`);

describe('scriptorium graph', () => {
  it('--json: the neighbourhood of a note named like a wikilink, one hop by default', () => {
    const run = runCli(['graph', sampleVault, 'Reading group', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as GraphJson;
    expect(Object.keys(json)).toEqual(['center', 'nodes', 'edges']);
    expect(json.center).toBe('Projects/Reading group.md');
    expect(json.nodes[0]).toEqual({ id: 'Projects/Reading group.md', type: 'note', label: 'Reading group', path: 'Projects/Reading group.md' });
    expect(json.nodes.map((n) => `${n.type} ${n.id}`)).toEqual([
      'note Projects/Reading group.md',
      'note Home.md',
      'note Projects/Website relaunch.md',
      'task task:Projects/Reading group.md:11',
      'task task:Projects/Reading group.md:5',
      'task task:Projects/Reading group.md:6',
      'task task:Projects/Reading group.md:7',
      'task task:Projects/Reading group.md:8',
    ]);
    expect(brief(json)).toContain('Home.md -LINKS_TO-> Projects/Reading group.md');
    expect(brief(json)).toContain('Projects/Website relaunch.md -LINKS_TO-> Projects/Reading group.md');
    expect(brief(json)).toContain('task:Projects/Reading group.md:5 -PART_OF-> Projects/Reading group.md');
  });

  it('typed relations, tasks, roles and dependencies, N hops out; a vault path works too', () => {
    const vault = vaultWithSpec();
    const one = JSON.parse(runCli(['graph', vault, 'Specs/Landing page spec.md', '--json']).stdout) as GraphJson;
    expect(brief(one)).toEqual([
      'Specs/Landing page spec.md -IMPLEMENTS-> Projects/Website relaunch.md',
      'Projects/Website relaunch.md -LINKS_TO-> Projects/Website relaunch.md#Plan',
      'Specs/Landing page spec.md -LINKS_TO-> Projects/Website relaunch.md#Plan',
      'Projects/Website relaunch.md#Plan -PART_OF-> Projects/Website relaunch.md',
      'task:Specs/Landing page spec.md:5 -PART_OF-> Specs/Landing page spec.md',
      'task:Specs/Landing page spec.md:5 -VALIDATES-> Projects/Website relaunch.md#Plan',
    ]);
    const two = JSON.parse(runCli(['graph', vault, 'Landing page spec', '--depth', '2', '--json']).stdout) as GraphJson;
    const types = new Set(two.edges.map((e) => e.type));
    expect([...types].sort()).toEqual(['ASSIGNED_TO', 'DEPENDS_ON', 'IMPLEMENTS', 'LINKS_TO', 'PART_OF', 'SUBTASK_OF', 'VALIDATES']);
    expect(two.nodes.map((n) => n.id)).toContain('Home.md');
    expect(two.nodes.find((n) => n.id === 'role:reviewer')).toEqual({ id: 'role:reviewer', type: 'role', label: 'reviewer' });
    const zero = JSON.parse(runCli(['graph', vault, 'Landing page spec', '--depth', '0', '--json']).stdout) as GraphJson;
    expect(zero).toEqual({ center: 'Specs/Landing page spec.md', nodes: [one.nodes[0]], edges: [] });
  });

  it('without --json: a list grouped by edge type and direction', () => {
    const run = runCli(['graph', vaultWithSpec(), '[[Website relaunch]]']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Projects\/Website relaunch\.md: \d+ node\(s\) within 1 hop\(s\), \d+ edge\(s\)\n/);
    expect(run.stdout).toContain('\nIMPLEMENTS ←\n  Specs/Landing page spec.md\n');
    expect(run.stdout).toContain('\nLINKS_TO ←\n  Home.md\n');
    expect(run.stdout).toContain('\nLINKS_TO →\n  Projects/Reading group.md\n');
    expect(run.stdout).toContain('  Projects/Website relaunch.md:18  Launch  [task]\n');
  });

  it('refuses an unknown note, a bad depth and missing arguments in one line, exit 2', () => {
    const unknown = runCli(['graph', sampleVault, 'No such note']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^scriptorium: graph: no note or file named "No such note" in .*\n$/);
    const depth = runCli(['graph', sampleVault, 'Home', '--depth', 'two']);
    expect(depth.code).toBe(2);
    expect(depth.stderr).toMatch(/^scriptorium: graph: --depth must be a whole number.*\n$/);
    const missing = runCli(['graph', sampleVault]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^scriptorium: graph: expected a directory and a note.*\n$/);
  });

  it('check reports typed-relation problems', () => {
    const vault = vaultWithSpec();
    writeFileSync(path.join(vault, 'Specs/Broken.md'), 'implements:: [[Ghost]]\nimplemnts:: [[Home]]\n');
    const found = JSON.parse(runCli(['check', vault, '--json']).stdout) as { path: string; line: number; code: string }[];
    expect(found.filter((d) => d.path === 'Specs/Broken.md').map((d) => `${d.line} ${d.code}`)).toEqual(['1 unresolved-relation', '2 unknown-relation']);
  });

  it('is in the usage text', () => {
    expect(runCli(['help']).stdout).toContain('graph <dir> <note> [--depth N] [--json]');
  });
});
