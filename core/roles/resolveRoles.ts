// Role definitions (built-in, then workspace files) → resolved roles with inherited
// capabilities and merged restrictions, plus `invalid-role` diagnostics.
//
// Rules (see ARCHITECTURE.md, "Roles"):
// - A file naming a built-in overrides it field by field (restrictions key by key); a new name
//   adds a role. Two files defining one name: the first by path counts, the second is reported.
// - Capabilities accumulate down the `extends` chain; a role has its own and every ancestor's.
// - Restrictions merge down the chain and a child may only tighten: a lower limit or a flag
//   turned on is taken, a higher limit or a flag turned off is reported and the ancestor's
//   value stays. So a role is never looser than its parent.
// - An unknown parent or a cycle is reported and the role resolves without a parent (its own
//   capabilities only): a broken file can only take permissions away, never grant them.
// - context_requirements and validation_rules accumulate (ancestors first); display name and
//   description are the role's own; preferred/fallback LLMs are inherited unless set.
import type { Diagnostic } from '../../shared-types/index.js';
import type { Capability } from './capabilities.js';
import { defaultRoleDefinitions } from './defaultRoles.js';
import { diagnostic, parseRoleFile } from './parseRoleFile.js';
import { restrictionKinds, type RestrictionName } from './restrictions.js';
import type { ResolvedRole, RoleDefinition, RoleFile, RoleOrigin, RoleSet } from './types.js';

/** The key roles are found by: names compare case-insensitively, and `@coder` means `coder`. */
export function roleKey(name: string): string {
  return name.trim().replace(/^@/, '').toLowerCase();
}

export function findRole(set: RoleSet, name: string): ResolvedRole | undefined {
  return set.roles.get(roleKey(name));
}

interface Entry {
  definition: RoleDefinition;
  origins: RoleOrigin[];
  /** The file whose lines `definition.lines` are, for diagnostics; null for a pure built-in. */
  path: string | null;
}

/** Parses the workspace's role files (in path order) over the built-in tree and resolves every role. */
export function resolveRoles(files: readonly RoleFile[], builtins: readonly RoleDefinition[] = defaultRoleDefinitions()): RoleSet {
  const diagnostics: Diagnostic[] = [];
  const entries = new Map<string, Entry>();
  for (const b of builtins) entries.set(roleKey(b.name), { definition: b, origins: [b.origin], path: null });

  const overriddenBy = new Map<string, string>();
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const parsed = parseRoleFile(file);
    diagnostics.push(...parsed.diagnostics);
    const def = parsed.definition;
    if (!def) continue;
    const key = roleKey(def.name);
    const earlier = overriddenBy.get(key);
    if (earlier !== undefined) {
      diagnostics.push(diagnostic(file.path, def.lines?.name ?? 0, 'warning', `The role '${def.name}' is already defined in ${earlier}; this definition is ignored.`));
      continue;
    }
    overriddenBy.set(key, file.path);
    const base = entries.get(key);
    entries.set(key, base ? { definition: overrideOf(base.definition, def), origins: [...base.origins, def.origin], path: file.path } : { definition: def, origins: [def.origin], path: file.path });
  }

  const parents = parentsOf(entries, diagnostics);
  breakCycles(entries, parents, diagnostics);

  const resolved = new Map<string, ResolvedRole>();
  const resolve = (key: string): ResolvedRole => {
    const done = resolved.get(key);
    if (done) return done;
    const entry = entries.get(key)!;
    const parentKey = parents.get(key) ?? null;
    const parent = parentKey === null ? null : resolve(parentKey);
    const role = resolveOne(entry, parent, diagnostics);
    resolved.set(key, role);
    return role;
  };
  for (const key of entries.keys()) resolve(key);
  // Keep the definition order (built-ins in tree order, then new roles by path), not resolution order.
  const roles = new Map<string, ResolvedRole>();
  for (const key of entries.keys()) roles.set(key, resolved.get(key)!);
  diagnostics.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line));
  return { roles, diagnostics };
}

function overrideOf(base: RoleDefinition, file: RoleDefinition): RoleDefinition {
  const merged: RoleDefinition = { ...base, origin: file.origin, lines: file.lines ?? {} };
  for (const key of Object.keys(file) as (keyof RoleDefinition)[]) {
    if (key === 'origin' || key === 'lines' || key === 'restrictions' || file[key] === undefined) continue;
    (merged as unknown as Record<string, unknown>)[key] = file[key];
  }
  if (file.restrictions) merged.restrictions = { ...(base.restrictions ?? {}), ...file.restrictions };
  merged.name = base.name;
  return merged;
}

