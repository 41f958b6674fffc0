import type { CompletionList, Position } from 'vscode-languageserver';
import type { ParsedNote } from '../../../core/markdown/types.js';
import type { FeatureContext } from '../../server/featureContext.js';
import { isInFencedCode, isInInlineCode } from '../shared/code.js';
import { fileAt } from '../shared/documents.js';
import { localToday, type LinkRanker } from '../shared/options.js';
import { dateItems, fieldContextAt, roleItems, taskIdItems } from './fieldCompletions.js';
import { blockItems, headingItems, noteItems, subpathNote, wikilinkContextAt } from './linkCompletions.js';
import { NameIndex } from './nameIndex.js';

export interface CompletionOptions {
  linkRanker?: LinkRanker;
  roleNames?: () => readonly string[];
  today?: () => string;
}

/** Characters after which a client should ask: `[[`, `#`, `^`, and the space after `⛔`/`::`/`📅`. */
export const completionTriggerCharacters = ['[', '#', '^', ' ', ':', ','];

/**
 * `[[` notes, headings and blocks; `⛔`/`[dependsOn::` task ids; `[role::` roles; dates after
 * 📅 ⏳ 🛫 ➕ and `[due::`-style fields. Nothing inside fenced or inline code.
 */
export class CompletionProvider {
  private readonly names: NameIndex;

  constructor(
    private readonly context: FeatureContext,
    private readonly options: CompletionOptions = {},
  ) {
    // Without change events the name index cannot know what changed: it is rebuilt per request.
    const names = context.onDidChange ? new NameIndex() : new RebuildingNameIndex();
    context.onDidChange?.((paths) => names.invalidate(paths));
    this.names = names;
    // The names of a 13k-note vault take ~0.1 s to gather: not in the first `[[` of a session.
    context.afterWarmUp?.((shouldYield) => names.prepareSlice(context.workspace(), shouldYield));
  }

  async provideCompletion(uri: string, position: Position): Promise<CompletionList | null> {
    const file = fileAt(this.context, uri);
    if (!file) return null;
    const workspace = this.context.workspace();
    const lineText = lineOf(file.text, file.note, position.line);
    if (lineText === null) return null;
    const note = file.note;
    if (note && (isInFencedCode(note, position.line) || isInInlineCode(lineText, position.character))) return null;

    const field = fieldContextAt(lineText, position);
    if (field) {
      if (field.field === 'dependsOn') {
        const { items, incomplete } = taskIdItems(workspace, file.path, position.line, field);
        return { isIncomplete: incomplete, items };
      }
      if (field.field === 'role') return { isIncomplete: false, items: roleItems(workspace, file.path, position.line, field, this.options.roleNames) };
      return { isIncomplete: false, items: dateItems((this.options.today ?? localToday)(), field) };
    }

    if (!note) return null;
    const link = wikilinkContextAt(lineText, position);
    if (!link) return null;
    if (link.part === 'note') {
      const paragraph = paragraphAt(note, position.line, { line: position.line, start: link.range.start.character - (link.embed ? 3 : 2), end: link.range.end.character });
      const { items, incomplete } = await noteItems(workspace, file.path, link, paragraph, this.options.linkRanker, this.names);
      // Always incomplete: the list is cut to the best matches, so the client must ask again as the user types.
      return { isIncomplete: incomplete || items.length > 0, items };
    }
    const target = subpathNote(workspace, file.path, link.target);
    if (!target) return null;
    return { isIncomplete: false, items: link.part === 'heading' ? headingItems(target, link) : blockItems(target, link) };
  }
}

function lineOf(text: string, note: ParsedNote | null, line: number): string | null {
  if (note) return note.lines[line]?.text ?? null;
  const lines = text.split(/\r\n|\r|\n/);
  return lines[line] ?? null;
}

/**
 * The paragraph around a line: the run of non-blank lines holding it (what the ranker reads),
 * without `cut` (the `[[…` being typed, so the paragraph stays the same as the name grows).
 */
export function paragraphAt(note: ParsedNote, line: number, cut?: { line: number; start: number; end: number }): string {
  let start = line;
  let end = line;
  while (start > 0 && note.lines[start - 1]!.text.trim() !== '') start--;
  while (end < note.lines.length - 1 && note.lines[end + 1]!.text.trim() !== '') end++;
  return note.lines
    .slice(start, end + 1)
    .map((l, i) => (cut && start + i === cut.line ? l.text.slice(0, Math.max(0, cut.start)) + l.text.slice(cut.end) : l.text))
    .join('\n');
}

/** A name index for contexts without change events: everything may have changed before each request. */
class RebuildingNameIndex extends NameIndex {
  override all(...args: Parameters<NameIndex['all']>): ReturnType<NameIndex['all']> {
    this.invalidate(null);
    return super.all(...args);
  }
}
