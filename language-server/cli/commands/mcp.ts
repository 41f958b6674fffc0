import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { defaultRoleFolder } from '../../../core/roles/roleFiles.js';
import { findRole } from '../../../core/roles/resolveRoles.js';
import { loadRoles } from '../../node/loadRoles.js';
import { UserError } from '../../node/loadWorkspace.js';
import { AgentVault } from '../../mcp/agentVault.js';
import { createMcpServer } from '../../mcp/server.js';
import { parseCommandArgs } from '../args.js';
import { formatDiagnostic } from './check.js';

/** `mcp <dir> --role <name>`: an MCP server on stdin/stdout for one agent working under one role. */
export async function mcpCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('mcp', args, {
    role: { type: 'string' },
    'roles-folder': { type: 'string' },
    'global-filter': { type: 'boolean' },
    store: { type: 'string' },
  });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0 || values.role === undefined) throw new UserError('mcp: expected a directory and a role, e.g. scriptorium mcp ./vault --role coder');
  const roleFolder = values['roles-folder'] ?? defaultRoleFolder;
  const vault = await AgentVault.open({
    root: dir,
    roleFolder,
    useGlobalFilter: values['global-filter'] === true,
    ...(values.store ? { storeDir: values.store } : {}),
    chooseRole: async (workspace) => {
      const roles = await loadRoles(dir, workspace, roleFolder);
      // stdout carries the protocol: everything for the operator goes to stderr.
      for (const d of roles.diagnostics) process.stderr.write(`scriptorium mcp: ${formatDiagnostic(d)}\n`);
      const role = findRole(roles, values.role!);
      if (!role) throw new UserError(`mcp: no role '${values.role}'. Roles: ${[...roles.roles.values()].map((r) => r.name).join(', ')} (run 'scriptorium roles ${dir}').`);
      return { role, roles };
    },
  });
  const role = vault.role;
  const server = createMcpServer(vault);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.on('end', () => resolve());
  });
  await server.connect(transport);
  process.stderr.write(`scriptorium mcp: serving ${vault.root} as '${role.name}'\n`);
  await closed;
  await server.close();
  return 0;
}
