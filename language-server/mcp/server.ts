import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import type { AgentVault } from './agentVault.js';
import { noteUri, pathOfNoteUri, readNote, writeNote } from './noteTools.js';
import { promptName, rolePrompt } from './rolePrompt.js';
import { AgentSearch } from './searchTools.js';
import { claimTask, createSubtask, finishTask, getTask, queryTasks } from './taskTools.js';
import { ToolRefusal } from './toolRefusal.js';

export const serverVersion = '0.1.0';

/** Runs a tool body with fresh files; a refusal becomes an error result the agent can read. */
async function answer(vault: AgentVault, body: () => unknown): Promise<CallToolResult> {
  try {
    await vault.refresh();
    const result = await body();
    return { content: [{ type: 'text', text: typeof result === 'string' ? result : JSON.stringify(result, null, 2) }] };
  } catch (error) {
    if (error instanceof ToolRefusal) return { isError: true, content: [{ type: 'text', text: error.message }] };
    const message = error instanceof Error ? error.message : String(error);
    return { isError: true, content: [{ type: 'text', text: `Unexpected error: ${message}` }] };
  }
}

const taskRef = z.string().describe('A task: its 🆔 id (e.g. "build") or "path/to/note.md:line" (one-based line)');

/**
 * The MCP face of one agent session: every tool, resource and prompt goes through the role's
 * capability check (AgentVault.authorize) before it touches anything.
 */
export function createMcpServer(vault: AgentVault): McpServer {
  const role = vault.role;
  const server = new McpServer(
    { name: 'scriptorium', version: serverVersion },
    { instructions: `Scriptorium workspace at ${vault.root}, working as the role '${role.name}' (${role.capabilities.map((c) => c.name).join(', ')}). Tasks are lines in markdown notes; query them with the Obsidian Tasks query language.` },
  );

  server.registerTool(
    'query_tasks',
    {
      description: "Query the workspace's tasks with the Obsidian Tasks query language, one instruction per line, e.g. \"not done\\nrole is coder\\nsort by due\" (also: is ready, is blocked, group by role, limit 10).",
      inputSchema: { query: z.string().describe('Tasks query; instructions separated by newlines') },
      annotations: { readOnlyHint: true },
    },
    ({ query }) => answer(vault, () => queryTasks(vault, query)),
  );
  server.registerTool(
    'get_task',
    {
      description: 'One task with its dependencies, what it waits for, dependents, parent, subtasks and the section of the note around it.',
      inputSchema: { task: taskRef },
      annotations: { readOnlyHint: true },
    },
    ({ task }) => answer(vault, () => getTask(vault, task)),
  );
  server.registerTool(
    'claim_task',
    {
      description: `Assign a ready task to this role ('${role.name}') and start it (In Progress). Refused if it is already claimed, blocked or assigned to another role; of two concurrent claims one wins.`,
      inputSchema: { task: taskRef },
    },
    ({ task }) => answer(vault, () => claimTask(vault, task)),
  );
  server.registerTool(
    'complete_task',
    {
      description: 'Complete a task this role claimed (adds ✅ today). An optional one-line note is added under the task.',
      inputSchema: { task: taskRef, note: z.string().optional().describe('One line: what was done') },
    },
    ({ task, note }) => answer(vault, () => finishTask(vault, task, 'Completed', note)),
  );
  server.registerTool(
    'fail_task',
    {
      description: 'Mark a task this role claimed as failed ([F]). An optional one-line note says why.',
      inputSchema: { task: taskRef, note: z.string().optional().describe('One line: why it failed') },
    },
    ({ task, note }) => answer(vault, () => finishTask(vault, task, 'Failed', note)),
  );
  server.registerTool(
    'create_subtask',
    {
      description: 'Add a subtask under a task, optionally assigned to a role.',
      inputSchema: { task: taskRef, description: z.string().describe('One line'), role: z.string().optional().describe('A role name, e.g. reviewer') },
    },
    ({ task, description, role: assignee }) => answer(vault, () => createSubtask(vault, task, description, assignee)),
  );
  server.registerTool(
    'read_note',
    {
      description: 'Read a note or text file of the workspace. path is relative to the workspace, e.g. "Projects/Plan.md".',
      inputSchema: { path: z.string() },
      annotations: { readOnlyHint: true },
    },
    ({ path }) => answer(vault, async () => (await readNote(vault, path)).text),
  );
  server.registerTool(
    'write_note',
    {
      description: 'Create or replace a note or text file of the workspace with content (written atomically). Needs file_write; counts towards max_file_changes.',
      inputSchema: { path: z.string(), content: z.string() },
      annotations: { destructiveHint: true },
    },
    ({ path, content }) => answer(vault, () => writeNote(vault, path, content)),
  );

  const search = new AgentSearch(vault);
  server.registerTool(
    'search',
    {
      description: 'Search the notes (BM25 over notes and their sections, with link signals). Returns paths, scores and the best-matching heading.',
      inputSchema: { query: z.string(), limit: z.number().int().positive().max(50).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ query, limit }) => answer(vault, () => search.search(query, limit)),
  );
  server.registerTool(
    'related_notes',
    {
      description: 'Notes related to a note (by content and links), each with why.',
      inputSchema: { path: z.string().describe('A note, relative to the workspace'), limit: z.number().int().positive().max(50).optional() },
      annotations: { readOnlyHint: true },
    },
    ({ path, limit }) => answer(vault, () => search.related(path, limit)),
  );

  server.registerResource(
    'note',
    new ResourceTemplate('scriptorium://note/{+path}', {
      list: async () => {
        vault.authorize('read_resource');
        await vault.refresh();
        const notes = [...vault.workspace.files()].filter((f) => f.kind === 'markdown');
        return { resources: notes.map((f) => ({ uri: noteUri(f.path), name: f.path, mimeType: 'text/markdown' })) };
      },
    }),
    { description: 'A note of the workspace', mimeType: 'text/markdown' },
    async (uri, variables) => {
      const note = await readNote(vault, pathOfNoteUri(variables.path), 'read_resource');
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text: note.text }] };
    },
  );

  server.registerPrompt(
    promptName(role),
    {
      title: `Work as ${role.displayName}`,
      description: `The task, its dependencies, the ${role.name} role's description and the notes it needs, as one prompt.`,
      argsSchema: { task: z.string().describe('A task: its id or "path:line"') },
    },
    async ({ task }) => {
      await vault.refresh();
      return { description: `${role.displayName} on ${task}`, messages: [{ role: 'user', content: { type: 'text', text: rolePrompt(vault, task) } }] };
    },
  );
  return server;
}
