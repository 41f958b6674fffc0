import type { Diagnostic, DiagnosticCode, Range } from '../../shared-types/index.js';
import type { FieldKey, Task } from './types.js';

const dateFields = new Set(['due', 'scheduled', 'start', 'created', 'done', 'cancelled']);

/** Problems a task line has on its own: values we keep as written but cannot use. */
export function taskFieldDiagnostics(task: Task): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const name of task.invalid) {
    const field = task.fields.find((f) => f.key === name);
    const range = field ? columns(task, field.start, field.end) : wholeLine(task);
    const written = field ? task.lineText.slice(field.start, field.end) : name;
    const code: DiagnosticCode = dateFields.has(name) ? 'invalid-date' : name === 'recurrence' ? 'invalid-recurrence' : 'invalid-field';
    diagnostics.push({
      path: task.path,
      range,
      severity: 'warning',
      code,
      message: invalidMessage(name, field?.value ?? '', written),
    });
  }
  const seen = new Map<FieldKey, string>();
  for (const field of task.fields) {
    const first = seen.get(field.key);
    if (first === undefined) {
      seen.set(field.key, field.value);
      continue;
    }
    diagnostics.push({
      path: task.path,
      range: columns(task, field.start, field.end),
      severity: 'warning',
      code: 'duplicate-field',
      message: `'${field.key}' is given more than once; the first value (${first}) counts and this one is ignored. Remove one of them.`,
    });
  }
  return diagnostics;
}

function invalidMessage(name: string, value: string, written: string): string {
  if (dateFields.has(name)) return `Invalid ${name} date '${value}' in '${written}': expected a real date as YYYY-MM-DD. It is kept as written and ignored by queries.`;
  if (name === 'recurrence') return `Cannot read the recurrence rule '${value}': write it like 'every week on Monday' or 'every 2 days when done'. It is kept as written.`;
  return `Invalid ${name} '${value}' in '${written}'. It is kept as written and ignored.`;
}

function columns(task: Task, start: number, end: number): Range {
  return { start: { line: task.line, character: start }, end: { line: task.line, character: end } };
}

function wholeLine(task: Task): Range {
  return columns(task, 0, task.lineText.length);
}
