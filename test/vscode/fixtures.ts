import type { Disposable } from 'vscode';
import type { TaskItem, TaskTreeNode, TaskTreeResult } from '../../shared-types/protocol.js';
import type { ServerConnection } from '../../vscode-extension/src/client/connection.js';

/** A task as the server sends it, with only what a test cares about spelled out. */
export function task(path: string, line: number, description: string, extra: Partial<TaskItem> = {}): TaskItem {
  const done = extra.state === 'Completed';
  const item: Omit<TaskItem, 'ready'> & { ready?: boolean } = {
    path,
    line,
    status: done ? { symbol: 'x', type: 'DONE', name: 'Done' } : { symbol: ' ', type: 'TODO', name: 'Todo' },
    state: 'Pending',
    description,
    due: null,
    scheduled: null,
    start: null,
    created: null,
    done: null,
    cancelled: null,
    invalid: [],
    priority: 'normal',
    recurrence: null,
    onCompletion: null,
    id: null,
    dependsOn: [],
    tags: [],
    role: null,
    parent: null,
    blocked: false,
    blocking: false,
    source: 'markdown',
    keyword: null,
    owner: null,
    progress: null,
    uri: `file:///ws/${path}`,
    key: `${path}:${line}`,
    fileVersion: 'v1',
    ...extra,
  };
  // As the server says it (core/tasks/taskJson.ts), unless the test says otherwise.
  const open = item.state === 'Pending' || item.state === 'Active' || item.state === 'InProgress';
  return { ...item, ready: item.ready ?? (open && !item.blocked) };
}

export function node(t: TaskItem, ...children: TaskTreeNode[]): TaskTreeNode {
  return { task: t, children };
}

export const launchPlan = 'Projects/Launch.md';

/** A project note with a blocked chain and nested subtasks, a daily note, and TODO comments. */
export function sampleTree(): TaskTreeResult {
  const reqs = task(launchPlan, 3, 'Collect requirements', { id: 'reqs', state: 'Completed', tags: ['sales'] });
  const design = task(launchPlan, 4, 'Design the page', { id: 'design', state: 'InProgress', status: { symbol: '/', type: 'IN_PROGRESS', name: 'In Progress' }, role: 'designer', dependsOn: ['reqs'], progress: { done: 1, total: 3 }, blocking: true });
  const wireframes = task(launchPlan, 5, 'Wireframes', { state: 'Completed', parent: `${launchPlan}:4` });
  const mockups = task(launchPlan, 6, 'Mockups', { parent: `${launchPlan}:4`, tags: ['design'] });
  const review = task(launchPlan, 7, 'Accessibility review', { state: 'Active', role: 'reviewer', parent: `${launchPlan}:4` });
  const build = task(launchPlan, 8, 'Build the templates', { id: 'build', state: 'Blocked', blocked: true, dependsOn: ['design'], role: 'coder', due: '2026-12-05' });
  const launch = task(launchPlan, 9, 'Launch', { id: 'launch', state: 'Blocked', blocked: true, dependsOn: ['build', 'reqs', 'ghost'], tags: ['release', 'sales'] });
  const water = task('Daily/2026-11-20.md', 3, 'Water the plants', { due: '2026-11-20' });
  const todo = task('src/deploy.ts', 4, 'retry when the CDN answers 503', { source: 'code', keyword: 'TODO', owner: 'alice', state: 'Active', role: 'coder' });
  const fixme = task('src/deploy.ts', 6, 'cache purged too early', { source: 'code', keyword: 'FIXME', state: 'Blocked', blocked: true, dependsOn: ['build'] });
  return {
    files: [
      { path: 'Daily/2026-11-20.md', uri: 'file:///ws/Daily/2026-11-20.md', tasks: [node(water)] },
      { path: launchPlan, uri: `file:///ws/${launchPlan}`, tasks: [node(reqs), node(design, node(wireframes), node(mockups), node(review)), node(build), node(launch)] },
      { path: 'src/deploy.ts', uri: 'file:///ws/src/deploy.ts', tasks: [node(todo), node(fixme)] },
    ],
  };
}

/** A server that answers from canned results and records every request and notification handler. */
export class FakeConnection implements ServerConnection {
  readonly requests: { method: string; params: unknown }[] = [];
  readonly handlers = new Map<string, (params: never) => void>();
  constructor(private readonly answer: (method: string, params: unknown) => unknown) {}

  async sendRequest<R>(method: string, params?: unknown): Promise<R> {
    this.requests.push({ method, params });
    const result = this.answer(method, params);
    if (result instanceof Error) throw result;
    return (await result) as R;
  }

  onNotification(method: string, handler: (params: never) => void): Disposable {
    this.handlers.set(method, handler);
    return { dispose: () => this.handlers.delete(method) };
  }
}
