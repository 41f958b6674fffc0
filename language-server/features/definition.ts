import type { Location, Position } from 'vscode-languageserver';
import type { FeatureContext } from '../server/featureContext.js';
import { fileAt } from './shared/documents.js';
import { subpathTarget } from './shared/headings.js';
import { linkAt } from './shared/links.js';
import { taskIdAt, taskOnLine } from './shared/tasks.js';

const top = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A link goes to its file, heading or block; a `⛔ id` goes to the task with that id. */
export class DefinitionProvider {
  constructor(private readonly context: FeatureContext) {}

  provideDefinition(uri: string, position: Position): Location[] | null {
    const file = fileAt(this.context, uri);
    if (!file) return null;
    const workspace = this.context.workspace();
    if (file.note) {
      const outgoing = linkAt(workspace, file.path, position);
      if (outgoing) {
        if (outgoing.target === null) return null;
        const note = workspace.file(outgoing.target)?.note;
        const found = note ? subpathTarget(note, outgoing.link.subpath) : null;
        const range = found ? ('heading' in found ? found.heading.range : found.block.range) : top;
        return [{ uri: this.context.uriOf(outgoing.target), range }];
      }
    }
    const task = taskOnLine(file, position.line);
    const id = task ? taskIdAt(task, position) : null;
    if (!id || id.field !== 'dependsOn') return null;
    return workspace
      .taskIndex()
      .byId(id.id)
      .map((t) => ({ uri: this.context.uriOf(t.path), range: { start: { line: t.line, character: 0 }, end: { line: t.line, character: t.lineText.length } } }));
  }
}
