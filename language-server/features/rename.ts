import {
  OptionalVersionedTextDocumentIdentifier,
  RenameFile,
  TextDocumentEdit,
  type Position,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { OutgoingLink } from '../../core/links/linkIndex.js';
import { folderOf } from '../../core/links/paths.js';
import { resolveLinkTarget } from '../../core/links/resolveLinkTarget.js';
import type { Heading, Link, ParsedNote } from '../../core/markdown/types.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { FeatureContext } from '../server/featureContext.js';
import { contains, noteAt, noteTitle, offsetOfPosition, positionOfOffset } from './shared/documents.js';
import { headingKey, headingOnLine, headingTextRange, subpathNamesHeading, subpathTarget } from './shared/headings.js';
import { linkAt, linksTo } from './shared/links.js';
import { encodeDestination, linkSpans, retargetedText, vaultOf } from './shared/linkText.js';

/** What a rename at a position would rename, and the range and text the editor shows for it. */
type Subject =
  | { kind: 'file'; path: string; range: Range; placeholder: string }
  | { kind: 'heading'; path: string; heading: Heading; range: Range; placeholder: string };

/** A rename that cannot be done, with the reason the user sees. */
export interface RenameRefusal {
  refused: string;
}

/**
 * Renames a note (asked on a link to it, as markdown-oxide and Foam do) or a heading (asked on the
 * heading or on a link's `#heading`), updating every link in the workspace as one WorkspaceEdit:
 * text edits first, computed against each document's open version, then the file rename. Links
 * keep their style: alias, subpath, `.md`, relative or vault paths, markdown encoding.
 */
export class RenameProvider {
  constructor(private readonly context: FeatureContext) {}

  prepareRename(uri: string, position: Position): { range: Range; placeholder: string } | RenameRefusal | null {
    const subject = this.subjectAt(uri, position);
    if (subject === null || 'refused' in subject) return subject;
    return { range: subject.range, placeholder: subject.placeholder };
  }

  provideRenameEdits(uri: string, position: Position, newName: string): WorkspaceEdit | RenameRefusal | null {
    const subject = this.subjectAt(uri, position);
    if (subject === null || 'refused' in subject) return subject;
    return subject.kind === 'file' ? this.renameFile(subject.path, newName) : this.renameHeading(subject.path, subject.heading, newName);
  }

  private subjectAt(uri: string, position: Position): Subject | RenameRefusal | null {
    const found = noteAt(this.context, uri);
    if (!found) return null;
    const workspace = this.context.workspace();
    const outgoing = linkAt(workspace, found.file.path, position);
    if (outgoing) return this.linkSubject(workspace, found.note, outgoing, position);
    const heading = headingOnLine(found.note, position.line);
    if (!heading) return null;
    const range = headingTextRange(found.note, heading);
    if (!range) return { refused: 'Only a one-line (#) heading can be renamed.' };
    return { kind: 'heading', path: found.file.path, heading, range, placeholder: heading.text };
  }

  private linkSubject(workspace: Workspace, note: ParsedNote, outgoing: OutgoingLink, position: Position): Subject | RenameRefusal {
    const { link, target } = outgoing;
    if (target === null) return { refused: `'${link.target}' does not resolve to a file; create it first.` };
    const spans = linkSpans(link);
    const start = offsetOfPosition(note.lines, link.range.start);
    if (!spans || note.text.slice(start, start + link.raw.length) !== link.raw) return { refused: 'This link cannot be read for a rename.' };
    const rangeOf = (s: { start: number; end: number }) => ({ start: positionOfOffset(note.lines, start + s.start), end: positionOfOffset(note.lines, start + s.end) });
    const targetNote = workspace.file(target)?.note;
    const sub = targetNote ? subpathTarget(targetNote, link.subpath) : null;
    const inSubpath = spans.subpath !== null && contains(rangeOf(spans.subpath), position);
    if ((inSubpath || link.target === '') && sub && 'heading' in sub) {
      return { kind: 'heading', path: target, heading: sub.heading, range: rangeOf(spans.subpath!), placeholder: sub.heading.text };
    }
    if (link.target === '') return { refused: 'This link points into its own note; rename the heading instead.' };
    return { kind: 'file', path: target, range: rangeOf(spans.target), placeholder: noteTitle(target) };
  }

  private renameFile(oldPath: string, newName: string): WorkspaceEdit | RenameRefusal {
    const workspace = this.context.workspace();
    const newPath = newPathFor(oldPath, newName);
    if (typeof newPath !== 'string') return newPath;
    if (newPath === oldPath) return { documentChanges: [] };
    const clash = [...workspace.files()].find((f) => f.path.toLowerCase() === newPath.toLowerCase() && f.path !== oldPath);
    if (clash) return { refused: `${clash.path} already exists.` };
    const vault = vaultOf(workspace, { from: oldPath, to: newPath });
    const edits = new Edits();

    for (const { source, outgoing } of linksTo(workspace, oldPath)) {
      if (outgoing.link.target === '') continue; // `[[#h]]` inside the note moves with it
      const text = retargetedText(outgoing.link, source, oldPath, newPath, vault);
      edits.replaceTarget(workspace, source, outgoing.link, text);
    }
    // Links inside the moved note that were relative to its old folder would now point elsewhere.
    if (folderOf(oldPath) !== folderOf(newPath)) {
      for (const { link, target } of workspace.linkIndex().outgoing(oldPath)) {
        if (target === null || target === oldPath || link.target === '') continue;
        if (resolveLinkTarget(link.target, newPath, vault) === target) continue;
        edits.replaceTarget(workspace, oldPath, link, retargetedText(link, newPath, target, target, vault));
      }
    }
    return {
      documentChanges: [
        ...edits.documentEdits(this.context),
        RenameFile.create(this.context.uriOf(oldPath), this.context.uriOf(newPath), { overwrite: false, ignoreIfExists: false }),
      ],
    };
  }

  private renameHeading(path: string, heading: Heading, newName: string): WorkspaceEdit | RenameRefusal {
    const text = newName.trim();
    if (text === '' || /[\r\n]/.test(text)) return { refused: 'A heading needs one line of text.' };
    if (/[[\]|#^]/.test(text)) return { refused: 'Links cannot point at a heading containing [ ] | # or ^; choose another name.' };
    const workspace = this.context.workspace();
    const note = workspace.file(path)?.note;
    if (!note) return { refused: `${path} is not a note.` };
    const range = headingTextRange(note, heading);
    if (!range) return { refused: 'Only a one-line (#) heading can be renamed.' };
    const edits = new Edits();
    edits.add(path, { range, newText: text });
    for (const { source, outgoing } of linksTo(workspace, path)) {
      if (subpathNamesHeading(outgoing.link.subpath, heading)) edits.replaceSubpathHeading(workspace, source, outgoing.link, heading, text);
    }
    return { documentChanges: edits.documentEdits(this.context) };
  }
}

/** The vault path a new name means: a bare name stays in the folder, a name with `/` is a vault path; the extension is kept. */
function newPathFor(oldPath: string, newName: string): string | RenameRefusal {
  let name = newName.trim().replace(/^\/+/, '');
  const extension = /\.[^./]+$/.exec(oldPath)?.[0] ?? '';
  if (extension !== '' && name.toLowerCase().endsWith(extension.toLowerCase())) name = name.slice(0, -extension.length);
  if (name === '' || name.endsWith('/')) return { refused: 'The new name is empty.' };
  if (/[\\:*?"<>|#^[\]\r\n]/.test(name)) return { refused: 'A note name cannot contain \\ : * ? " < > | # ^ [ ] (links could not name it).' };
  if (name.split('/').some((s) => s === '' || s === '.' || s === '..')) return { refused: `'${newName}' is not a path inside the workspace.` };
  const folder = folderOf(oldPath);
  const path = name.includes('/') ? name : folder === '' ? name : `${folder}/${name}`;
  return path + extension;
}

/** Text edits collected per file, in each document's own offsets, then turned into versioned document edits. */
class Edits {
  private readonly byPath = new Map<string, TextEdit[]>();

  add(path: string, edit: TextEdit): void {
    const list = this.byPath.get(path);
    if (list) list.push(edit);
    else this.byPath.set(path, [edit]);
  }

  /** Replaces the path part of a link, keeping alias, subpath and brackets. */
  replaceTarget(workspace: Workspace, source: string, link: Link, text: string): void {
    const at = this.locate(workspace, source, link);
    if (!at) return;
    const newText = at.spans.encoded && (link.kind === 'markdown' || link.kind === 'markdown-embed') ? encodeDestination(text) : text;
    this.add(source, { range: at.range(at.spans.target), newText });
  }

  /** Replaces the `#heading` part naming `heading` inside a link's subpath (other parts stay). */
  replaceSubpathHeading(workspace: Workspace, source: string, link: Link, heading: Heading, text: string): void {
    const at = this.locate(workspace, source, link);
    if (!at?.spans.subpath) return;
    const { start, end } = at.spans.subpath;
    const raw = link.raw.slice(start, end);
    const decode = (s: string) => (at.spans.encoded ? safeDecode(s) : s);
    // The last `#` part is the one that names the heading; keep its surrounding spaces.
    const lastHash = raw.lastIndexOf('#');
    const partStart = lastHash + 1;
    const part = raw.slice(partStart);
    if (headingKey(decode(part)) !== headingKey(heading.text)) return;
    const lead = part.length - part.trimStart().length;
    const trail = part.length - part.trimEnd().length;
    const newText = at.spans.encoded ? encodeDestination(text) : text;
    this.add(source, { range: at.range({ start: start + partStart + lead, end: end - trail }), newText });
  }

  private locate(workspace: Workspace, source: string, link: Link) {
    const note = workspace.file(source)?.note;
    const spans = linkSpans(link);
    if (!note || !spans) return null;
    const start = offsetOfPosition(note.lines, link.range.start);
    // A link whose text no longer matches its range is skipped rather than edited blindly.
    if (note.text.slice(start, start + link.raw.length) !== link.raw) return null;
    return {
      spans,
      range: (s: { start: number; end: number }): Range => ({ start: positionOfOffset(note.lines, start + s.start), end: positionOfOffset(note.lines, start + s.end) }),
    };
  }

  documentEdits(context: FeatureContext): TextDocumentEdit[] {
    return [...this.byPath.keys()].sort().map((path) => {
      const uri = context.uriOf(path);
      const edits = this.byPath.get(path)!.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      return TextDocumentEdit.create(OptionalVersionedTextDocumentIdentifier.create(uri, context.documentVersion(uri)), edits);
    });
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
