// Grouping, as Tasks does it: each `group by` gives every task one or more names (a task with two
// tags lands in two groups); groups are ordered by their names level by level (numeric-aware,
// `reverse` per level); tasks keep their sorted order inside a group. Names carry Tasks' `%%n%%`
// ordering prefixes; headings are shown without them.

import type { Task, TaskIndex } from '../types.js';
import { formatDayWithWeekday } from './queryDates.js';
import type { RunFacts } from './runFacts.js';
import { stateOrder } from './sortTasks.js';
import { collator, folderOf, isDoneType, priorityCode, priorityGroupName, rootOf, statusTypeOrder } from './taskValues.js';
import type { GroupField, QueryGroup } from './types.js';

export interface GroupSpec {
  field: GroupField;
  reverse: boolean;
}

type Namer = (task: Task) => string[];

function dateNames(day: number | null, field: string): string[] {
  if (day === null) return [`No ${field} date`];
  if (Number.isNaN(day)) return [`%%0%% Invalid ${field} date`];
  return [formatDayWithWeekday(day)];
}

function stripExtension(filename: string): string {
  return filename.endsWith('.md') ? filename.slice(0, -3) : filename;
}

function namer(field: GroupField, facts: RunFacts, index: TaskIndex): Namer {
  switch (field) {
    case 'status':
      return (t) => [isDoneType(t.status.type) ? 'Done' : 'Todo'];
    case 'status.type':
      return (t) => [`%%${statusTypeOrder[t.status.type]}%%${t.status.type}`];
    case 'status.name':
      return (t) => [t.status.name];
    case 'due':
    case 'scheduled':
    case 'start':
    case 'created':
    case 'done':
    case 'cancelled':
      return (t) => dateNames(facts.of(t)[field], field);
    case 'happens':
      return (t) => dateNames(facts.of(t).happens, 'happens');
    case 'path':
      return (t) => [t.path.replace('.md', '')];
    case 'folder':
      return (t) => [folderOf(t.path)];
    case 'root':
      return (t) => [rootOf(t.path)];
    case 'filename':
      return (t) => [stripExtension(facts.of(t).filename)];
    case 'backlink':
      return (t) => {
        const name = stripExtension(facts.of(t).filename);
        return [t.heading ? `${name} > ${t.heading}` : name];
      };
    case 'heading':
      return (t) => [t.heading ? t.heading : '(No heading)'];
    case 'tags':
      return (t) => {
        const tags = facts.of(t).hashTags;
        return tags.length === 0 ? ['(No tags)'] : tags;
      };
    case 'priority':
      return (t) => [`%%${priorityCode[t.priority]}%%${priorityGroupName[t.priority]} priority`];
    case 'urgency':
      return (t) => [facts.of(t).urgency.toFixed(2)];
    case 'recurring':
      return (t) => [t.recurrence !== null ? 'Recurring' : 'Not Recurring'];
    case 'recurrence':
      return (t) => [t.recurrence ?? 'None'];
    case 'id':
      return (t) => [t.id ?? ''];
    case 'role':
      return (t) => [t.role ? t.role : '(No role)'];
    case 'state':
      return (t) => {
        const state = index.state(t);
        return [`%%${stateOrder[state]}%%${state}`];
      };
  }
}

/** `%%…%%` is an Obsidian comment: Tasks uses it to order headings without showing the prefix. */
export function displayHeading(name: string): string {
  return name.replace(/%%.*?%%/g, '').trim();
}

export function groupTasks(
  tasks: readonly Task[],
  groups: readonly GroupSpec[],
  facts: RunFacts,
  index: TaskIndex,
): QueryGroup[] {
  if (groups.length === 0) return [{ headings: [], tasks: [...tasks] }];
  const namers = groups.map((g) => namer(g.field, facts, index));
  // Urgency headings sort high to low unless reversed (Tasks inverts `reverse` for urgency).
  const signs = groups.map((g) => ((g.field === 'urgency') !== g.reverse ? -1 : 1));
  const byKey = new Map<string, { names: string[]; tasks: Task[] }>();
  for (const task of tasks) {
    let paths: string[][] = [[]];
    for (const name of namers) {
      const names = name(task);
      if (names.length <= 1) {
        const only = names[0] ?? '';
        for (const p of paths) p.push(only);
      } else {
        paths = paths.flatMap((p) => names.map((n) => [...p, n]));
      }
    }
    for (const names of paths) {
      const key = names.join('\u0000');
      let group = byKey.get(key);
      if (!group) byKey.set(key, (group = { names, tasks: [] }));
      // A task named twice at one level (duplicate tag) is listed once.
      if (group.tasks[group.tasks.length - 1] !== task) group.tasks.push(task);
    }
  }
  const sorted = [...byKey.values()].sort((a, b) => {
    for (let i = 0; i < signs.length; i++) {
      const c = collator.compare(a.names[i]!, b.names[i]!);
      if (c !== 0) return c * signs[i]!;
    }
    return 0;
  });
  return sorted.map((g) => ({ headings: g.names.map(displayHeading), tasks: g.tasks }));
}
