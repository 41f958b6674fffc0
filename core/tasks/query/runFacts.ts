// One run's view of the per-index columns: the run's `today` and global filter, which the
// columns themselves never depend on (see taskColumns.ts).

import type { Task } from '../types.js';
import type { TaskColumns, TextColumn } from './taskColumns.js';

export class RunFacts {
  readonly tasks: readonly Task[];

  constructor(
    readonly columns: TaskColumns,
    readonly today: number,
    readonly globalFilter: string | null,
  ) {
    this.tasks = columns.tasks;
  }

  urgency(): Float64Array {
    return this.columns.urgency(this.today);
  }

  text(field: TextColumn): readonly string[] {
    return this.columns.text(field, this.globalFilter);
  }

  lowerText(field: TextColumn): readonly string[] {
    return this.columns.lowerText(field, this.globalFilter);
  }
}
