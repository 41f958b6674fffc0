import type { Capability } from './capabilities.js';

/**
 * Every operation an agent can trigger, with the capabilities it needs. The MCP server checks
 * an operation against this table before running it; adding an operation means adding it here.
 */
export const operationCatalogue = {
  query_tasks: { needs: ['task_read'], writes: false, description: 'run a task query' },
  get_task: { needs: ['task_read', 'file_read'], writes: false, description: 'read a task with its dependencies and context' },
  claim_task: { needs: ['task_read', 'task_update'], writes: true, description: 'assign a task to this role and start it' },
  complete_task: { needs: ['task_read', 'task_update'], writes: true, description: 'complete a claimed task' },
  fail_task: { needs: ['task_read', 'task_update'], writes: true, description: 'mark a claimed task as failed' },
  create_subtask: { needs: ['task_read', 'spawn_tasks'], writes: true, description: 'add a subtask under a task' },
  search: { needs: ['file_read'], writes: false, description: 'search the notes' },
  related_notes: { needs: ['file_read'], writes: false, description: 'find notes related to a note' },
  read_note: { needs: ['file_read'], writes: false, description: 'read a note or file' },
  write_note: { needs: ['file_write'], writes: true, description: 'create or replace a note or file' },
  read_resource: { needs: ['file_read'], writes: false, description: 'read a note as a resource' },
  get_prompt: { needs: ['task_read', 'file_read'], writes: false, description: "assemble the role's prompt for a task" },
} as const satisfies Record<string, { needs: readonly Capability[]; writes: boolean; description: string }>;

export type OperationName = keyof typeof operationCatalogue;

export const operationNames = Object.keys(operationCatalogue) as OperationName[];
