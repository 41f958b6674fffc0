import { describe, expect, it } from 'vitest';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

// Notes whose diagnostics cross files: links that resolve only while another note exists,
// relations, duplicate and unknown ids, dependency and parent cycles, bad fields.
const paths = ['a.md', 'b.md', 'c/d.md', 'Target.md', 'e.md', 'x.ts'];
const lines = [
  'See [[Target]] and [[Missing]].',
  'implements:: [[Target]]',
  'implemnts:: [[b]]',
  'validates:: [[Nowhere]]',
  '- [ ] one 🆔 t1',
  '- [ ] two 🆔 t2 ⛔ t1',
  '- [ ] three 🆔 t1 ⛔ t2',
  '- [x] done ⛔ t9',
  '- [ ] child [parent:: t2]',
  '  - [ ] nested 📅 2026-13-40',
  '- [/] working 🆔 t3 [parent:: t3]',
  '![[d]] and [[e#Heading]]',
  '# Heading',
];

function random(seed: number) {
  let t = seed >>> 0;
  const next = () => {
    t += 0x6d2b79f5;
    let x = Math.imul(t ^ (t >>> 15), t | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

function note(r: ReturnType<typeof random>): string {
  const count = Math.floor(r.next() * 6);
  return Array.from({ length: count }, () => r.pick(lines)).join('\n');
}

describe('Workspace.diagnostics() kept per file', () => {
  for (let seed = 1; seed <= 25; seed++) {
    it(`seed ${seed}: equals a fresh workspace's after every change`, () => {
      const r = random(seed);
      const workspace = new Workspace(defaultTaskSettings());
      const texts = new Map<string, string>();
      for (let step = 0; step < 30; step++) {
        const path = r.pick(paths);
        const op = r.next();
        if (op < 0.2) {
          workspace.remove(path);
          texts.delete(path);
        } else if (op < 0.3 && texts.has(path)) {
          const to = r.pick(paths);
          if (to !== path) {
            workspace.rename(path, to);
            texts.set(to, texts.get(path)!);
            texts.delete(path);
          }
        } else if (op < 0.55 && texts.has(path)) {
          // A status toggle: structure kept, the task index is patched.
          const text = texts.get(path)!.replace(/- \[( |x)\]/, (_m, s: string) => (s === ' ' ? '- [x]' : '- [ ]'));
          workspace.setText(path, text);
          texts.set(path, text);
        } else {
          const text = note(r);
          workspace.setText(path, text);
          texts.set(path, text);
        }
        if (r.next() < 0.7) {
          const fresh = new Workspace(defaultTaskSettings());
          for (const [p, text] of texts) fresh.setText(p, text);
          const expected = fresh.diagnostics();
          expect(workspace.diagnostics()).toEqual(expected);
          const byPath = workspace.diagnosticsByPath();
          expect([...byPath.values()].flat()).toEqual(expected);
          expect([...byPath.keys()]).toEqual([...new Set(expected.map((d) => d.path))]);
        }
      }
    });
  }

  it('keeps the list of a file nothing touched, and remakes the list of the file that changed', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('a.md', 'See [[Missing]].');
    workspace.setText('b.md', '- [ ] x ⛔ nope');
    const before = workspace.diagnosticsByPath();
    workspace.setText('b.md', '- [x] x ⛔ nope ');
    const after = workspace.diagnosticsByPath();
    expect(after.get('a.md')).toBe(before.get('a.md'));
    expect(after.get('b.md')).not.toBe(before.get('b.md'));
    expect(after.get('b.md')!.map((d) => d.code)).toEqual(['unknown-dependency']);
    // A note appearing resolves the link elsewhere: that file's list changes though its text did not.
    workspace.setText('Missing.md', '');
    expect(workspace.diagnosticsByPath().has('a.md')).toBe(false);
  });

  it('warmed in slices, with files added and changed between slices, reads as a fresh workspace', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('a.md', 'See [[b]] and [[c]].\nimplemnts:: [[a]]');
    workspace.setText('b.md', '- [ ] x 🆔 k ⛔ k');
    workspace.setText('d.md', 'validates:: [[e]]');
    let budget = 1;
    expect(workspace.warmDiagnosticsSlice(() => --budget <= 0)).toBe(false);
    workspace.setText('c.md', 'now [[b]] resolves, [[e]] not');
    workspace.remove('b.md');
    for (let slices = 0; !workspace.warmDiagnosticsSlice(() => true); slices++) expect(slices).toBeLessThan(10);
    const fresh = new Workspace(defaultTaskSettings());
    fresh.setText('a.md', 'See [[b]] and [[c]].\nimplemnts:: [[a]]');
    fresh.setText('d.md', 'validates:: [[e]]');
    fresh.setText('c.md', 'now [[b]] resolves, [[e]] not');
    expect(workspace.diagnostics()).toEqual(fresh.diagnostics());
    expect(workspace.diagnostics().map((d) => d.code)).toContain('unresolved-link');
  });
});
