import { describe, expect, it } from 'vitest';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';
import { edgeList, fresh, nodeList } from './helpers.js';

function generator(seed: number) {
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const pick = <T>(items: readonly T[]): T => items[random(items.length)]!;
  const names = ['a', 'b', 'c', 'd', 'sub/a', 'sub/e', 'x/y/b', 'late'];
  const ids = ['i1', 'i2', 'i3', 'i4'];
  const headings = ['H', 'Plan'];
  const linkTo = () => {
    const target = random(6) === 0 ? pick(['ghost', 'pic.png']) : pick(names);
    const sub = random(3) === 0 ? `#${pick(headings)}` : random(6) === 0 ? '#^blk' : '';
    return `${random(8) === 0 ? '!' : ''}[[${target}${sub}]]`;
  };
  const taskLine = (indent: boolean) => {
    const parts = [`${indent ? '    ' : ''}- [${pick([' ', 'x', '/'])}] task ${random(100)}`];
    if (random(2) === 0) parts.push(`🆔 ${pick(ids)}`);
    if (random(2) === 0) parts.push(`⛔ ${pick(ids)}`);
    if (random(4) === 0) parts.push(`[parent:: ${pick(ids)}]`);
    if (random(3) === 0) parts.push(`[role:: ${pick(['coder', 'writer'])}]`);
    if (random(3) === 0) parts.push(linkTo());
    if (random(4) === 0) parts.push(`[implements:: ${linkTo()}]`);
    return parts.join(' ');
  };
  const noteText = () => {
    const lines: string[] = [];
    const n = 1 + random(6);
    for (let i = 0; i < n; i++) {
      const kind = random(6);
      if (kind === 0) lines.push(`# ${pick(headings)}`);
      else if (kind === 1) lines.push(`text ${linkTo()} more ^blk`);
      else if (kind === 2) lines.push(`validates:: ${linkTo()}`);
      else lines.push(taskLine(kind === 3 && i > 0));
    }
    return `${lines.join('\n')}\n`;
  };
  return { random, pick, names, noteText };
}

describe('graph: a first build in slices, with changes between slices, equals a fresh build', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`seed ${seed}`, () => {
      const { random, pick, names, noteText } = generator(seed);
      const workspace = new Workspace(defaultTaskSettings());
      workspace.setText('pic.png', '');
      for (const name of names.slice(0, 6)) workspace.setText(`${name}.md`, noteText());
      let slices = 0;
      for (;;) {
        let budget = 1 + random(3);
        const done = workspace.buildGraphSlice(() => --budget <= 0);
        slices++;
        if (done) break;
        for (let k = random(3); k > 0; k--) {
          const existing = [...workspace.files()].map((f) => f.path).filter((p) => p.endsWith('.md'));
          const action = random(10);
          if (action < 6 || existing.length === 0) workspace.setText(`${pick(names)}.md`, noteText());
          else if (action < 8) workspace.remove(pick(existing));
          else workspace.rename(pick(existing), `${pick(names)}.md`);
        }
      }
      expect(slices).toBeGreaterThan(1);
      const graph = workspace.graph();
      expect({ nodes: nodeList(graph), edges: edgeList(graph) }).toEqual(fresh(workspace));
    });
  }

  it('a read during the build finishes it, and later slices have nothing left to do', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('a.md', '[[b]]\n- [ ] t 🆔 x\n');
    workspace.setText('b.md', '- [ ] u ⛔ x\n');
    expect(workspace.buildGraphSlice(() => true)).toBe(false);
    const graph = workspace.graph();
    expect({ nodes: nodeList(graph), edges: edgeList(graph) }).toEqual(fresh(workspace));
    expect(workspace.buildGraphSlice(() => true)).toBe(true);
    expect(workspace.graph()).toBe(graph);
  });

  it('a target made for an edge that was left out is not kept when nothing points at it', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('a.md', '- [ ] t\n');
    workspace.setText('b.md', 'text\n');
    let budget = 2;
    expect(workspace.buildGraphSlice(() => --budget <= 0)).toBe(false); // both files' nodes
    workspace.setText('a.md', '\n- [ ] t [role:: r]\n'); // the task moved: its node is not there yet
    budget = 1;
    expect(workspace.buildGraphSlice(() => --budget <= 0)).toBe(false); // a.md's edges: ASSIGNED_TO left out
    workspace.setText('a.md', '\n- [ ] t\n');
    expect(workspace.buildGraphSlice(() => false)).toBe(true);
    const graph = workspace.graph();
    expect(graph.hasNode('role:r')).toBe(false);
    expect({ nodes: nodeList(graph), edges: edgeList(graph) }).toEqual(fresh(workspace));
  });
});
