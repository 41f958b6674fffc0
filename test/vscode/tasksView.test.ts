import { describe, expect, it } from 'vitest';
import type { TreeItem } from 'vscode';
import { ScriptoriumRequest, type TaskTreeResult } from '../../shared-types/protocol.js';
import { groupTasks, indexById, taskTooltip, type TaskViewOptions } from '../../vscode-extension/src/views/taskModel.js';
import { taskContext, taskOf, TasksTreeProvider, type TasksElement } from '../../vscode-extension/src/views/tasksView.js';
import { FakeConnection, launchPlan, sampleTree } from './fixtures.js';

const byFile: TaskViewOptions = { groupBy: 'file', filter: '', readyOnly: false, hiddenStates: [] };

interface Row {
  label: string;
  description: string;
  children?: Row[];
}

/** The view as a user sees it: every row's label and description, nested. */
function render(provider: TasksTreeProvider, element?: TasksElement): Row[] {
  return provider.getChildren(element).map((child) => {
    const item = provider.getTreeItem(child) as TreeItem;
    const children = render(provider, child);
    return { label: String(item.label), description: String(item.description ?? ''), ...(children.length > 0 ? { children } : {}) };
  });
}

async function loaded(options: Partial<TaskViewOptions> = {}, tree: TaskTreeResult = sampleTree()) {
  const connection = new FakeConnection((method) => (method === ScriptoriumRequest.taskTree ? tree : new Error(`unexpected ${method}`)));
  const provider = new TasksTreeProvider(connection, { ...byFile, ...options });
  await provider.refresh();
  return { provider, connection };
}

const labels = (rows: Row[]) => rows.map((r) => r.label);

