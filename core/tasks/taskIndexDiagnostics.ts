import type { Diagnostic, Range } from '../../shared-types/index.js';
import type { CycleSketch } from './dependencyGraph.js';
import type { FieldKey, Task } from './types.js';

/**
 * The cross-file diagnostics of the task index (cycles, duplicate, unknown ids and parents):
 * where they sit on the line and what they say. The index decides *when*; this file decides
 * *how it reads*.
 */

/** The columns of the first field `key` on the task's line, or the whole line. */
export function fieldRange(task: Task, key: FieldKey): Range {
  const field = task.fields.find((f) => f.key === key);
  return field ? columns(task, field.start, field.end) : columns(task, 0, task.lineText.length);
}

/** The columns of one id inside the task's ⛔ / `[dependsOn:: …]` value, else of the field, else the line. */
export function dependencyRange(task: Task, id: string): Range {
  for (const field of task.fields) {
    if (field.key !== 'dependsOn') continue;
    for (const token of field.value.matchAll(/[^,\s]+/g)) {
      if (token[0] === id) {
        const start = field.valueStart + token.index;
        return columns(task, start, start + id.length);
      }
    }
  }
  return fieldRange(task, 'dependsOn');
}

function columns(task: Task, start: number, end: number): Range {
  return { start: { line: task.line, character: start }, end: { line: task.line, character: end } };
}

export function duplicateId(task: Task, id: string, firstKey: string): Diagnostic {
  return {
    path: task.path,
    range: fieldRange(task, 'id'),
    severity: 'error',
    code: 'duplicate-id',
    message: `Duplicate id '${id}': ${firstKey} already has 🆔 ${id}. Ids must be unique in the vault; tasks that depend on '${id}' now wait for both. Give this task a new id.`,
  };
}

export function unknownDependency(task: Task, id: string): Diagnostic {
  return {
    path: task.path,
    range: dependencyRange(task, id),
    severity: 'warning',
    code: 'unknown-dependency',
    message: `Unknown dependency '${id}': no task has 🆔 ${id}. It does not block this task; correct the id or remove it.`,
  };
}

/** Where a task whose `[parent:: …]` cannot be used ends up in the tree. */
function whereItStays(indentParentKey: string | null): string {
  return indentParentKey === null ? 'is treated as a top-level task' : `stays under the task it is indented under (${indentParentKey})`;
}

export function unknownParent(task: Task, id: string, fallbackKey: string | null): Diagnostic {
  return {
    path: task.path,
    range: fieldRange(task, 'parent'),
    severity: 'warning',
    code: 'unknown-parent',
    message: `Unknown parent '${id}': no task has 🆔 ${id}, so this task ${whereItStays(fallbackKey)}.`,
  };
}

/** `names` runs round the cycle from this task back to it. */
export function dependencyCycle(task: Task, names: string, selfLoop: boolean, nextId: string | null): Diagnostic {
  const message = selfLoop
    ? `This task depends on itself (${names}), so it can never become ready. Remove '${nextId ?? task.id ?? ''}' from its dependencies.`
    : `Dependency cycle: ${names}. Each task waits for the next, so none of them can ever become ready; remove one of these dependencies to break the cycle.`;
  return {
    path: task.path,
    range: nextId === null ? fieldRange(task, 'dependsOn') : dependencyRange(task, nextId),
    severity: 'error',
    code: 'dependency-cycle',
    message,
  };
}

/** A `[parent:: …]` link that would make a task its own ancestor; it is ignored (a warning: we recover). */
export function parentCycle(task: Task, names: string, fallbackKey: string | null): Diagnostic {
  return {
    path: task.path,
    range: fieldRange(task, 'parent'),
    severity: 'warning',
    code: 'dependency-cycle',
    message: `Parent cycle: ${names}. A task cannot be its own ancestor, so this [parent:: ${task.parentId ?? ''}] link is ignored and the task ${whereItStays(fallbackKey)}.`,
  };
}

/** `a → b → … (N more) … → y → z`, from a cycle sketch and a way to name each node. */
export function walkText(sketch: CycleSketch, name: (v: number) => string): string {
  return sketch.walk.map((v) => (v === -1 ? `… (${sketch.omitted} more) …` : name(v))).join(' → ');
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}
