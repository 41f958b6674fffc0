import type { Location, Position } from 'vscode-languageserver';
import type { OutgoingLink } from '../../core/links/linkIndex.js';
import type { FeatureContext } from '../server/featureContext.js';
import { fileAt } from './shared/documents.js';
import { headingOnLine, subpathNamesHeading } from './shared/headings.js';
import { linkAt, linksTo, unresolvedLinksNamed } from './shared/links.js';
import { taskIdAt, taskOnLine } from './shared/tasks.js';

type Found = Array<{ source: string; outgoing: OutgoingLink }>;

/**
 * On a heading: the links to that heading. On a link: every link to the same target (unresolved
 * ones by name). On a task id: the tasks that carry or depend on it. Anywhere else in a note:
 * its backlinks. Embeds count as links throughout.
 */
export class ReferencesProvider {
  constructor(private readonly context: FeatureContext) {}

  provideReferences(uri: string, position: Position, includeDeclaration: boolean): Location[] {
    const file = fileAt(this.context, uri);
    if (!file) return [];
    const workspace = this.context.workspace();
    const task = taskOnLine(file, position.line);
    const id = task ? taskIdAt(task, position) : null;
    if (id) {
      const index = workspace.taskIndex();
      const carriers = index.byId(id.id);
      const users = index.tasks.filter((t) => t.dependsOn.includes(id.id));
      return [...(includeDeclaration ? carriers : []), ...users].map((t) => ({
        uri: this.context.uriOf(t.path),
        range: { start: { line: t.line, character: 0 }, end: { line: t.line, character: t.lineText.length } },
      }));
    }
    const note = file.note;
    if (!note) return [];
    const heading = headingOnLine(note, position.line);
    if (heading) {
      const found = linksTo(workspace, file.path).filter(({ outgoing }) => subpathNamesHeading(outgoing.link.subpath, heading));
      return [...(includeDeclaration ? [{ uri, range: heading.range }] : []), ...this.locations(found)];
    }
    const outgoing = linkAt(workspace, file.path, position);
    if (outgoing) {
      if (outgoing.target === null) return this.locations(unresolvedLinksNamed(workspace, outgoing.link.target));
      const declaration = includeDeclaration ? [{ uri: this.context.uriOf(outgoing.target), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }] : [];
      return [...declaration, ...this.locations(linksTo(workspace, outgoing.target))];
    }
    return this.locations(linksTo(workspace, file.path));
  }

  private locations(found: Found): Location[] {
    return found.map(({ source, outgoing }) => ({ uri: this.context.uriOf(source), range: outgoing.link.range }));
  }
}
