import { describe, expect, it } from 'vitest';
import type { TaskState } from '../../../../shared-types/index.js';
import { checkTaskTransition, checkTransition, stateOf, taskStates } from '../../../../core/tasks/lifecycle.js';
import { buildTaskIndex } from '../../../../core/tasks/taskIndex.js';
import { outline, status } from './makeTask.js';

describe('stateOf', () => {
  const free = { hasRole: false, blocked: false };
  it('maps TODO to Pending, or Active once a role is assigned', () => {
    expect(stateOf(status('TODO'), free)).toBe('Pending');
    expect(stateOf(status('TODO'), { hasRole: true, blocked: false })).toBe('Active');
  });
  it('maps IN_PROGRESS, ON_HOLD, DONE, CANCELLED and NON_TASK', () => {
    expect(stateOf(status('IN_PROGRESS'), free)).toBe('InProgress');
    expect(stateOf(status('ON_HOLD'), free)).toBe('Blocked');
    expect(stateOf(status('DONE'), free)).toBe('Completed');
    expect(stateOf(status('CANCELLED'), free)).toBe('Cancelled');
    expect(stateOf(status('NON_TASK'), free)).toBe('Cancelled');
  });
  it('derives Blocked from open dependencies for every not-done type', () => {
    const blocked = { hasRole: true, blocked: true };
    expect(stateOf(status('TODO'), blocked)).toBe('Blocked');
    expect(stateOf(status('IN_PROGRESS'), blocked)).toBe('Blocked');
    expect(stateOf(status('ON_HOLD'), blocked)).toBe('Blocked');
  });
  it('never calls a done task blocked', () => {
    expect(stateOf(status('DONE'), { hasRole: false, blocked: true })).toBe('Completed');
    expect(stateOf(status('CANCELLED'), { hasRole: false, blocked: true })).toBe('Cancelled');
  });
  it("lets a status's explicit state win over type, role and dependencies", () => {
    expect(stateOf(status('TODO', 'Failed'), { hasRole: true, blocked: true })).toBe('Failed');
    expect(stateOf(status('DONE', 'Failed'), free)).toBe('Failed');
    expect(stateOf(status('TODO', 'InProgress'), free)).toBe('InProgress');
  });
});

// The documented table: row = from, column = to (Pending, Active, InProgress, Blocked, Completed, Failed, Cancelled).
const table: Record<TaskState, string> = {
  Pending: '=✓✓✓✓✗✓',
  Active: '✓=✓✓✓✗✓',
  InProgress: '✓✓=✓✓✓✓',
  Blocked: '✓✓✓=✓✓✓',
  Completed: '✓✓✗✗=✗✗',
  Failed: '✓✓✗✗✗=✓',
  Cancelled: '✓✓✗✗✗✗=',
};

describe('checkTransition: the table', () => {
  for (const from of taskStates) {
    const row = [...table[from]];
    taskStates.forEach((to, i) => {
      const legal = row[i] !== '✗';
      it(`${from} → ${to} is ${legal ? 'legal' : 'refused with a reason'}`, () => {
        const result = checkTransition(from, to);
        expect(result.ok).toBe(legal);
        if (!result.ok) {
          expect(result.reason.trim().length).toBeGreaterThan(20);
          expect(result.reason).toMatch(/\.$/);
        }
      });
    });
  }

  it('covers all 49 pairs', () => {
    expect(taskStates).toHaveLength(7);
    expect(Object.values(table).join('')).toHaveLength(49);
  });

  it('explains how to complete a failed task', () => {
    expect(checkTransition('Failed', 'Completed')).toEqual({
      ok: false,
      reason: 'A failed task must be reopened (set to Pending) before it can be completed.',
    });
  });

  it('allows the Tasks habits: tick a pending or assigned task, reopen a done or cancelled one, retry a failed one', () => {
    expect(checkTransition('Pending', 'Completed').ok).toBe(true);
    expect(checkTransition('Active', 'Completed').ok).toBe(true);
    expect(checkTransition('Completed', 'Pending').ok).toBe(true);
    expect(checkTransition('Cancelled', 'Pending').ok).toBe(true);
    expect(checkTransition('Failed', 'Pending').ok).toBe(true);
  });

  it('refuses to complete while blockers are open, naming them', () => {
    const result = checkTransition('Blocked', 'Completed', { blockers: ["'Write spec' (🆔 spec)"] });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain("'Write spec' (🆔 spec)");
    const many = checkTransition('Pending', 'Completed', { blockers: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    expect(many.ok).toBe(false);
    if (!many.ok) expect(many.reason).toContain('a, b, c, d, e and 2 more');
  });

  it('lets an explicitly held task with no open dependencies be completed', () => {
    expect(checkTransition('Blocked', 'Completed', { blockers: [] }).ok).toBe(true);
  });
});

describe('checkTaskTransition (from the index)', () => {
  const tasks = outline(`
[ ] spec
[ ] build <- spec
[x] old
[ ] ship <- build, old
[F] flaky
`);
  const index = buildTaskIndex(tasks);
  const [spec, build, , ship, flaky] = tasks;

  it('refuses to complete a task blocked by open dependencies, nearest blockers first', () => {
    const result = checkTaskTransition(index, ship!, 'Completed');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain("'build' (🆔 build) and 'spec' (🆔 spec)");
      expect(result.reason).not.toContain('old');
    }
    expect(checkTaskTransition(index, build!, 'InProgress').ok).toBe(true);
  });

  it('allows completing a task whose dependencies are done', () => {
    expect(checkTaskTransition(index, spec!, 'Completed').ok).toBe(true);
  });

  it('reads the current state from the index', () => {
    expect(checkTaskTransition(index, flaky!, 'Completed')).toEqual({
      ok: false,
      reason: 'A failed task must be reopened (set to Pending) before it can be completed.',
    });
    expect(checkTaskTransition(index, flaky!, 'Pending').ok).toBe(true);
  });
});
