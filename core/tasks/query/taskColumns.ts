// What queries read from each task, derived once per TaskIndex instead of once per run: a query
// over 50,000 tasks then only compares numbers and strings. Columns are indexed by a task's
// position in `index.tasks`, built lazily on first use, and kept in a WeakMap keyed by the index
// (a new index — after any edit — starts empty; a dropped one frees its columns). Nothing here
// depends on `today` except `urgency`, which is keyed on it.

import type { DateField, TaskState } from '../../../shared-types/index.js';
import { factsIfMade, type TaskFacts } from '../taskIndex.js';
import { lineage, type TaskSplice } from '../taskIndexIncremental.js';
import type { Task, TaskIndex } from '../types.js';
import { isSubItem } from './subItems.js';
import { cleanDescription, dayOf, filenameOf, folderOf, happensDay, isDoneType, priorityCode, removeGlobalFilter, rootOf, statusTypeOrder, urgencyOf } from './taskValues.js';
import type { TextFilterField } from './types.js';

/** In a day column: a missing date (a present but invalid one is NaN, as in `Day`). */
export const MISSING = Infinity;

/** The string fields a text filter or sort reads, as columns (description varies with the global filter). */
export type TextColumn = Exclude<TextFilterField, 'tags'> | 'sortDescription';

/** Most recent `today`s whose urgency column is kept (a long-running server crosses midnight). */
const urgencyDaysKept = 4;

export class TaskColumns {
  readonly n: number;
  private readonly days = new Map<DateField | 'happens', Float64Array>();
  private readonly texts = new Map<string, readonly string[]>();
  /** How each text column reads a task (to fill in the changed tasks of a derived index). */
  private readonly textReaders = new Map<string, (task: Task) => string>();
  private readonly lowerTexts = new Map<string, readonly string[]>();
  private readonly urgencies = new Map<number, Float64Array>();
  private tagLists: readonly (readonly string[])[] | null = null;
  private lowerTagLists: readonly (readonly string[])[] | null = null;
  private flags = new Map<'blocked' | 'blocking' | 'ready' | 'subItem' | 'done', Uint8Array>();
  private stateList: readonly TaskState[] | null = null;
  private distinct: boolean | undefined;
  private small = new Map<'statusType' | 'priority', Uint8Array>();
  /** Caches for other modules (sort ranks, group names), keyed by what they depend on. */
  readonly memo = new Map<string, unknown>();

  constructor(
    readonly index: TaskIndex,
    readonly tasks: readonly Task[] = index.tasks,
  ) {
    this.n = tasks.length;
  }

  /** Day numbers: MISSING, NaN (invalid) or the day. `happens` is the earliest valid of start/scheduled/due. */
  day(field: DateField | 'happens'): Float64Array {
    const steps = this.dayInSteps(field, this.n);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  }

  /**
   * day() a `perStep` tasks at a time, for a warm-up that yields between steps: a day column
   * reads every task's date text, ~40 ms at 200k tasks. The column is kept only once complete
   * (a query that asks meanwhile builds its own).
   */
  *dayInSteps(field: DateField | 'happens', perStep: number): Generator<void, Float64Array, void> {
    const known = this.days.get(field);
    if (known) return known;
    const column = new Float64Array(this.n);
    for (let from = 0; from < this.n; from += perStep) {
      if (from > 0) yield;
      const to = Math.min(this.n, from + perStep);
      for (let v = from; v < to; v++) {
        const day = field === 'happens' ? happensDay(this.tasks[v]!) : dayOf(this.tasks[v]!, field);
        column[v] = day === null ? MISSING : day;
      }
    }
    const settled = this.days.get(field) ?? column;
    this.days.set(field, settled);
    return settled;
  }

  /** The string a text filter reads (Tasks' `value()`), or a sort's cleaned description. */
  text(field: TextColumn, globalFilter: string | null): readonly string[] {
    const key = field === 'description' || field === 'sortDescription' ? `${field}\u0000${globalFilter ?? ''}` : field;
    let column = this.texts.get(key);
    if (!column) {
      const read = textReader(field, globalFilter);
      column = this.tasks.map(read);
      this.texts.set(key, column);
      this.textReaders.set(key, read);
    }
    return column;
  }

  /** `text(…)` lower-cased, for `includes` (a needle is lower-cased once per run). */
  lowerText(field: TextColumn, globalFilter: string | null): readonly string[] {
    const key = `${field}\u0000${globalFilter ?? ''}`;
    let column = this.lowerTexts.get(key);
    if (!column) {
      column = this.text(field, globalFilter).map((s) => s.toLocaleLowerCase());
      this.lowerTexts.set(key, column);
    }
    return column;
  }

