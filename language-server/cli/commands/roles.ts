import { defaultRoleFolder } from '../../../core/roles/roleFiles.js';
import type { ResolvedRole, RoleOrigin } from '../../../core/roles/types.js';
import { loadRoles } from '../../node/loadRoles.js';
import { loadWorkspace, UserError } from '../../node/loadWorkspace.js';
import { parseCommandArgs } from '../args.js';
import { diagnosticJson, formatDiagnostic } from './check.js';

/** `roles <dir> [--json] [--roles-folder <folder>]`: the resolved roles and the problems in role files. */
export async function rolesCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs('roles', args, { json: { type: 'boolean' }, 'roles-folder': { type: 'string' } });
  const [dir, ...extra] = positionals;
  if (!dir || extra.length > 0) throw new UserError('roles: expected one directory, e.g. scriptorium roles ./vault');
  const workspace = await loadWorkspace(dir);
  const set = await loadRoles(dir, workspace, values['roles-folder'] ?? defaultRoleFolder);
  const roles = [...set.roles.values()];
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ roles: roles.map(roleJson), diagnostics: set.diagnostics.map(diagnosticJson) }, null, 2)}\n`);
  } else {
    process.stdout.write(`${roles.map(describeRole).join('\n\n')}\n`);
    if (set.diagnostics.length > 0) {
      process.stdout.write(`\n== Problems in role files (${set.diagnostics.length}) ==\n${set.diagnostics.map(formatDiagnostic).join('\n')}\n`);
    }
  }
  return set.diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

export function roleJson(role: ResolvedRole) {
  return {
    name: role.name,
    displayName: role.displayName,
    description: role.description,
    extends: role.extends,
    chain: role.chain,
    capabilities: role.capabilities,
    restrictions: role.restrictions,
    preferredLlm: role.preferredLlm,
    fallbackLlms: role.fallbackLlms,
    contextRequirements: role.contextRequirements,
    validationRules: role.validationRules,
    definedIn: role.origins.map(originText),
  };
}

function originText(origin: RoleOrigin): string {
  return origin.kind === 'builtin' ? 'built-in' : `${origin.path}:${origin.line + 1}`;
}

function describeRole(role: ResolvedRole): string {
  const lines = [`${role.name}  (${role.displayName}; ${role.chain.join(' → ')}; ${role.origins.map(originText).join(' + ')})`];
  if (role.description) lines.push(`  ${role.description}`);
  const own = role.capabilities.filter((c) => c.from === role.name).map((c) => c.name);
  const inherited = role.capabilities.filter((c) => c.from !== role.name).map((c) => `${c.name} (${c.from})`);
  lines.push(`  capabilities: ${[...own, ...inherited].join(', ') || 'none'}`);
  const restrictions = Object.entries(role.restrictions).map(([k, v]) => `${k}: ${String(v!.value)}${v!.from === role.name ? '' : ` (${v!.from})`}`);
  if (restrictions.length > 0) lines.push(`  restrictions: ${restrictions.join(', ')}`);
  if (role.preferredLlm) lines.push(`  LLM: ${[role.preferredLlm, ...role.fallbackLlms].join(' → ')}`);
  if (role.contextRequirements.length > 0) lines.push(`  context: ${role.contextRequirements.join(', ')}`);
  if (role.validationRules.length > 0) lines.push(`  validation: ${role.validationRules.join(' | ')}`);
  return lines.join('\n');
}
