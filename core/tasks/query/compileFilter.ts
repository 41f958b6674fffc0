// FilterNode → closure, once per run: dates are resolved against `today`, regexes and
// lower-cased needles built here, so the per-task work is a comparison or two.

import type { DateField } from '../../../shared-types/index.js';
import type { Task, TaskIndex } from '../types.js';
import { resolveDateRange, type DayRange } from './queryDates.js';
import type { RunFacts } from './runFacts.js';
import type { DateFilterField, DateKeyword, FilterNode, FilterSpec } from './types.js';
import { isDoneType, priorityCode } from './taskValues.js';

export type Predicate = (task: Task) => boolean;

export interface CompileContext {
  today: number;
  index: TaskIndex;
  facts: RunFacts;
}

export function compileNode(node: FilterNode, ctx: CompileContext): Predicate {
  switch (node.kind) {
    case 'leaf':
      return compileSpec(node.spec, ctx);
    case 'not': {
      const child = compileNode(node.child, ctx);
      return (t) => !child(t);
    }
    case 'and': {
      const l = compileNode(node.left, ctx);
      const r = compileNode(node.right, ctx);
      return (t) => l(t) && r(t);
    }
    case 'or': {
      const l = compileNode(node.left, ctx);
      const r = compileNode(node.right, ctx);
      return (t) => l(t) || r(t);
    }
    case 'xor': {
      const l = compileNode(node.left, ctx);
      const r = compileNode(node.right, ctx);
      return (t) => l(t) !== r(t);
    }
  }
}

/** Resolve a date filter's range for `today`; the parser already checked it resolves. */
export function dateRangeOf(spec: Extract<FilterSpec, { type: 'date' }>, today: number): DayRange {
  return resolveDateRange(spec.dateText, spec.keywordAndDateText, today) ?? { start: NaN, end: NaN };
}

/** Tasks' comparison for one date: missing → `ifMissing`; invalid → false (moment comparisons fail). */
function dayTest(keyword: DateKeyword | null, range: DayRange, ifMissing: boolean): (day: number | null) => boolean {
  const { start, end } = range;
  const test = ((): ((d: number) => boolean) => {
    switch (keyword) {
      case 'before':
        return (d) => d < start;
      case 'after':
        return (d) => d > end;
      case 'on or before':
      case 'in or before':
        return (d) => d <= end;
      case 'on or after':
      case 'in or after':
        return (d) => d >= start;
      default:
        return (d) => d >= start && d <= end;
    }
  })();
  // NaN (invalid date) fails every comparison by itself.
  return (d) => (d === null ? ifMissing : test(d));
}

function compileSpec(spec: FilterSpec, ctx: CompileContext): Predicate {
  const { facts, index } = ctx;
  switch (spec.type) {
    case 'done':
      return spec.done ? (t) => isDoneType(t.status.type) : (t) => !isDoneType(t.status.type);
    case 'statusType': {
      const { value, negate } = spec;
      return (t) => (t.status.type === value) !== negate;
    }
    case 'date': {
      const test = dayTest(spec.keyword, dateRangeOf(spec, ctx.today), spec.field === 'start');
      if (spec.field === 'happens') {
        // Tasks: any of start, scheduled, due matches.
        return (t) => {
          const f = facts.of(t);
          return (f.start !== null && test(f.start)) || (f.scheduled !== null && test(f.scheduled)) || (f.due !== null && test(f.due));
        };
      }
      const field = spec.field;
      return (t) => test(facts.of(t)[field]);
    }
    case 'dateExists': {
      const present = existence(spec.field, facts);
      return spec.has ? present : (t) => !present(t);
    }
    case 'dateInvalid': {
      const field = spec.field;
      return (t) => Number.isNaN(facts.of(t)[field]);
    }
    case 'priority': {
      const code = priorityCode[spec.value];
      switch (spec.op) {
        case 'is':
          return (t) => priorityCode[t.priority] === code;
        case 'not':
          return (t) => priorityCode[t.priority] !== code;
        case 'above':
          return (t) => priorityCode[t.priority] < code;
        case 'below':
          return (t) => priorityCode[t.priority] > code;
      }
      break;
    }
    case 'recurring':
      return spec.recurring ? (t) => t.recurrence !== null : (t) => t.recurrence === null;
    case 'text': {
      const negate = spec.op.includes('not');
      let matches: (value: string) => boolean;
      if (spec.regex) {
        const re = new RegExp(spec.regex.source, spec.regex.flags.replace(/[gy]/g, ''));
        matches = (v) => re.test(v);
      } else {
        const needle = spec.value.toLocaleLowerCase();
        matches = (v) => v.toLocaleLowerCase().includes(needle);
      }
      if (spec.field === 'tags') {
        return (t) => facts.of(t).hashTags.some(matches) !== negate;
      }
      const read = facts.textReader(spec.field);
      return (t) => matches(read(t)) !== negate;
    }
    case 'hasTags':
      return spec.has ? (t) => t.tags.length > 0 : (t) => t.tags.length === 0;
    case 'blocked':
      return spec.blocked ? (t) => index.isBlocked(t) : (t) => !index.isBlocked(t);
    case 'blocking':
      return spec.blocking ? (t) => index.isBlocking(t) : (t) => !index.isBlocking(t);
    case 'hasId':
      return spec.has ? (t) => !!t.id : (t) => !t.id;
    case 'hasDependsOn':
      return spec.has ? (t) => t.dependsOn.length > 0 : (t) => t.dependsOn.length === 0;
    case 'roleIs': {
      const wanted = spec.value.replace(/^@/, '').toLocaleLowerCase();
      const negate = spec.negate;
      return (t) => ((t.role ?? '').replace(/^@/, '').toLocaleLowerCase() === wanted) !== negate;
    }
    case 'hasRole':
      return spec.has ? (t) => !!t.role : (t) => !t.role;
    case 'state': {
      const { value, negate } = spec;
      return (t) => (index.state(t) === value) !== negate;
    }
    case 'ready': {
      let ready: Set<Task> | null = null;
      return (t) => (ready ??= new Set(index.ready())).has(t);
    }
    case 'excludeSubItems':
      return (t) => !isSubItem(t, index);
  }
  return () => false;
}

function existence(field: DateFilterField, facts: RunFacts): Predicate {
  if (field === 'happens') return (t) => t.dates.start !== null || t.dates.scheduled !== null || t.dates.due !== null;
  const f: DateField = field;
  return (t) => facts.of(t)[f] !== null;
}

/**
 * Tasks: a markdown task is a sub-item when indented (after any blockquote `>` and one space).
 * We also drop tasks the index gives a parent task (code tasks, `[parent:: id]`).
 */
export function isSubItem(task: Task, index: TaskIndex): boolean {
  if (task.source === 'markdown') {
    const indentation = task.prefix;
    if (indentation !== '') {
      const lastQuote = indentation.lastIndexOf('>');
      if (lastQuote === -1 || !/^ ?$/.test(indentation.slice(lastQuote + 1))) return true;
    }
  }
  return index.parentOf(task) !== null;
}
