import { describe, expect, it } from 'vitest';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';
import { edgeList, fresh, nodeList, workspaceOf } from './helpers.js';

function current(workspace: Workspace) {
  const graph = workspace.graph();
  return { nodes: nodeList(graph), edges: edgeList(graph) };
}

describe('graph: incremental updates agree with a fresh build', () => {
  it('editing, adding, removing and renaming one file', () => {
    const workspace = workspaceOf({
      'a.md': '[[b#H]] [[c]]\n- [ ] t1 🆔 one ⛔ two [role:: r]\n',
      'b.md': '# H\n- [ ] t2 🆔 two\n',
    });
    expect(current(workspace)).toEqual(fresh(workspace));
    workspace.setText('b.md', 'no heading now\n\n- [ ] t2 🆔 two\n');
    expect(current(workspace)).toEqual(fresh(workspace));
    expect(workspace.graph().hasNode('b.md#H')).toBe(false);
    workspace.setText('c.md', '- [ ] child [parent:: one]\n');
    expect(current(workspace)).toEqual(fresh(workspace));
    expect(workspace.graph().hasNode('unresolved:c')).toBe(false);
    workspace.rename('b.md', 'sub/b.md');
    expect(current(workspace)).toEqual(fresh(workspace));
    workspace.setText('a.md', 'nothing\n');
    expect(current(workspace)).toEqual(fresh(workspace));
    expect(workspace.graph().hasNode('role:r')).toBe(false);
    workspace.remove('c.md');
    expect(current(workspace)).toEqual(fresh(workspace));
  });

  it('a [parent:: …] loop closed in one file is cut in another', () => {
    const workspace = workspaceOf({
      'a.md': '- [ ] A 🆔 a [parent:: b]\n',
      'b.md': '- [ ] B 🆔 b [parent:: c]\n',
      'c.md': '- [ ] C 🆔 c\n',
    });
    expect(current(workspace)).toEqual(fresh(workspace));
    workspace.setText('c.md', '- [ ] C 🆔 c [parent:: a]\n');
    expect(current(workspace)).toEqual(fresh(workspace));
    expect(workspace.graph().outDegree('task:a.md:1')).toBe(1); // PART_OF only: the loop was cut at a.md
  });

  it('random edits, additions, removals and renames, read after every step or in batches', () => {
    let seed = 11;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor((seed / 2147483648) * n);
    };
    const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;
    const names = ['a', 'b', 'c', 'd', 'sub/a', 'sub/e', 'x/y/b'];
    const ids = ['i1', 'i2', 'i3', 'i4'];
    const roles = ['coder', 'writer'];
    const headings = ['H', 'Plan', 'Notes'];
    const relationNames = ['implements', 'validates', 'inspires', 'creates', 'author'];
    const linkTo = () => {
      const target = random(6) === 0 ? pick(['ghost', 'pic.png', 'src/tool.ts']) : pick(names);
      const sub = random(3) === 0 ? `#${pick(headings)}` : random(6) === 0 ? '#^blk' : '';
      return `${random(8) === 0 ? '!' : ''}[[${target}${sub}]]`;
    };
    const taskLine = (indent: boolean) => {
      const parts = [`${indent ? '    ' : ''}- [${pick([' ', 'x', '/'])}] task ${random(100)}`];
      if (random(2) === 0) parts.push(`🆔 ${pick(ids)}`);
      if (random(2) === 0) parts.push(`⛔ ${pick(ids)}`);
      if (random(4) === 0) parts.push(`[parent:: ${pick(ids)}]`);
      if (random(3) === 0) parts.push(`[role:: ${pick(roles)}]`);
      if (random(3) === 0) parts.push(linkTo());
      if (random(4) === 0) parts.push(`[${pick(relationNames)}:: ${linkTo()}]`);
      return parts.join(' ');
    };
    const noteText = () => {
      const lines: string[] = [];
      if (random(4) === 0) lines.push('---', `${pick(relationNames)}: "${linkTo().replace('!', '')}"`, '---');
      const n = 1 + random(6);
      for (let i = 0; i < n; i++) {
        const kind = random(6);
        if (kind === 0) lines.push(`# ${pick(headings)}`);
        else if (kind === 1) lines.push(`text ${linkTo()} more ^blk`);
        else if (kind === 2) lines.push(`${pick(relationNames)}:: ${linkTo()}, ${linkTo()}`);
        else lines.push(taskLine(kind === 3 && i > 0));
      }
      return `${lines.join('\n')}\n`;
    };
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('pic.png', '');
    workspace.setText('src/tool.ts', '// TODO fix [[a]] 🆔 i2\n');
    for (const name of names.slice(0, 4)) workspace.setText(`${name}.md`, noteText());
    expect(current(workspace)).toEqual(fresh(workspace));
    for (let step = 0; step < 300; step++) {
      const existing = [...workspace.files()].map((f) => f.path).filter((p) => p.endsWith('.md'));
      const action = random(10);
      if (action < 6 || existing.length === 0) workspace.setText(`${pick(names)}.md`, noteText());
      else if (action < 8) workspace.remove(pick(existing));
      else workspace.rename(pick(existing), `${pick(names)}.md`);
      if (random(3) !== 0) expect(current(workspace), `step ${step}`).toEqual(fresh(workspace));
    }
    expect(current(workspace)).toEqual(fresh(workspace));
  });
});