function lineOf(entry: Entry, key: string): number {
  return entry.definition.lines?.[key] ?? entry.definition.lines?.name ?? 0;
}

function parentsOf(entries: Map<string, Entry>, diagnostics: Diagnostic[]): Map<string, string | null> {
  const parents = new Map<string, string | null>();
  for (const [key, entry] of entries) {
    const wanted = entry.definition.extends ?? null;
    if (wanted === null) {
      parents.set(key, null);
      continue;
    }
    const parentKey = roleKey(wanted);
    if (!entries.has(parentKey)) {
      if (entry.path !== null) {
        diagnostics.push(diagnostic(entry.path, lineOf(entry, 'extends'), 'error', `'${entry.definition.name}' extends '${wanted}', which is no role; it gets only its own capabilities. Roles: ${[...entries.values()].map((e) => e.definition.name).join(', ')}.`));
      }
      parents.set(key, null);
      continue;
    }
    parents.set(key, parentKey);
  }
  return parents;
}

/** Every role on a cycle loses its parent, and each one written in a file gets the diagnostic. */
function breakCycles(entries: Map<string, Entry>, parents: Map<string, string | null>, diagnostics: Diagnostic[]): void {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of entries.keys()) {
    const path: string[] = [];
    let key: string | null = start;
    while (key !== null && state.get(key) !== 'done') {
      if (state.get(key) === 'visiting') {
        const cycle = path.slice(path.indexOf(key));
        const names = [...cycle, key].map((k) => entries.get(k)!.definition.name).join(' → ');
        for (const member of cycle) {
          const entry = entries.get(member)!;
          if (entry.path !== null) diagnostics.push(diagnostic(entry.path, lineOf(entry, 'extends'), 'error', `Role cycle: ${names}. '${entry.definition.name}' resolves without a parent (its own capabilities only) until the cycle is broken.`));
          parents.set(member, null);
        }
        break;
      }
      state.set(key, 'visiting');
      path.push(key);
      key = parents.get(key) ?? null;
    }
    for (const k of path) state.set(k, 'done');
  }
}

function resolveOne(entry: Entry, parent: ResolvedRole | null, diagnostics: Diagnostic[]): ResolvedRole {
  const def = entry.definition;
  const capabilities: { name: Capability; from: string }[] = parent ? [...parent.capabilities] : [];
  for (const c of def.capabilities ?? []) if (!capabilities.some((g) => g.name === c)) capabilities.push({ name: c, from: def.name });

  const restrictions: ResolvedRole['restrictions'] = parent ? { ...parent.restrictions } : {};
  for (const [name, value] of Object.entries(def.restrictions ?? {}) as [RestrictionName, number | boolean][]) {
    const inherited = restrictions[name];
    const looser = inherited !== undefined && (restrictionKinds[name] === 'limit' ? (value as number) > (inherited.value as number) : inherited.value === true && value === false);
    if (looser) {
      if (entry.path !== null) {
        diagnostics.push(diagnostic(entry.path, lineOf(entry, `restrictions.${name}`), 'warning', `'${def.name}' cannot loosen ${name} to ${String(value)}: its ancestor '${inherited.from}' sets ${String(inherited.value)}, and a role may only tighten what it inherits. ${String(inherited.value)} applies.`));
      }
      continue;
    }
    restrictions[name] = { value, from: def.name };
  }

  return {
    name: def.name,
    displayName: def.displayName ?? def.name.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase()),
    description: def.description ?? '',
    extends: parent?.name ?? null,
    chain: [def.name, ...(parent?.chain ?? [])],
    capabilities,
    restrictions,
    preferredLlm: def.preferredLlm !== undefined ? def.preferredLlm : (parent?.preferredLlm ?? null),
    fallbackLlms: def.fallbackLlms ?? parent?.fallbackLlms ?? [],
    contextRequirements: unique([...(parent?.contextRequirements ?? []), ...(def.contextRequirements ?? [])]),
    validationRules: unique([...(parent?.validationRules ?? []), ...(def.validationRules ?? [])]),
    origins: entry.origins,
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
