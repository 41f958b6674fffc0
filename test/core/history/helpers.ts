import { taskSnapshot } from '../../../core/history/snapshot.js';
import type { EventContext, TaskSnapshot } from '../../../core/history/types.js';
import { defaultTaskSettings } from '../../../core/tasks/statuses.js';
import { Workspace } from '../../../core/workspace/workspace.js';

/** The tasks of a note's text, as the history sees them. */
export function snapshots(text: string, path = 'Note.md'): TaskSnapshot[] {
  return new Workspace(defaultTaskSettings()).setText(path, text).tasks.map((t) => taskSnapshot(t));
}

/** A context whose ids count up: e1, e2, … */
export function context(source: EventContext['source'] = 'edit'): EventContext {
  let n = 0;
  return { at: '2026-11-23T10:00:00.000Z', device: 'test', source, newId: () => `e${++n}` };
}
