import { LSPErrorCodes, ResponseError, type Connection, type ServerCapabilities } from 'vscode-languageserver';
import type { FeatureContext } from '../server/featureContext.js';
import { CodeActionProvider } from './codeActions.js';
import { CodeLensProvider } from './codeLens.js';
import { CompletionProvider, completionTriggerCharacters } from './completion/completionProvider.js';
import { DefinitionProvider } from './definition.js';
import { DocumentLinkProvider } from './documentLinks.js';
import { HoverProvider } from './hover.js';
import { InlayHintProvider } from './inlayHints.js';
import { ReferencesProvider } from './references.js';
import { RenameProvider, type RenameRefusal } from './rename.js';
import type { FeatureOptions } from './shared/options.js';
import { DocumentSymbolProvider, WorkspaceSymbolProvider } from './symbols.js';

export type { FeatureOptions, LinkRanker, LinkRankRequest } from './shared/options.js';
export { showReferencesCommand } from './codeLens.js';

/** What the server announces in its InitializeResult for the features registered here. */
export const featureCapabilities: ServerCapabilities = {
  completionProvider: { triggerCharacters: completionTriggerCharacters, resolveProvider: false },
  hoverProvider: true,
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  documentSymbolProvider: true,
  workspaceSymbolProvider: true,
  documentLinkProvider: { resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
  inlayHintProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite'] },
};

/**
 * Registers every standard LSP feature on `connection`. Each provider reads the workspace through
 * `context`; `options` carries the seams the server may wire (semantic ranking, roles, clock).
 * A provider that throws answers that one request with an error; the connection keeps serving.
 */
export function registerFeatures(connection: Connection, context: FeatureContext, options: FeatureOptions = {}): void {
  const completion = new CompletionProvider(context, options);
  const hover = new HoverProvider(context);
  const definition = new DefinitionProvider(context);
  const references = new ReferencesProvider(context);
  const rename = new RenameProvider(context);
  const documentSymbols = new DocumentSymbolProvider(context);
  const workspaceSymbols = new WorkspaceSymbolProvider(context);
  const documentLinks = new DocumentLinkProvider(context);
  const codeLens = new CodeLensProvider(context);
  const inlayHints = new InlayHintProvider(context);
  const codeActions = new CodeActionProvider(context, options.today ? { today: options.today } : {});

  connection.onCompletion((p) => completion.provideCompletion(p.textDocument.uri, p.position));
  connection.onHover((p) => hover.provideHover(p.textDocument.uri, p.position));
  connection.onDefinition((p) => definition.provideDefinition(p.textDocument.uri, p.position));
  connection.onReferences((p) => references.provideReferences(p.textDocument.uri, p.position, p.context.includeDeclaration));
  connection.onPrepareRename((p) => refusalAsError(rename.prepareRename(p.textDocument.uri, p.position)));
  connection.onRenameRequest((p) => refusalAsError(rename.provideRenameEdits(p.textDocument.uri, p.position, p.newName)));
  connection.onDocumentSymbol((p) => documentSymbols.provideDocumentSymbols(p.textDocument.uri));
  connection.onWorkspaceSymbol((p) => workspaceSymbols.provideWorkspaceSymbols(p.query));
  connection.onDocumentLinks((p) => documentLinks.provideDocumentLinks(p.textDocument.uri));
  connection.onCodeLens((p) => codeLens.provideCodeLenses(p.textDocument.uri));
  connection.languages.inlayHint.on((p) => inlayHints.provideInlayHints(p.textDocument.uri, p.range));
  connection.onCodeAction((p) => codeActions.provideCodeActions(p.textDocument.uri, p.range));
}

/** A refused rename reaches the user as the request's error message (LSP's way to say why). */
function refusalAsError<T>(result: T | RenameRefusal | null): T | null | ResponseError<void> {
  if (result !== null && typeof result === 'object' && 'refused' in result) return new ResponseError(LSPErrorCodes.RequestFailed, result.refused);
  return result;
}
