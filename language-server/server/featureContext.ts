import type { Workspace } from '../../core/workspace/workspace.js';

/**
 * What a feature provider needs from the running server. The server keeps the Workspace up to
 * date (open documents' unsaved text included), so providers only read it.
 */
export interface FeatureContext {
  /** The workspace with every file, open documents as currently typed. */
  workspace(): Workspace;
  /** Workspace-relative path (forward slashes) of a document URI, or null when it is outside the workspace. */
  pathOf(uri: string): string | null;
  /** The URI of a workspace-relative path. */
  uriOf(path: string): string;
  /** The version the client gave an open document, or null when it is not open. */
  documentVersion(uri: string): number | null;
  /**
   * Tells `listener` the paths of every change (added, changed, removed, renamed) after it
   * happened, so providers can keep caches; absent in contexts that cannot (then cache nothing).
   */
  onDidChange?(listener: (paths: readonly string[]) => void): void;
  /**
   * Runs `slice` (work until `shouldYield()` says to stop; true once done) once the server has
   * warmed up after indexing, as background work that requests are answered around: for caches
   * a provider would otherwise build in its first request.
   */
  afterWarmUp?(slice: (shouldYield: () => boolean) => boolean): void;
}
