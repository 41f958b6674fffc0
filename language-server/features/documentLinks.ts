import type { DocumentLink } from 'vscode-languageserver';
import type { FeatureContext } from '../server/featureContext.js';
import { noteAt } from './shared/documents.js';

/** Every resolved wikilink, embed and markdown link of a note, pointing at its file's URI. */
export class DocumentLinkProvider {
  constructor(private readonly context: FeatureContext) {}

  provideDocumentLinks(uri: string): DocumentLink[] {
    const found = noteAt(this.context, uri);
    if (!found) return [];
    const links: DocumentLink[] = [];
    for (const { link, target } of this.context.workspace().linkIndex().outgoing(found.file.path)) {
      if (target === null) continue;
      links.push({ range: link.range, target: this.context.uriOf(target), tooltip: link.subpath ? `${target} › ${link.subpath}` : target });
    }
    return links;
  }
}