  /** Tags with their `#`, as Tasks stores them. */
  hashTags(): readonly (readonly string[])[] {
    return (this.tagLists ??= this.tasks.map((t) => t.tags.map((tag) => (tag.startsWith('#') ? tag : `#${tag}`))));
  }

  lowerHashTags(): readonly (readonly string[])[] {
    return (this.lowerTagLists ??= this.hashTags().map((tags) => tags.map((tag) => tag.toLocaleLowerCase())));
  }

  /** 1 where the index (or Tasks' rules) says so, else 0. */
  flag(which: 'blocked' | 'blocking' | 'ready' | 'subItem' | 'done'): Uint8Array {
    let column = this.flags.get(which);
    if (!column) {
      column = new Uint8Array(this.n);
      const { index, tasks } = this;
      const facts = which === 'blocked' || which === 'blocking' ? this.madeFacts() : null;
      if (facts) column.set(which === 'blocked' ? facts.blocked : facts.blocking);
      else if (which === 'ready') {
        const ready = new Set(index.ready());
        for (let v = 0; v < this.n; v++) column[v] = ready.has(tasks[v]!) ? 1 : 0;
      } else {
        const test: (t: Task) => boolean =
          which === 'blocked'
            ? (t) => index.isBlocked(t)
            : which === 'blocking'
              ? (t) => index.isBlocking(t)
              : which === 'subItem'
                ? (t) => isSubItem(t, index)
                : (t) => isDoneType(t.status.type);
        for (let v = 0; v < this.n; v++) column[v] = test(tasks[v]!) ? 1 : 0;
      }
      this.flags.set(which, column);
    }
    return column;
  }

  states(): readonly TaskState[] {
    return (this.stateList ??= this.madeFacts()?.states ?? this.tasks.map((t) => this.index.state(t)));
  }

  /** The index's whole-graph facts when made and over these very tasks: their per-node arrays are these columns, copied instead of asked task by task. */
  private madeFacts(): TaskFacts | null {
    const facts = factsIfMade(this.index);
    return facts !== null && facts.tasks === this.tasks ? facts : null;
  }

  /** Tasks' `status.type` order (1…6) or priority code (0 highest … 5 lowest). */
  code(which: 'statusType' | 'priority'): Uint8Array {
    let column = this.small.get(which);
    if (!column) {
      column = new Uint8Array(this.n);
      for (let v = 0; v < this.n; v++) {
        const t = this.tasks[v]!;
        column[v] = which === 'statusType' ? statusTypeOrder[t.status.type] : priorityCode[t.priority];
      }
      this.small.set(which, column);
    }
    return column;
  }

  /** Whether no Task object appears twice in `index.tasks` (then a position stands for its task). */
  distinctTasks(): boolean {
    return (this.distinct ??= new Set(this.tasks).size === this.n);
  }

