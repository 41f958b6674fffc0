import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../../core/tasks/query/parseQuery.js';
import { runQuery } from '../../../core/tasks/query/runQuery.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

describe('queries by role', () => {
  const workspace = new Workspace(defaultTaskSettings());
  workspace.setText('Plan.md', '- [ ] B [role:: writer]\n- [ ] A [role:: coder]\n- [ ] C\n- [/] D [role:: coder]\n');
  const run = (source: string) => runQuery(parseQuery(source), workspace.taskIndex(), { today: '2026-11-23' });

  it('filters, groups and sorts by role; an assigned, unstarted task is Active', () => {
    expect(run('role is coder').groups[0]!.tasks.map((t) => t.description).sort()).toEqual(['A', 'D']);
    expect(run('has role\nsort by role').groups[0]!.tasks.map((t) => t.role)).toEqual(['coder', 'coder', 'writer']);
    expect(run('group by role').groups.map((g) => g.headings)).toEqual([['(No role)'], ['coder'], ['writer']]);
    const index = workspace.taskIndex();
    expect(index.tasks.map((t) => index.state(t))).toEqual(['Active', 'Active', 'Pending', 'InProgress']);
  });
});
