// A Task for query tests, built from a few overrides; everything else is a plain TODO task.
import type { DateField, Priority, StatusType } from '../../../../shared-types/index.js';
import type { StatusDefinition, Task } from '../../../../core/tasks/types.js';

const statuses: Record<StatusType, StatusDefinition> = {
  TODO: { symbol: ' ', name: 'Todo', type: 'TODO', next: 'x' },
  DONE: { symbol: 'x', name: 'Done', type: 'DONE', next: ' ' },
  IN_PROGRESS: { symbol: '/', name: 'In Progress', type: 'IN_PROGRESS', next: 'x' },
  ON_HOLD: { symbol: 'h', name: 'On Hold', type: 'ON_HOLD', next: ' ' },
  CANCELLED: { symbol: '-', name: 'Cancelled', type: 'CANCELLED', next: ' ' },
  NON_TASK: { symbol: 'Q', name: 'Question', type: 'NON_TASK', next: 'Q' },
};

export interface TaskOverrides {
  description?: string;
  path?: string;
  line?: number;
  status?: StatusType | StatusDefinition;
  due?: string;
  scheduled?: string;
  start?: string;
  created?: string;
  done?: string;
  cancelled?: string;
  /** Field names whose value is invalid (a date here must also be given above). */
  invalid?: string[];
  priority?: Priority;
  recurrence?: string;
  onCompletion?: string;
  id?: string;
  dependsOn?: string[];
  /** Without `#`. */
  tags?: string[];
  role?: string;
  parentId?: string;
  heading?: string | null;
  prefix?: string;
  indentParentLine?: number | null;
  source?: 'markdown' | 'code';
}

let nextLine = 0;

export function makeTask(o: TaskOverrides = {}): Task {
  const status = typeof o.status === 'object' ? o.status : statuses[o.status ?? 'TODO'];
  const dates: Record<DateField, string | null> = {
    due: o.due ?? null,
    scheduled: o.scheduled ?? null,
    start: o.start ?? null,
    created: o.created ?? null,
    done: o.done ?? null,
    cancelled: o.cancelled ?? null,
  };
  const description = o.description ?? 'a task';
  const prefix = o.prefix ?? '';
  const lineText = `${prefix}- [${status.symbol}] ${description}`;
  return {
    path: o.path ?? 'notes/a.md',
    line: o.line ?? nextLine++,
    source: o.source ?? 'markdown',
    lineText,
    prefix,
    marker: '-',
    symbol: status.symbol,
    status,
    bodyStart: prefix.length + 6,
    description,
    dates,
    invalid: o.invalid ?? [],
    priority: o.priority ?? 'normal',
    recurrence: o.recurrence ?? null,
    onCompletion: o.onCompletion ?? null,
    id: o.id ?? null,
    dependsOn: o.dependsOn ?? [],
    tags: o.tags ?? [],
    role: o.role ?? null,
    parentId: o.parentId ?? null,
    blockId: null,
    fields: [],
    heading: o.heading === undefined ? null : o.heading,
    indentParentLine: o.indentParentLine ?? null,
  };
}
