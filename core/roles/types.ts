import type { Diagnostic } from '../../shared-types/index.js';
import type { Capability } from './capabilities.js';
import type { RestrictionName } from './restrictions.js';

/** Where a role definition came from: shipped with Scriptorium, or a file in the workspace. */
export type RoleOrigin = { kind: 'builtin' } | { kind: 'file'; path: string; line: number };

/** A restriction's value: a limit (`max_file_changes: 5`) or a flag (`no_database_modifications: true`). */
export type RestrictionValue = number | boolean;

/**
 * One role as written (a built-in, or one file), before inheritance. Fields the file leaves
 * out are undefined, so an override of a built-in can change only what it names.
 */
export interface RoleDefinition {
  name: string;
  displayName?: string;
  description?: string;
  /** The parent role; null = written as none (a root), undefined = not said. */
  extends?: string | null;
  capabilities?: Capability[];
  restrictions?: Partial<Record<RestrictionName, RestrictionValue>>;
  preferredLlm?: string | null;
  fallbackLlms?: string[];
  contextRequirements?: string[];
  validationRules?: string[];
  origin: RoleOrigin;
  /** Zero-based line of each key in the file (and of list items as `capabilities.0`), for diagnostics. */
  lines?: Record<string, number>;
}

/** A capability or restriction value with the role that contributed it. */
export interface Sourced<T> {
  value: T;
  /** The role (in the `extends` chain) whose definition set it. */
  from: string;
}

/** A role after inheritance: what the checks and the MCP server use. */
export interface ResolvedRole {
  name: string;
  displayName: string;
  description: string;
  extends: string | null;
  /** This role, its parent, …, the root. */
  chain: string[];
  /** Own and inherited, each with the role that granted it, in the order granted (root first). */
  capabilities: { name: Capability; from: string }[];
  /** Merged down the chain; a child may only tighten (see resolveRoles.ts). */
  restrictions: Partial<Record<RestrictionName, Sourced<RestrictionValue>>>;
  preferredLlm: string | null;
  fallbackLlms: string[];
  contextRequirements: string[];
  validationRules: string[];
  /** The built-in it started from and/or the file that defined or overrode it. */
  origins: RoleOrigin[];
}

export interface RoleSet {
  /** Every role by name, in a stable order (built-ins in tree order, then workspace roles by path). */
  roles: ReadonlyMap<string, ResolvedRole>;
  diagnostics: Diagnostic[];
}

/** A file that may define roles: `.scriptorium/roles/*.yaml`, or a note / YAML file in the roles folder. */
export interface RoleFile {
  /** Vault-relative, `/`-separated. */
  path: string;
  text: string;
}
