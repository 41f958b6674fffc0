import { CompletionItemKind, type CompletionItem, type Position, type Range } from 'vscode-languageserver';
import { isDoneType } from '../../../core/tasks/statuses.js';
import type { Task } from '../../../core/tasks/types.js';
import type { Workspace } from '../../../core/workspace/workspace.js';
import { defaultRoleNames } from '../shared/options.js';
import { namedDates } from './dates.js';

/** What was typed of a task field's value before the cursor, and which field it is. */
export interface FieldContext {
  field: 'dependsOn' | 'role' | 'date';
  typed: string;
  /** Ids already listed before the one being typed (`⛔ a,b,|`). */
  listed: string[];
  range: Range;
}

const dependsOn = /(?:⛔\uFE0F?[ \t]*|[[(]dependsOn::[ \t]*)((?:[A-Za-z0-9_-]+[ \t]*,[ \t]*)*)([A-Za-z0-9_-]*)$/;
const role = /[[(]role::[ \t]*([A-Za-z0-9_.-]*)$/;
const date = /(?:(?:📅|⏳|🛫|➕)\uFE0F?[ \t]*|[[(](?:due|scheduled|start|created)::[ \t]*)([0-9A-Za-z-]*)$/;

/** The field value being typed at `position`, or null. The range covers the whole value word under the cursor. */
export function fieldContextAt(lineText: string, position: Position): FieldContext | null {
  const prefix = lineText.slice(0, position.character);
  const rest = lineText.slice(position.character);
  const range = (typed: string, tail: RegExp): Range => ({
    start: { line: position.line, character: position.character - typed.length },
    end: { line: position.line, character: position.character + (tail.exec(rest)?.[0].length ?? 0) },
  });
  const d = dependsOn.exec(prefix);
  if (d) {
    const typed = d[2]!;
    return { field: 'dependsOn', typed, listed: d[1]!.split(',').map((s) => s.trim()).filter((s) => s !== ''), range: range(typed, /^[A-Za-z0-9_-]*/) };
  }
  const r = role.exec(prefix);
  if (r) return { field: 'role', typed: r[1]!, listed: [], range: range(r[1]!, /^[A-Za-z0-9_.-]*/) };
  const t = date.exec(prefix);
  if (t) return { field: 'date', typed: t[1]!, listed: [], range: range(t[1]!, /^[0-9-]*/) };
  return null;
}

const maxTasks = 200;

/** Task ids to depend on, labelled by description; open tasks first, then the note's own. */
export function taskIdItems(workspace: Workspace, path: string, line: number, ctx: FieldContext): { items: CompletionItem[]; incomplete: boolean } {
  const query = ctx.typed.toLowerCase();
  const seen = new Set(ctx.listed.map((id) => id.toLowerCase()));
  const candidates: Task[] = [];
  for (const task of workspace.taskIndex().tasks) {
    if (task.id === null || seen.has(task.id.toLowerCase())) continue;
    if (task.path === path && task.line === line) continue;
    if (query !== '' && !task.id.toLowerCase().startsWith(query) && !task.description.toLowerCase().includes(query)) continue;
    seen.add(task.id.toLowerCase());
    candidates.push(task);
  }
  const rank = (t: Task) => (isDoneType(t.status.type) ? 2 : 0) + (t.path === path ? 0 : 1);
  candidates.sort((a, b) => rank(a) - rank(b) || Number(!a.id!.toLowerCase().startsWith(query)) - Number(!b.id!.toLowerCase().startsWith(query)) || compare(a.description, b.description));
  const items = candidates.slice(0, maxTasks).map((task, i): CompletionItem => ({
    label: task.description === '' ? task.id! : task.description,
    labelDetails: { description: `🆔 ${task.id}` },
    kind: CompletionItemKind.Reference,
    detail: `${task.status.name} · ${task.path}:${task.line + 1}`,
    filterText: `${ctx.typed}${task.id} ${task.description}`,
    sortText: sortKey(i),
    textEdit: { range: ctx.range, newText: task.id! },
  }));
  return { items, incomplete: candidates.length > maxTasks };
}

/** Role names: the configured ones, else the roles tasks already use plus the built-in defaults. */
export function roleItems(workspace: Workspace, path: string, line: number, ctx: FieldContext, roleNames?: () => readonly string[]): CompletionItem[] {
  const names = new Set<string>(roleNames ? roleNames() : []);
  if (!roleNames) {
    // The line being typed is a task too: its half-typed role is not a role.
    for (const task of workspace.taskIndex().tasks) if (task.role && (task.path !== path || task.line !== line)) names.add(task.role);
    for (const name of defaultRoleNames) names.add(name);
  }
  const query = ctx.typed.toLowerCase();
  return [...names]
    .filter((n) => n.toLowerCase().includes(query))
    .sort((a, b) => Number(!a.toLowerCase().startsWith(query)) - Number(!b.toLowerCase().startsWith(query)) || compare(a, b))
    .map((name, i) => ({ label: name, kind: CompletionItemKind.EnumMember, sortText: sortKey(i), textEdit: { range: ctx.range, newText: name } }));
}

/** Dates as `YYYY-MM-DD`, named (today, tomorrow, next week, …) from the injected clock. */
export function dateItems(today: string, ctx: FieldContext): CompletionItem[] {
  const query = ctx.typed.toLowerCase();
  return namedDates(today)
    .filter((d) => query === '' || d.date.startsWith(query) || d.name.startsWith(query))
    .map((d, i) => ({
      label: d.date,
      labelDetails: { description: d.name },
      kind: CompletionItemKind.Value,
      filterText: `${d.date} ${d.name}`,
      sortText: sortKey(i),
      textEdit: { range: ctx.range, newText: d.date },
    }));
}

export function sortKey(i: number): string {
  return String(i).padStart(5, '0');
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
