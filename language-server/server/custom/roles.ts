import type { CancellationToken } from 'vscode-languageserver';
import { ScriptoriumRequest, type RoleInfo, type RolesResult } from '../../../shared-types/protocol.js';
import type { ResolvedRole } from '../../../core/roles/types.js';
import { guard, objectParams, optionalString } from '../guard.js';
import type { ServerContext } from '../serverContext.js';
import { checkpoint } from '../yieldNow.js';

const method = ScriptoriumRequest.roles;

/** `scriptorium/roles`: the built-in role tree as the workspace's role files (role folder and `.scriptorium/roles/`) override and extend it. */
export function registerRoles(context: ServerContext): void {
  context.connection.onRequest(
    method,
    guard(method, context.log, async (raw: unknown, token: CancellationToken): Promise<RolesResult> => {
      const params = raw === undefined || raw === null ? {} : objectParams(method, raw);
      const name = optionalString(method, params, 'name');
      await checkpoint(token);
      const roles = [...context.roles.current().roles.values()].filter((r) => name === undefined || r.name === name);
      return { roles: roles.map((r) => roleInfo(context, r)) };
    }),
  );
}

function roleInfo(context: ServerContext, role: ResolvedRole): RoleInfo {
  const file = role.origins.find((o) => o.kind === 'file');
  return {
    name: role.name,
    displayName: role.displayName,
    description: role.description,
    extends: role.extends,
    chain: role.chain,
    capabilities: role.capabilities.map((c) => c.name),
    restrictions: Object.fromEntries(Object.entries(role.restrictions).map(([k, v]) => [k, v!.value])),
    ...(file && file.kind === 'file' ? { path: file.path, uri: context.uris().uriOf(file.path) } : {}),
  };
}
