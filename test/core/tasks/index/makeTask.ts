import type { StatusType, TaskState } from '../../../../shared-types/index.js';
import type { FieldOccurrence, StatusDefinition, Task } from '../../../../core/tasks/types.js';

/** Status rows by the symbols used in these tests (Tasks' defaults, plus hold and failed). */
export const statuses: Record<string, StatusDefinition> = {
  ' ': { symbol: ' ', name: 'Todo', type: 'TODO', next: 'x' },
  x: { symbol: 'x', name: 'Done', type: 'DONE', next: ' ' },
  '/': { symbol: '/', name: 'In Progress', type: 'IN_PROGRESS', next: 'x' },
  '-': { symbol: '-', name: 'Cancelled', type: 'CANCELLED', next: ' ' },
  h: { symbol: 'h', name: 'On hold', type: 'ON_HOLD', next: ' ' },
  n: { symbol: 'n', name: 'Note', type: 'NON_TASK', next: ' ' },
  F: { symbol: 'F', name: 'Failed', type: 'TODO', next: ' ', state: 'Failed' },
};

export function status(type: StatusType, state?: TaskState): StatusDefinition {
  return { symbol: '?', name: type, type, next: ' ', ...(state ? { state } : {}) };
}

export interface TaskSpec {
  path?: string;
  /** Zero-based. */
  line?: number;
  symbol?: string;
  description?: string;
  id?: string | null;
  dependsOn?: string[];
  parentId?: string | null;
  indentParentLine?: number | null;
  role?: string | null;
  /** Indentation written before the marker. */
  indent?: string;
}

let nextLine = 0;

/**
 * A Task as the parser would produce it, with a line text that really carries its fields (so
 * diagnostics can point at the 🆔 / ⛔ / parent columns). Lines default to a running counter.
 */
export function makeTask(spec: TaskSpec = {}): Task {
  const symbol = spec.symbol ?? ' ';
  const description = spec.description ?? `task ${spec.id ?? nextLine}`;
  const prefix = spec.indent ?? '';
  const fields: FieldOccurrence[] = [];
  let lineText = `${prefix}- [${symbol}] ${description}`;
  const bodyStart = prefix.length + 6;
  const add = (key: FieldOccurrence['key'], emoji: string, value: string) => {
    const start = lineText.length + 1;
    lineText += ` ${emoji} ${value}`;
    fields.push({ key, format: 'emoji', start, end: lineText.length, value, valueStart: lineText.length - value.length, valueEnd: lineText.length });
  };
  if (spec.id) add('id', '🆔', spec.id);
  if (spec.dependsOn && spec.dependsOn.length > 0) add('dependsOn', '⛔', spec.dependsOn.join(', '));
  if (spec.parentId) {
    const start = lineText.length + 1;
    const value = spec.parentId;
    lineText += ` [parent:: ${value}]`;
    fields.push({ key: 'parent', format: 'dataview', start, end: lineText.length, value, valueStart: lineText.length - 1 - value.length, valueEnd: lineText.length - 1 });
  }
  return {
    path: spec.path ?? 'notes/project.md',
    line: spec.line ?? nextLine++,
    source: 'markdown',
    lineText,
    prefix,
    marker: '-',
    symbol,
    status: statuses[symbol] ?? { symbol, name: 'Unknown', type: 'TODO', next: 'x' },
    bodyStart,
    description,
    dates: { due: null, scheduled: null, start: null, created: null, done: null, cancelled: null },
    invalid: [],
    priority: 'normal',
    recurrence: null,
    onCompletion: null,
    id: spec.id ?? null,
    dependsOn: spec.dependsOn ?? [],
    tags: [],
    role: spec.role ?? null,
    parentId: spec.parentId ?? null,
    blockId: null,
    fields,
    heading: null,
    indentParentLine: spec.indentParentLine ?? null,
  };
}

/**
 * Tasks from a compact outline, one per line of `path` (line = position):
 * `[x] a <- b, c` is a done task with id `a` depending on `b` and `c`; two spaces of indentation
 * per level make subtasks; `^p` names a parent id; `@coder` a role.
 */
export function outline(text: string, path = 'notes/project.md'): Task[] {
  const tasks: Task[] = [];
  const stack: { depth: number; line: number }[] = [];
  text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .forEach((raw, line) => {
      const m = /^( *)\[(.)\]\s*([\w-]+)?\s*(?:<-\s*([\w\s,-]+?))?\s*(?:\^([\w-]+))?\s*(?:@(\w+))?\s*$/.exec(raw);
      if (!m) throw new Error(`bad outline line: ${raw}`);
      const depth = m[1]!.length / 2;
      while (stack.length > 0 && stack[stack.length - 1]!.depth >= depth) stack.pop();
      const indentParentLine = stack.length > 0 ? stack[stack.length - 1]!.line : null;
      stack.push({ depth, line });
      tasks.push(
        makeTask({
          path,
          line,
          symbol: m[2]!,
          id: m[3] ?? null,
          description: m[3] ?? `line ${line}`,
          dependsOn: m[4] ? m[4].split(',').map((s) => s.trim()).filter(Boolean) : [],
          parentId: m[5] ?? null,
          role: m[6] ?? null,
          indentParentLine,
          indent: m[1]!,
        }),
      );
    });
  return tasks;
}

/** Ids (or `path:line`) of tasks, for readable assertions. */
export function ids(tasks: readonly Task[]): string[] {
  return tasks.map((t) => t.id ?? `${t.path}:${t.line + 1}`);
}
