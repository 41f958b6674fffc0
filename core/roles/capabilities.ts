/**
 * What a role may be allowed to do. Each operation an agent can trigger names the capability it
 * needs (operations.ts); a role file naming anything else gets an `invalid-role` diagnostic.
 */
export const capabilityDescriptions = {
  file_read: 'read notes and files of the workspace, search them, find related notes',
  file_write: 'create and change notes and files of the workspace',
  task_read: 'query tasks and read a task with its dependencies and context',
  task_update: 'claim a task, complete it or mark it failed',
  spawn_tasks: 'create tasks and subtasks',
  code_execution: 'run code, tests and build tools (declared for agents; Scriptorium itself runs no code)',
  web_access: 'reach the network outside the workspace (declared for agents)',
  git_operations: 'commit, branch and push (declared for agents)',
  deploy: 'release and deploy (declared for agents)',
} as const;

export type Capability = keyof typeof capabilityDescriptions;

export const capabilities = Object.keys(capabilityDescriptions) as Capability[];

export function isCapability(name: string): name is Capability {
  return Object.prototype.hasOwnProperty.call(capabilityDescriptions, name);
}
