import { capabilityDescriptions } from '../../core/roles/capabilities.js';
import type { ResolvedRole } from '../../core/roles/types.js';
import { toTaskJson } from '../../core/tasks/taskJson.js';
import type { Task } from '../../core/tasks/types.js';
import type { Workspace } from '../../core/workspace/workspace.js';
import type { AgentVault } from './agentVault.js';
import { findTask } from './taskTools.js';

/** Per context note, and in all: enough for an agent to start, not a whole vault. */
const maxNoteChars = 12_000;
const maxContextChars = 60_000;
const maxNotesPerRequirement = 20;

/** Prompt names hold the role name: `work_as_coder`. */
export function promptName(role: ResolvedRole): string {
  return `work_as_${role.name}`;
}

/**
 * A context requirement names notes: a path (`Specs/API.md`), a note name with or without
 * `[[ ]]` (`API`, `[[API]]`), or a folder (`Specs/`, every note below it).
 */
export function notesForRequirement(workspace: Workspace, requirement: string): string[] {
  const wanted = requirement.trim().replace(/^\[\[(.*)\]\]$/, '$1').replace(/\|.*$/, '').replace(/^\/+/, '');
  if (wanted === '') return [];
  const lower = wanted.toLowerCase();
  const paths = [...workspace.files()].filter((f) => f.kind === 'markdown').map((f) => f.path);
  const folder = lower.endsWith('/') ? lower : `${lower}/`;
  const exact = paths.filter((p) => p.toLowerCase() === lower || p.toLowerCase() === `${lower}.md`);
  if (exact.length > 0) return exact.slice(0, 1);
  const inFolder = paths.filter((p) => p.toLowerCase().startsWith(folder));
  if (inFolder.length > 0) return inFolder.sort().slice(0, maxNotesPerRequirement);
  const byName = paths.filter((p) => {
    const name = p.slice(p.lastIndexOf('/') + 1).replace(/\.md$/i, '').toLowerCase();
    return name === lower || p.toLowerCase().endsWith(`/${lower}.md`) || p.toLowerCase().endsWith(`/${lower}`);
  });
  return byName.sort((a, b) => a.length - b.length || (a < b ? -1 : 1)).slice(0, 1);
}

function describeTask(task: Task, vault: AgentVault): string {
  const index = vault.workspace.taskIndex();
  const json = toTaskJson(task, index);
  const facts = [`state ${json.state}`, json.due ? `due ${json.due}` : '', json.role ? `role ${json.role}` : '', json.id ? `id ${json.id}` : '', json.priority !== 'normal' ? `priority ${json.priority}` : '']
    .filter((f) => f !== '')
    .join('; ');
  return `${index.keyOf(task)}  ${task.lineText.trim()}\n  (${facts})`;
}

/** The role's prompt for one task: who you are, what you may do, the task, what it waits for, and the notes the role needs. */
export function rolePrompt(vault: AgentVault, taskRef: string): string {
  vault.authorize('get_prompt');
  const role = vault.role;
  const task = findTask(vault, taskRef);
  const index = vault.workspace.taskIndex();
  const out: string[] = [];
  out.push(`You are working as the ${role.displayName} (role '${role.name}'; ${role.chain.join(' → ')}).`);
  if (role.description) out.push('', role.description);
  out.push('', 'You may:', ...role.capabilities.map((c) => `- ${c.name}: ${capabilityDescriptions[c.name]}`));
  const restrictions = Object.entries(role.restrictions).map(([name, r]) => `- ${name}: ${String(r!.value)}`);
  if (restrictions.length > 0) out.push('', 'Restrictions (enforced by the server):', ...restrictions);
  if (role.validationRules.length > 0) out.push('', 'Before you complete a task:', ...role.validationRules.map((r) => `- ${r}`));

  out.push('', '## The task', describeTask(task, vault));
  const parent = index.parentOf(task);
  if (parent) out.push('', 'Part of:', describeTask(parent, vault));
  const dependencies = index.dependenciesOf(task);
  if (dependencies.length > 0) out.push('', '## It depends on', ...dependencies.map((d) => describeTask(d, vault)));
  const subtasks = index.childrenOf(task);
  if (subtasks.length > 0) out.push('', '## Its subtasks', ...subtasks.map((d) => describeTask(d, vault)));

  let budget = maxContextChars;
  const included = new Set<string>();
  const context: string[] = [];
  const missing: string[] = [];
  for (const requirement of role.contextRequirements) {
    const paths = notesForRequirement(vault.workspace, requirement);
    if (paths.length === 0) missing.push(requirement);
    for (const path of paths) {
      if (included.has(path) || budget <= 0) continue;
      included.add(path);
      const text = vault.workspace.file(path)?.text ?? '';
      const shown = text.length > Math.min(maxNoteChars, budget) ? `${text.slice(0, Math.min(maxNoteChars, budget))}\n[… cut: ${text.length} characters in all; read_note gives the rest]` : text;
      budget -= shown.length;
      context.push(`### ${path}`, shown.trimEnd(), '');
    }
  }
  if (context.length > 0) out.push('', '## Context notes', ...context);
  if (missing.length > 0) out.push('', `(Context the role asks for but the workspace does not have: ${missing.join(', ')}.)`);
  out.push('', `When you start, claim the task (claim_task "${index.keyOf(task)}"); finish with complete_task or fail_task and a one-line note.`);
  return out.join('\n');
}