describe('TasksTreeProvider', () => {
  it('groups by file, keeps subtasks under their parent and shows progress, role and what blocks a task', async () => {
    const { provider } = await loaded();
    const rows = render(provider);
    expect(labels(rows)).toEqual(['Daily/2026-11-20.md', launchPlan, 'src/deploy.ts']);
    const plan = rows[1]!;
    expect(plan.description).toBe('7');
    expect(labels(plan.children!)).toEqual(['Collect requirements', 'Design the page', 'Build the templates', 'Launch']);
    const design = plan.children![1]!;
    expect(design.description).toBe('1/3 · @designer');
    expect(labels(design.children!)).toEqual(['Wireframes', 'Mockups', 'Accessibility review']);
    expect(plan.children![2]!.description).toBe('⛔ Design the page · @coder · 📅 2026-12-05');
    // Done dependencies do not block; an id no task has is named as written.
    expect(plan.children![3]!.description).toBe('⛔ Build the templates, ghost');
  });

  it('names TODO comments by keyword and owner', async () => {
    const { provider } = await loaded();
    const code = render(provider)[2]!;
    expect(labels(code.children!)).toEqual(['TODO(alice): retry when the CDN answers 503', 'FIXME: cache purged too early']);
  });

  it('groups by status in lifecycle order; a subtask whose parent is in another group heads its own row too', async () => {
    const { provider } = await loaded({ groupBy: 'status' });
    const rows = render(provider);
    expect(labels(rows)).toEqual(['In progress', 'Active (role assigned)', 'Pending', 'Blocked', 'Completed']);
    const inProgress = rows[0]!;
    expect(labels(inProgress.children!)).toEqual(['Design the page']);
    expect(labels(inProgress.children![0]!.children!)).toEqual(['Wireframes', 'Mockups', 'Accessibility review']);
    // Grouped by anything but file, a row says where the task is.
    expect(inProgress.children![0]!.description).toBe(`1/3 · @designer · ${launchPlan}:4`);
    expect(labels(rows[1]!.children!)).toEqual(['Accessibility review', 'TODO(alice): retry when the CDN answers 503']);
    expect(labels(rows[2]!.children!)).toEqual(['Water the plants', 'Mockups']);
    expect(labels(rows[3]!.children!)).toEqual(['Build the templates', 'Launch', 'FIXME: cache purged too early']);
    expect(labels(rows[4]!.children!)).toEqual(['Collect requirements', 'Wireframes']);
  });

  it('groups by role and by tag, with the unassigned last; a task with two tags shows under both', async () => {
    const { provider } = await loaded({ groupBy: 'role' });
    expect(labels(render(provider))).toEqual(['coder', 'designer', 'reviewer', '(no role)']);
    provider.setOptions({ groupBy: 'tag' });
    const rows = render(provider);
    expect(labels(rows)).toEqual(['#design', '#release', '#sales', '(no tag)']);
    expect(labels(rows[2]!.children!)).toEqual(['Collect requirements', 'Launch']);
    expect(labels(rows[1]!.children!)).toEqual(['Launch']);
  });

  it('filters by words in the text, keeping the parents of matching subtasks', async () => {
    const { provider } = await loaded({ filter: 'mockups' });
    const rows = render(provider);
    expect(labels(rows)).toEqual([launchPlan]);
    expect(labels(rows[0]!.children!)).toEqual(['Design the page']);
    expect(labels(rows[0]!.children![0]!.children!)).toEqual(['Mockups']);
    provider.setOptions({ filter: 'CODER templates' });
    expect(labels(render(provider)[0]!.children!)).toEqual(['Build the templates']);
    provider.setOptions({ filter: 'nothing matches this' });
    expect(render(provider)).toEqual([]);
  });

  it('shows only ready tasks (open, not blocked) when asked, and leaves hidden states out', async () => {
    const { provider } = await loaded({ readyOnly: true, groupBy: 'status' });
    const rows = render(provider);
    expect(labels(rows)).toEqual(['In progress', 'Active (role assigned)', 'Pending']);
    const shown = (list: Row[]): string[] => list.flatMap((r) => [r.label, ...shown(r.children ?? [])]);
    expect(shown(rows)).not.toEqual(expect.arrayContaining([expect.stringMatching(/^(Launch|Build the templates|Wireframes|FIXME)/)]));
    expect(provider.readyCount()).toBe(5);
    provider.setOptions({ readyOnly: false, groupBy: 'file', hiddenStates: ['Completed'] });
    expect(labels(render(provider)[1]!.children!)).toEqual(['Design the page', 'Build the templates', 'Launch']);
  });

  it('marks rows for the inline actions: only open markdown tasks start or complete', async () => {
    const { provider } = await loaded();
    const all = provider.tasks();
    const find = (text: string) => all.find((t) => t.description.startsWith(text))!;
    expect(taskContext(find('Mockups'))).toBe('task markdown open startable');
    expect(taskContext(find('Design the page'))).toBe('task markdown open');
    expect(taskContext(find('Build the templates'))).toBe('task markdown open startable blocked');
    expect(taskContext(find('Wireframes'))).toBe('task markdown');
    expect(taskContext(find('retry'))).toBe('task code');
    const [group] = provider.getChildren();
    const [row] = provider.getChildren(group);
    const item = provider.getTreeItem(row!);
    expect(item.command).toEqual({ command: 'scriptorium.task.reveal', title: 'Reveal Task in Editor', arguments: [find('Water the plants')] });
  });

  it('finds the task on an editor line (zero-based) for commands run from the palette', async () => {
    const { provider } = await loaded();
    expect(provider.taskAt(`file:///ws/${launchPlan}`, 7)?.description).toBe('Build the templates');
    expect(provider.taskAt(`file:///ws/${launchPlan}`, 0)).toBeUndefined();
  });

  it('reloads when asked, coalescing requests made while one is under way, and tells listeners', async () => {
    const { provider, connection } = await loaded();
    let loads = 0;
    provider.onDidLoad(() => loads++);
    let changes = 0;
    provider.onDidChangeTreeData(() => changes++);
    await Promise.all([provider.refresh(), provider.refresh(), provider.refresh()]);
    expect(connection.requests.filter((r) => r.method === ScriptoriumRequest.taskTree)).toHaveLength(3); // first load + one + one coalesced
    expect(loads).toBe(2);
    expect(changes).toBe(2);
  });

  it('keeps the last tree and says why when the server fails', async () => {
    let fail = false;
    const tree = sampleTree();
    const connection = new FakeConnection(() => (fail ? new Error('server is gone') : tree));
    const provider = new TasksTreeProvider(connection, byFile);
    await provider.refresh();
    fail = true;
    await provider.refresh();
    expect(provider.error).toBe('server is gone');
    expect(render(provider)).toHaveLength(3);
  });
});

describe('task details', () => {
  it('explains a blocked task in its tooltip: state, status, blockers, fields and place', () => {
    const tree = sampleTree();
    const launch = tree.files[1]!.tasks[3]!.task;
    expect(taskTooltip(launch, indexById(tree)).split('\n').filter((l) => l !== '')).toEqual([
      '**Launch**',
      'Blocked · status `[ ]` Todo',
      'Blocked by: Build the templates, ghost',
      'id `launch` · #release #sales',
      'Projects/Launch\\.md:9',
    ]);
  });

  it('finds the task a command was given: a view row, a task, or nothing usable', async () => {
    const { provider } = await loaded();
    const [group] = provider.getChildren();
    const [row] = provider.getChildren(group);
    expect(taskOf(row)?.description).toBe('Water the plants');
    expect(taskOf(provider.tasks()[0])?.description).toBe('Water the plants');
    expect(taskOf(group)).toBeUndefined();
    expect(taskOf('scriptorium.tasks')).toBeUndefined();
    expect(taskOf(undefined)).toBeUndefined();
  });
});

describe('groupTasks', () => {
  it('gives every row a unique id within a grouping', async () => {
    const { provider } = await loaded({ groupBy: 'tag' });
    const ids: string[] = [];
    const walk = (element?: TasksElement) => {
      for (const child of provider.getChildren(element)) {
        ids.push(provider.getTreeItem(child).id!);
        walk(child);
      }
    };
    walk();
    expect(new Set(ids).size).toBe(ids.length);
    expect(groupTasks({ files: [] }, byFile)).toEqual([]);
  });
});
