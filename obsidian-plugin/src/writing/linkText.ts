import { TFile, type App } from 'obsidian';

/** How a note is written inside `[[…]]` from `sourcePath`, the way Obsidian itself would write it. */
export function linkTextFor(app: App, path: string, sourcePath: string): string {
  const file = app.vault.getAbstractFileByPath(path);
  if (file instanceof TFile) return app.metadataCache.fileToLinktext(file, sourcePath, true);
  return path.replace(/\.md$/, '');
}
