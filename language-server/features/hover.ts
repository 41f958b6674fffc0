import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { ParsedNote } from '../../core/markdown/types.js';
import type { Task } from '../../core/tasks/types.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { FeatureContext } from '../server/featureContext.js';
import { fileAt } from './shared/documents.js';
import { sectionEndLine, subpathTarget } from './shared/headings.js';
import { linkAt } from './shared/links.js';
import { directBlockers, isDone, taskName, taskOnLine } from './shared/tasks.js';

const previewLines = 12;

/** Over a link: the target's first lines (or the linked section) and its backlink count. Over a task: its state and dependencies. */
export class HoverProvider {
  constructor(private readonly context: FeatureContext) {}

  provideHover(uri: string, position: Position): Hover | null {
    const file = fileAt(this.context, uri);
    if (!file) return null;
    const workspace = this.context.workspace();
    if (file.note) {
      const outgoing = linkAt(workspace, file.path, position);
      if (outgoing) return { contents: { kind: MarkupKind.Markdown, value: linkHover(workspace, outgoing.link.target, outgoing.link.subpath, outgoing.target) }, range: outgoing.link.range };
    }
    const task = taskOnLine(file, position.line);
    if (task) return { contents: { kind: MarkupKind.Markdown, value: taskHover(workspace, task) } };
    return null;
  }
}

function linkHover(workspace: Workspace, written: string, subpath: string | null, target: string | null): string {
  if (target === null) return `**Unresolved link** — no file named \`${written}\` yet. The quick fix "Create note" makes it.`;
  const file = workspace.file(target);
  const backlinks = workspace.linkIndex().backlinks(target);
  let count = 0;
  for (const n of backlinks.values()) count += n;
  const footer = `*${target} · ${count} backlink${count === 1 ? '' : 's'} from ${backlinks.size} note${backlinks.size === 1 ? '' : 's'}*`;
  if (!file?.note) return footer;
  return `${preview(file.note, subpath)}\n\n---\n${footer}`;
}

/** The linked section or block, else the note's first lines after its frontmatter. */
function preview(note: ParsedNote, subpath: string | null): string {
  const found = subpathTarget(note, subpath);
  let from = note.frontmatter ? note.frontmatter.endLine + 1 : 0;
  let to = note.lines.length - 1;
  if (found && 'heading' in found) {
    from = found.heading.line;
    to = sectionEndLine(note, found.heading);
  } else if (found) {
    from = found.block.line;
    to = found.block.line;
  }
  while (from <= to && note.lines[from]!.text.trim() === '') from++;
  const lines = note.lines.slice(from, Math.min(to + 1, from + previewLines)).map((l) => l.text);
  const more = to + 1 > from + previewLines ? '\n…' : '';
  return lines.length === 0 ? '*(empty note)*' : `${lines.join('\n').trimEnd()}${more}`;
}

function taskHover(workspace: Workspace, task: Task): string {
  const index = workspace.taskIndex();
  const mark = (t: Task) => (isDone(t) ? '✓' : index.isBlocked(t) ? '⛔' : '○');
  const out = [`**${task.status.name}** · ${index.state(task)}${task.id ? ` · 🆔 \`${task.id}\`` : ''}${task.role ? ` · role ${task.role}` : ''}`];
  const progress = index.progress(task);
  if (progress) out.push(`Subtasks: ${progress.done}/${progress.total} done`);
  const deps = index.dependenciesOf(task);
  const unknown = task.dependsOn.filter((id) => index.byId(id).length === 0);
  if (deps.length > 0 || unknown.length > 0) {
    out.push('**Depends on**');
    for (const d of deps) out.push(`- ${mark(d)} ${taskName(d)} — ${index.state(d)}`);
    for (const id of unknown) out.push(`- ? \`${id}\` — no task has this id`);
  }
  if (index.isBlocked(task)) out.push(`**Blocked by** ${directBlockers(index, task).map(taskName).join(', ')}`);
  const dependents = index.dependentsOf(task);
  if (dependents.length > 0) {
    out.push(`**Blocks** (${dependents.length})`);
    for (const d of dependents.slice(0, 10)) out.push(`- ${mark(d)} ${taskName(d)}`);
    if (dependents.length > 10) out.push(`- … and ${dependents.length - 10} more`);
  }
  return out.join('\n\n').replace(/\n\n- /g, '\n- ');
}
