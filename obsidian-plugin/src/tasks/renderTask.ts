import type { TaskItem } from '../../../shared-types/protocol.js';
import { blockersOf, isOpen } from './taskModel.js';
import type { TaskActions } from './taskActions.js';

/** One task row: checkbox, description (opens the note at the line), badges, the actions menu. */
export function renderTaskRow(parent: HTMLElement, task: TaskItem, actions: TaskActions, byId: ReadonlyMap<string, TaskItem[]>, dimmed = false): HTMLElement {
  const row = parent.createDiv({ cls: 'scriptorium-task' });
  row.dataset.key = task.key;
  if (!isOpen(task)) row.addClass('is-done');
  if (dimmed) row.addClass('is-context');
  const checkbox = row.createEl('input', { type: 'checkbox', cls: 'task-list-item-checkbox' });
  checkbox.checked = task.status.type === 'DONE';
  checkbox.dataset.task = task.status.symbol;
  checkbox.addEventListener('click', (event) => {
    event.preventDefault(); // the box shows the file's state, which changes only if the server's edit applies
    void actions.toggle(task);
  });
  const description = row.createEl('a', { cls: 'scriptorium-task-description', text: task.description || '(no description)', href: '#' });
  description.setAttr('title', `${task.path}:${task.line}`);
  description.addEventListener('click', (event) => {
    event.preventDefault();
    void actions.open(task);
  });
  const badges = row.createSpan({ cls: 'scriptorium-task-badges' });
  if (task.status.type !== 'TODO' && task.status.type !== 'DONE') badges.createSpan({ cls: 'scriptorium-badge is-status', text: task.status.name });
  if (task.progress) badges.createSpan({ cls: 'scriptorium-badge is-progress', text: `${task.progress.done}/${task.progress.total}` });
  if (task.role) badges.createSpan({ cls: 'scriptorium-badge is-role', text: `@${task.role}` });
  if (task.due) badges.createSpan({ cls: 'scriptorium-badge is-due', text: `due ${task.due}` });
  if (task.blocked) {
    row.addClass('is-blocked');
    const waiting = blockersOf(task, byId);
    const names = waiting.map((b) => (b.task ? b.task.description : `${b.id} (unknown)`));
    badges.createSpan({ cls: 'scriptorium-badge is-blocked', text: names.length > 0 ? `blocked by ${names.join(', ')}` : 'blocked' });
  }
  const menu = row.createEl('button', { cls: 'scriptorium-task-menu clickable-icon', text: '⋯', attr: { 'aria-label': 'Task actions' } });
  menu.addEventListener('click', (event) => actions.showMenu(task, event));
  return row;
}
