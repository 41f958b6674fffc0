import type { RoleDefinition } from './types.js';

type Builtin = Omit<RoleDefinition, 'origin'>;

/**
 * The tree every workspace starts with. Capabilities are granted where a branch needs them
 * (only implementers write files), restrictions tighten towards the leaves. A workspace file
 * with the same name overrides a role field by field; a new name extends the tree.
 */
const builtins: Builtin[] = [
  {
    name: 'orchestrator',
    displayName: 'Orchestrator',
    description: 'Plans the work: reads the notes and the task list, splits goals into tasks and hands them to the roles below.',
    extends: null,
    capabilities: ['file_read', 'task_read', 'task_update', 'spawn_tasks'],
    restrictions: { no_database_modifications: true },
  },
  {
    name: 'researcher',
    displayName: 'Researcher',
    description: 'Finds out what is needed before work starts and reports it on the task.',
    extends: 'orchestrator',
    capabilities: [],
    restrictions: { max_new_tasks: 10 },
  },
  {
    name: 'code_researcher',
    displayName: 'Code researcher',
    description: 'Reads the code base and its notes to answer a question: where things are, how they work, what a change would touch.',
    extends: 'researcher',
    capabilities: [],
  },
  {
    name: 'market_researcher',
    displayName: 'Market researcher',
    description: 'Gathers outside information (users, competitors, prices) and summarises it with sources.',
    extends: 'researcher',
    capabilities: ['web_access'],
  },
  {
    name: 'implementer',
    displayName: 'Implementer',
    description: 'Makes the change a task asks for, within the files it needs.',
    extends: 'orchestrator',
    capabilities: ['file_write'],
    restrictions: { max_file_changes: 20, max_new_tasks: 10 },
  },
  {
    name: 'coder',
    displayName: 'Coder',
    description: 'Writes and changes code and its tests, in small steps that keep the build green.',
    extends: 'implementer',
    capabilities: ['code_execution'],
    restrictions: { max_file_changes: 10 },
    validationRules: ['The tests pass before the task is completed.'],
  },
  {
    name: 'designer',
    displayName: 'Designer',
    description: 'Designs screens, flows and their assets, and writes down the decisions.',
    extends: 'implementer',
    capabilities: [],
    restrictions: { max_file_changes: 10 },
  },
  {
    name: 'writer',
    displayName: 'Writer',
    description: 'Writes and edits prose: documentation, copy, release notes.',
    extends: 'implementer',
    capabilities: [],
    restrictions: { max_file_changes: 10 },
  },
  {
    name: 'validator',
    displayName: 'Validator',
    description: 'Checks finished work against its task and reports what is wrong; never changes the work itself.',
    extends: 'orchestrator',
    capabilities: [],
    restrictions: { max_new_tasks: 5 },
  },
  {
    name: 'tester',
    displayName: 'Tester',
    description: 'Runs the tests and tries the change the way a user would; reports failures as tasks.',
    extends: 'validator',
    capabilities: ['code_execution'],
  },
  {
    name: 'reviewer',
    displayName: 'Reviewer',
    description: 'Reviews a change for correctness, clarity and fit with the design; comments, does not edit.',
    extends: 'validator',
    capabilities: [],
  },
  {
    name: 'security_auditor',
    displayName: 'Security auditor',
    description: 'Looks for security problems: secrets, injections, unsafe defaults, paths that escape.',
    extends: 'validator',
    capabilities: [],
  },
  {
    name: 'coordinator',
    displayName: 'Coordinator',
    description: 'Keeps work moving between roles and people: assigns, follows up, reports progress.',
    extends: 'orchestrator',
    capabilities: [],
  },
  {
    name: 'project_manager',
    displayName: 'Project manager',
    description: 'Owns the plan of a project: scope, order, dates and the critical path.',
    extends: 'coordinator',
    capabilities: [],
  },
  {
    name: 'release_manager',
    displayName: 'Release manager',
    description: 'Prepares and ships releases: checks that the tasks of a release are done, tags and deploys.',
    extends: 'coordinator',
    capabilities: ['git_operations', 'deploy'],
  },
];

export function defaultRoleDefinitions(): RoleDefinition[] {
  return builtins.map((b) => ({
    ...b,
    capabilities: [...(b.capabilities ?? [])],
    restrictions: { ...(b.restrictions ?? {}) },
    origin: { kind: 'builtin' },
  }));
}
