import { describe, expect, it } from 'vitest';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { toTaskJson } from '../../../core/tasks/taskJson.js';
import { Workspace } from '../../../core/workspace/workspace.js';

describe('toTaskJson ready', () => {
  const note = [
    '- [ ] open 🆔 a',
    '- [/] started',
    '- [ ] waits for a ⛔ a',
    '- [F] failed',
    '- [x] done',
    '- [-] cancelled',
    '- [ ] assigned [role:: coder]',
  ].join('\n');

  it('says what the task index ready set says, task by task (a Failed task is not ready)', () => {
    const workspace = new Workspace(defaultTaskSettings());
    workspace.setText('Plan.md', note);
    const index = workspace.taskIndex();
    const ready = index.tasks.filter((t) => toTaskJson(t, index).ready).map((t) => t.description);
    expect(ready).toEqual(['open', 'started', 'assigned']);
    expect(index.ready().map((t) => t.description)).toEqual(ready);
  });
});
