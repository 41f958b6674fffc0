import type { CompletionList, Position } from 'vscode-languageserver';
import type { ParsedNote } from '../../../core/markdown/types.js';
import type { FeatureContext } from '../../server/featureContext.js';
import { isInFencedCode, isInInlineCode } from '../shared/code.js';
import { fileAt } from '../shared/documents.js';
import { localToday, type LinkRanker } from '../shared/options.js';
import { dateItems, fieldContextAt, roleItems, taskIdItems } from './fieldCompletions.js';
import { blockItems, headingItems, noteItems, subpathNote, wikilinkContextAt } from './linkCompletions.js';

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
  constructor(
    private readonly context: FeatureContext,
    private readonly options: CompletionOptions = {},
  ) {}

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
      const { items, incomplete } = await noteItems(workspace, file.path, link, paragraphAt(note, position.line), this.options.linkRanker);
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

/** The paragraph around a line: the run of non-blank lines holding it (what the ranker reads). */
export function paragraphAt(note: ParsedNote, line: number): string {
  let start = line;
  let end = line;
  while (start > 0 && note.lines[start - 1]!.text.trim() !== '') start--;
  while (end < note.lines.length - 1 && note.lines[end + 1]!.text.trim() !== '') end++;
  return note.lines.slice(start, end + 1).map((l) => l.text).join('\n');
}
