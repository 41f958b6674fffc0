import type { CodeLens, Range } from 'vscode-languageserver';
import type { FeatureContext } from '../server/featureContext.js';
import { fileAt } from './shared/documents.js';
import { headingKey, lastSubpathPart } from './shared/headings.js';
import { linksTo } from './shared/links.js';
import { directBlockers, isDone, taskName } from './shared/tasks.js';

/**
 * The command a lens carries: hosts that register it show the references at `[uri, position]`
 * (VS Code: peek references); other clients show the title only.
 */
export const showReferencesCommand = 'scriptorium.showReferences';

/** Reference counts on a note's top and its headings; dependents and blockers on tasks with an id or that are blocked; state on TODO comments. */
export class CodeLensProvider {
  constructor(private readonly context: FeatureContext) {}

  provideCodeLenses(uri: string): CodeLens[] {
    const file = fileAt(this.context, uri);
    if (!file) return [];
    const workspace = this.context.workspace();
    const lenses: CodeLens[] = [];
    const lens = (range: Range, title: string): CodeLens => ({ range, command: { title, command: showReferencesCommand, arguments: [uri, range.start] } });

    if (file.note) {
      const links = linksTo(workspace, file.path);
      const byHeading = new Map<string, number>();
      for (const { outgoing } of links) {
        const part = outgoing.link.subpath === null ? null : lastSubpathPart(outgoing.link.subpath);
        if (part !== null && !part.startsWith('^')) byHeading.set(headingKey(part), (byHeading.get(headingKey(part)) ?? 0) + 1);
      }
      // The note's count sits on its first line, where a reference request lists its backlinks.
      const topLine = file.note.frontmatter ? file.note.frontmatter.endLine + 1 : 0;
      if (topLine < file.note.lines.length && !file.note.headings.some((h) => h.line === topLine)) lenses.push(lens(lineStart(topLine), plural(links.length, 'reference')));
      for (const heading of file.note.headings) {
        const count = byHeading.get(headingKey(heading.text)) ?? 0;
        const title = heading.line === topLine ? `${plural(links.length, 'reference')} · ${count} to this heading` : plural(count, 'reference');
        lenses.push(lens(heading.range, title));
      }
    }

    const index = workspace.taskIndex();
    for (const task of file.tasks) {
      const parts: string[] = [];
      if (task.source === 'code') parts.push(`${task.marker} · ${index.state(task)}${task.id ? '' : ' · untracked'}`);
      if (task.id !== null) parts.push(plural(index.dependentsOf(task).length, 'dependent'));
      if (index.isBlocked(task)) parts.push(`blocked by ${directBlockers(index, task).map(taskName).join(', ')}`);
      else if (task.dependsOn.length > 0 && !isDone(task)) parts.push('ready');
      if (parts.length === 0) continue;
      const range = lineStart(task.line);
      lenses.push({ range, command: { title: parts.join(' · '), command: showReferencesCommand, arguments: [uri, { line: task.line, character: task.lineText.length }] } });
    }
    return lenses;
  }
}

function lineStart(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