  /**
   * Takes over every column that reads only the task itself (dates, texts, tags, status and
   * priority codes, done, urgency) from the columns of the index this one follows from: a
   * position whose task is unchanged copies its value, a changed file's tasks are read afresh.
   * What depends on other tasks (blocked, blocking, ready, sub-item, state) and `memo` start empty.
   */
  adopt(previous: TaskColumns, source: Int32Array): void {
    const n = this.n;
    const tasks = this.tasks;
    const numbers = <A extends Float64Array | Uint8Array>(old: A, make: (n: number) => A, read: (t: Task) => number): A => {
      const column = make(n);
      for (let v = 0; v < n; v++) {
        const s = source[v]!;
        column[v] = s >= 0 ? old[s]! : read(tasks[v]!);
      }
      return column;
    };
    const list = <T>(old: readonly T[], read: (t: Task, v: number) => T): readonly T[] => {
      const column = new Array<T>(n);
      for (let v = 0; v < n; v++) {
        const s = source[v]!;
        column[v] = s >= 0 ? old[s]! : read(tasks[v]!, v);
      }
      return column;
    };
    for (const [field, old] of previous.days) {
      this.days.set(
        field,
        numbers(old, (k) => new Float64Array(k), (t) => {
          const day = field === 'happens' ? happensDay(t) : dayOf(t, field);
          return day === null ? MISSING : day;
        }),
      );
    }
    for (const [key, old] of previous.texts) {
      const read = previous.textReaders.get(key)!;
      const column = list(old, read);
      this.texts.set(key, column);
      this.textReaders.set(key, read);
      const lower = previous.lowerTexts.get(key);
      if (lower) this.lowerTexts.set(key, list(lower, (_, v) => column[v]!.toLocaleLowerCase()));
    }
    for (const [key, old] of previous.lowerTexts) {
      if (this.lowerTexts.has(key)) continue;
      const [field, globalFilter] = key.split('\u0000') as [TextColumn, string];
      const read = textReader(field, globalFilter === '' ? null : globalFilter);
      this.lowerTexts.set(key, list(old, (t) => read(t).toLocaleLowerCase()));
    }
    if (previous.tagLists) {
      this.tagLists = list(previous.tagLists, (t) => t.tags.map((tag) => (tag.startsWith('#') ? tag : `#${tag}`)));
      if (previous.lowerTagLists) this.lowerTagLists = list(previous.lowerTagLists, (_, v) => this.tagLists![v]!.map((tag) => tag.toLocaleLowerCase()));
    }
    const done = previous.flags.get('done');
    if (done) this.flags.set('done', numbers(done, (k) => new Uint8Array(k), (t) => (isDoneType(t.status.type) ? 1 : 0)));
    for (const [which, old] of previous.small) {
      this.small.set(
        which,
        numbers(old, (k) => new Uint8Array(k), (t) => (which === 'statusType' ? statusTypeOrder[t.status.type] : priorityCode[t.priority])),
      );
    }
    for (const [today, old] of previous.urgencies) {
      this.urgencies.set(
        today,
        numbers(old, (k) => new Float64Array(k), (t) => {
          const day = (field: DateField) => dayOf(t, field);
          return urgencyOf(day('due'), day('scheduled'), day('start'), t.priority, today);
        }),
      );
    }
  }

  /** Tasks' urgency score of every task on `today`. */
  urgency(today: number): Float64Array {
    let column = this.urgencies.get(today);
    if (!column) {
      const due = this.day('due');
      const scheduled = this.day('scheduled');
      const start = this.day('start');
      const day = (d: number) => (d === MISSING ? null : d);
      column = new Float64Array(this.n);
      for (let v = 0; v < this.n; v++) {
        column[v] = urgencyOf(day(due[v]!), day(scheduled[v]!), day(start[v]!), this.tasks[v]!.priority, today);
      }
      if (this.urgencies.size >= urgencyDaysKept) this.urgencies.delete(this.urgencies.keys().next().value!);
      this.urgencies.set(today, column);
    }
    return column;
  }
}

function textReader(field: TextColumn, globalFilter: string | null): (task: Task) => string {
  switch (field) {
    case 'description':
      return (t) => removeGlobalFilter(t.description, globalFilter);
    case 'sortDescription':
      return (t) => cleanDescription(t.description, globalFilter);
    case 'path':
      return (t) => t.path;
    case 'folder':
      return (t) => folderOf(t.path);
    case 'root':
      return (t) => rootOf(t.path);
    case 'filename':
      return (t) => filenameOf(t.path);
    case 'heading':
      return (t) => t.heading ?? '';
    case 'status.name':
      return (t) => t.status.name;
    case 'recurrence':
      return (t) => t.recurrence ?? '';
    case 'id':
      return (t) => t.id ?? '';
    case 'role':
      return (t) => t.role ?? '';
  }
}

const cache = new WeakMap<TaskIndex, TaskColumns>();

/** The columns of `index`, shared by every query run against it. */
export function taskColumns(index: TaskIndex): TaskColumns {
  let columns = cache.get(index);
  if (!columns) {
    columns = new TaskColumns(index);
    const link = lineage.get(index);
    const previous = link && cache.get(link.previous);
    if (link && previous) {
      const source = positionsBefore(previous.n, link.splices, columns.n);
      if (source) columns.adopt(previous, source);
    }
    cache.set(index, columns);
  }
  return columns;
}

/** For each position after the splices, the position it had before (-1: a changed file's task), or null if the counts disagree. */
function positionsBefore(before: number, splices: readonly TaskSplice[], after: number): Int32Array | null {
  let source = new Int32Array(before);
  for (let v = 0; v < before; v++) source[v] = v;
  for (const { offset, remove, insert } of splices) {
    if (offset === undefined) return null;
    const next = new Int32Array(source.length - remove + insert.length);
    next.set(source.subarray(0, offset));
    next.fill(-1, offset, offset + insert.length);
    next.set(source.subarray(offset + remove), offset + insert.length);
    source = next;
  }
  return source.length === after ? source : null;
}
