import type { InlayHint, Range } from 'vscode-languageserver';
import type { FeatureContext } from '../server/featureContext.js';
import { fileAt } from './shared/documents.js';
import { directBlockers, taskName } from './shared/tasks.js';

const maxNamed = 3;

/** After each blocked task line in the range: "blocked by <the open tasks it waits for>". */
export class InlayHintProvider {
  constructor(private readonly context: FeatureContext) {}

  provideInlayHints(uri: string, range: Range): InlayHint[] {
    const file = fileAt(this.context, uri);
    if (!file) return [];
    const index = this.context.workspace().taskIndex();
    const hints: InlayHint[] = [];
    for (const task of file.tasks) {
      if (task.line < range.start.line || task.line > range.end.line || !index.isBlocked(task)) continue;
      const blockers = directBlockers(index, task);
      const named = blockers.slice(0, maxNamed).map(taskName).join(', ');
      const more = blockers.length > maxNamed ? ` and ${blockers.length - maxNamed} more` : '';
      hints.push({
        position: { line: task.line, character: task.lineText.length },
        label: `blocked by ${named}${more}`,
        paddingLeft: true,
        tooltip: blockers.map((b) => `${taskName(b)} — ${b.path}:${b.line + 1}`).join('\n'),
      });
    }
    return hints;
  }
}
