// FilterNode → closure, once per run: dates are resolved against `today`, regexes and
// lower-cased needles built here, so the per-task work is a comparison or two. A predicate takes
// a task's position in `index.tasks` and reads the per-index columns (taskColumns.ts).

import { resolveDateRange, type DayRange } from './queryDates.js';
import type { RunFacts } from './runFacts.js';
import { MISSING } from './taskColumns.js';
import type { DateFilterField, DateKeyword, FilterNode, FilterSpec } from './types.js';
import { priorityCode } from './taskValues.js';

/** Whether the task at this position in `index.tasks` passes. */
export type Predicate = (position: number) => boolean;

export interface CompileContext {
  today: number;
  facts: RunFacts;
}

export function compileNode(node: FilterNode, ctx: CompileContext): Predicate {
  switch (node.kind) {
    case 'leaf':
      return compileSpec(node.spec, ctx);
    case 'not': {
      const child = compileNode(node.child, ctx);
      return (v) => !child(v);
    }
    case 'and': {
      const l = compileNode(node.left, ctx);
      const r = compileNode(node.right, ctx);
      return (v) => l(v) && r(v);
    }
    case 'or': {
      const l = compileNode(node.left, ctx);
      const r = compileNode(node.right, ctx);
      return (v) => l(v) || r(v);
    }
    case 'xor': {
      const l = compileNode(node.left, ctx);
      const r = compileNode(node.right, ctx);
      return (v) => l(v) !== r(v);
    }
  }
}

/** Resolve a date filter's range for `today`; the parser already checked it resolves. */
export function dateRangeOf(spec: Extract<FilterSpec, { type: 'date' }>, today: number): DayRange {
  return resolveDateRange(spec.dateText, spec.keywordAndDateText, today) ?? { start: NaN, end: NaN };
}

/** Tasks' comparison for one date: missing → `ifMissing`; invalid → false (moment comparisons fail). */
function dayTest(keyword: DateKeyword | null, range: DayRange, ifMissing: boolean): (day: number) => boolean {
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
  return (d) => (d === MISSING ? ifMissing : test(d));
}

function compileSpec(spec: FilterSpec, ctx: CompileContext): Predicate {
  const { facts } = ctx;
  const { columns, tasks } = facts;
  switch (spec.type) {
    case 'done': {
      const done = columns.flag('done');
      return spec.done ? (v) => done[v] === 1 : (v) => done[v] === 0;
    }
    case 'statusType': {
      const { value, negate } = spec;
      return (v) => (tasks[v]!.status.type === value) !== negate;
    }
    case 'date': {
      const test = dayTest(spec.keyword, dateRangeOf(spec, ctx.today), spec.field === 'start');
      if (spec.field === 'happens') {
        // Tasks: any of start, scheduled, due matches.
        const start = columns.day('start');
        const scheduled = columns.day('scheduled');
        const due = columns.day('due');
        return (v) => (start[v] !== MISSING && test(start[v]!)) || (scheduled[v] !== MISSING && test(scheduled[v]!)) || (due[v] !== MISSING && test(due[v]!));
      }
      const days = columns.day(spec.field);
      return (v) => test(days[v]!);
    }
    case 'dateExists': {
      const present = existence(spec.field, facts);
      return spec.has ? present : (v) => !present(v);
    }
    case 'dateInvalid': {
      const days = columns.day(spec.field);
      return (v) => Number.isNaN(days[v]);
    }
    case 'priority': {
      const code = priorityCode[spec.value];
      const codes = columns.code('priority');
      switch (spec.op) {
        case 'is':
          return (v) => codes[v] === code;
        case 'not':
          return (v) => codes[v] !== code;
        case 'above':
          return (v) => codes[v]! < code;
        case 'below':
          return (v) => codes[v]! > code;
      }
      break;
    }
    case 'recurring':
      return spec.recurring ? (v) => tasks[v]!.recurrence !== null : (v) => tasks[v]!.recurrence === null;
    case 'text': {
      const negate = spec.op.includes('not');
      if (spec.regex) {
        const re = new RegExp(spec.regex.source, spec.regex.flags.replace(/[gy]/g, ''));
        const matches = (s: string) => re.test(s);
        if (spec.field === 'tags') {
          const tags = columns.hashTags();
          return (v) => tags[v]!.some(matches) !== negate;
        }
        const values = facts.text(spec.field);
        return (v) => re.test(values[v]!) !== negate;
      }
      // Values are lower-cased once per index (taskColumns), the needle once per run.
      const needle = spec.value.toLocaleLowerCase();
      if (spec.field === 'tags') {
        const tags = columns.lowerHashTags();
        const matches = (s: string) => s.includes(needle);
        return (v) => tags[v]!.some(matches) !== negate;
      }
      const values = facts.lowerText(spec.field);
      return (v) => values[v]!.includes(needle) !== negate;
    }
    case 'hasTags':
      return spec.has ? (v) => tasks[v]!.tags.length > 0 : (v) => tasks[v]!.tags.length === 0;
    case 'blocked': {
      const blocked = columns.flag('blocked');
      return spec.blocked ? (v) => blocked[v] === 1 : (v) => blocked[v] === 0;
    }
    case 'blocking': {
      const blocking = columns.flag('blocking');
      return spec.blocking ? (v) => blocking[v] === 1 : (v) => blocking[v] === 0;
    }
    case 'hasId':
      return spec.has ? (v) => !!tasks[v]!.id : (v) => !tasks[v]!.id;
    case 'hasDependsOn':
      return spec.has ? (v) => tasks[v]!.dependsOn.length > 0 : (v) => tasks[v]!.dependsOn.length === 0;
    case 'roleIs': {
      const wanted = spec.value.replace(/^@/, '').toLocaleLowerCase();
      const negate = spec.negate;
      return (v) => ((tasks[v]!.role ?? '').replace(/^@/, '').toLocaleLowerCase() === wanted) !== negate;
    }
    case 'hasRole':
      return spec.has ? (v) => !!tasks[v]!.role : (v) => !tasks[v]!.role;
    case 'state': {
      const { value, negate } = spec;
      const states = columns.states();
      return (v) => (states[v] === value) !== negate;
    }
    case 'ready': {
      const ready = columns.flag('ready');
      return (v) => ready[v] === 1;
    }
    case 'excludeSubItems': {
      const subItem = columns.flag('subItem');
      return (v) => subItem[v] === 0;
    }
  }
  return () => false;
}

function existence(field: DateFilterField, facts: RunFacts): Predicate {
  const { tasks, columns } = facts;
  if (field === 'happens') {
    return (v) => {
      const dates = tasks[v]!.dates;
      return dates.start !== null || dates.scheduled !== null || dates.due !== null;
    };
  }
  const days = columns.day(field);
  return (v) => days[v] !== MISSING;
}

