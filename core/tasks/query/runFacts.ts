// Per-run memo of what filters, sorters and groupers read from each task. Built lazily, one Map
// entry per task touched, so a query over 50,000 tasks parses each date string once.

import type { Task } from '../types.js';
import { dayOf, filenameOf, folderOf, happensDay, removeGlobalFilter, rootOf, urgencyOf, type Day } from './taskValues.js';
import type { TextFilterField } from './types.js';

export interface TaskFacts {
  due: Day;
  scheduled: Day;
  start: Day;
  created: Day;
  done: Day;
  cancelled: Day;
  /** Earliest valid of start/scheduled/due, or null. */
  happens: number | null;
  /** Tags with their `#`, as Tasks stores them. */
  hashTags: string[];
  filename: string;
  urgency: number;
}

export class RunFacts {
  private readonly cache = new Map<Task, TaskFacts>();

  constructor(
    readonly today: number,
    readonly globalFilter: string | null,
  ) {}

  of(task: Task): TaskFacts {
    let f = this.cache.get(task);
    if (f === undefined) {
      f = {
        due: dayOf(task, 'due'),
        scheduled: dayOf(task, 'scheduled'),
        start: dayOf(task, 'start'),
        created: dayOf(task, 'created'),
        done: dayOf(task, 'done'),
        cancelled: dayOf(task, 'cancelled'),
        happens: happensDay(task),
        hashTags: task.tags.map((t) => (t.startsWith('#') ? t : `#${t}`)),
        filename: filenameOf(task.path),
        urgency: 0,
      };
      f.urgency = urgencyOf(f.due, f.scheduled, f.start, task.priority, this.today);
      this.cache.set(task, f);
    }
    return f;
  }

  description(task: Task): string {
    return removeGlobalFilter(task.description, this.globalFilter);
  }

  /** The string a text filter on `field` matches against (Tasks' `value()`). */
  textReader(field: Exclude<TextFilterField, 'tags'>): (task: Task) => string {
    switch (field) {
      case 'description':
        return (t) => this.description(t);
      case 'path':
        return (t) => t.path;
      case 'folder':
        return (t) => folderOf(t.path);
      case 'root':
        return (t) => rootOf(t.path);
      case 'filename':
        return (t) => this.of(t).filename;
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
}
