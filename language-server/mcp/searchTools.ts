import { SearchService } from '../../core/search/searchService.js';
import type { AgentVault } from './agentVault.js';
import { checkRelativePath } from './safePaths.js';
import { refuse } from './toolRefusal.js';

const maxLimit = 50;

/**
 * Search and related notes over the session's Workspace. The index is built on first use and
 * then follows the files the vault re-reads (one update per changed file).
 */
export class AgentSearch {
  private service: SearchService | null = null;

  constructor(private readonly vault: AgentVault) {
    vault.onFilesChanged((paths) => {
      if (this.service) for (const p of paths) this.service.update(p);
    });
  }

  private get index(): SearchService {
    this.service ??= new SearchService(this.vault.workspace);
    return this.service;
  }

  async search(query: string, limit: number | undefined) {
    this.vault.authorize('search');
    if (query.trim() === '') refuse('An empty query finds nothing; give a few words.');
    return this.index.search(query, { limit: clamp(limit) });
  }

  async related(notePath: string, limit: number | undefined) {
    this.vault.authorize('related_notes');
    const relative = checkRelativePath(notePath);
    if (!this.vault.workspace.file(relative)?.note) refuse(`No note '${relative}' in this workspace.`);
    return this.index.related(relative, { limit: clamp(limit) });
  }
}

function clamp(limit: number | undefined): number {
  return Math.max(1, Math.min(maxLimit, Math.floor(limit ?? 10)));
}
