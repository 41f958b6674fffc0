// One role file → one RoleDefinition (or none) plus located `invalid-role` diagnostics.
// Bad parts of a file are dropped one by one; only a file we cannot read as YAML at all, or
// one without a usable name, defines nothing.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import type { Diagnostic, Severity } from '../../shared-types/index.js';
import { findFrontmatterEnd } from '../markdown/frontmatter.js';
import { splitLines } from '../text/lines.js';
import { capabilities, isCapability, type Capability } from './capabilities.js';
import { isRestriction, restrictionKinds, restrictionNames, type RestrictionName } from './restrictions.js';
import type { RestrictionValue, RoleDefinition, RoleFile } from './types.js';

export interface ParsedRoleFile {
  definition: RoleDefinition | null;
  diagnostics: Diagnostic[];
}

/** Names a `[role:: …]` field can carry and a prompt name can hold. */
export const roleNamePattern = /^[A-Za-z][A-Za-z0-9_-]*$/;

const knownKeys = new Set([
  'name',
  'display_name',
  'description',
  'extends',
  'capabilities',
  'restrictions',
  'preferred_llm',
  'fallback_llms',
  'context_requirements',
  'validation_rules',
]);

export function isYamlRoleFile(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

export function parseRoleFile(file: RoleFile): ParsedRoleFile {
  return isYamlRoleFile(file.path) ? parseYaml(file, file.text, 0, null, false) : parseNoteRole(file);
}

function parseNoteRole(file: RoleFile): ParsedRoleFile {
  const lines = splitLines(file.text);
  const end = findFrontmatterEnd(lines);
  if (end < 0) {
    return { definition: null, diagnostics: [diagnostic(file.path, 0, 'warning', 'This note is in the roles folder but has no frontmatter, so it defines no role. Add frontmatter with at least `capabilities:` or `extends:`, or move the note out of the folder.')] };
  }
  const yamlText = lines.slice(1, end).map((l) => l.text + l.eol).join('');
  const body = lines.slice(end + 1).map((l) => l.text).join('\n').trim();
  return parseYaml(file, yamlText, 1, body === '' ? null : body, true);
}

/** `lineOffset`: the file line where `text` starts; `body`: a note's text after the frontmatter (its description unless one is given). */
function parseYaml(file: RoleFile, yamlText: string, lineOffset: number, body: string | null, isNote: boolean): ParsedRoleFile {
  const diagnostics: Diagnostic[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined | unknown): number => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return range ? counter.linePos(range[0]).line - 1 + lineOffset : lineOffset;
  };
  const report = (line: number, severity: Severity, message: string) => diagnostics.push(diagnostic(file.path, line, severity, message));

  if (doc.errors.length > 0) {
    for (const error of doc.errors) report((error.linePos?.[0]?.line ?? 1) - 1 + lineOffset, 'error', `Malformed YAML, so this file defines no role: ${error.message.split('\n')[0]}`);
    return { definition: null, diagnostics };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    report(lineOffset, 'error', 'A role file is a YAML mapping (`name: …`, `capabilities: […]`, …); this one is not, so it defines no role.');
    return { definition: null, diagnostics };
  }

  const lines: Record<string, number> = {};
  const values = new Map<string, Pair>();
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : null;
    if (key === null) continue;
    lines[key] = lineOf(pair.key);
    if (knownKeys.has(key)) values.set(key, pair);
    // A note's frontmatter also holds tags, aliases and the like: only a YAML role file is strict.
    else if (!isNote) report(lineOf(pair.key), 'warning', `Unknown role field '${key}' is ignored. Role fields: ${[...knownKeys].join(', ')}.`);
  }

  const fileName = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.(ya?ml|md|markdown)$/i, '');
  const nameNode = values.get('name')?.value;
  const name = nameNode === undefined ? fileName : scalarText(nameNode);
  if (name === null || !roleNamePattern.test(name)) {
    report(lines.name ?? lineOffset, 'error', `'${name ?? String(nameNode)}' is not a usable role name: start with a letter, then letters, digits, '_' or '-'. This file defines no role.`);
    return { definition: null, diagnostics };
  }

  const definition: RoleDefinition = { name, origin: { kind: 'file', path: file.path, line: lines.name ?? lineOffset }, lines };
  const text = (key: string): string | undefined => {
    const node = values.get(key)?.value;
    if (node === undefined) return undefined;
    const value = scalarText(node);
    if (value === null) report(lines[key]!, 'warning', `'${key}' should be text; ignored.`);
    return value ?? undefined;
  };
  const list = (key: string): { value: string; line: number }[] | undefined => {
    const node = values.get(key)?.value;
    if (node === undefined || node === null || (isScalar(node) && node.value === null)) return node === undefined ? undefined : [];
    if (isScalar(node)) {
      const value = scalarText(node);
      if (value === null) return [];
      return value.split(',').map((v) => ({ value: v.trim(), line: lineOf(node) })).filter((v) => v.value !== '');
    }
    if (!isSeq(node)) {
      report(lines[key]!, 'warning', `'${key}' should be a list; ignored.`);
      return undefined;
    }
    const items: { value: string; line: number }[] = [];
    for (const item of node.items) {
      const value = scalarText(item);
      if (value === null) report(lineOf(item), 'warning', `An item of '${key}' should be text; ignored.`);
      else items.push({ value, line: lineOf(item) });
    }
    return items;
  };

  const displayName = text('display_name');
  if (displayName !== undefined) definition.displayName = displayName;
  const description = text('description') ?? body ?? undefined;
  if (description !== undefined) definition.description = description;

  if (values.has('extends')) {
    const node = values.get('extends')!.value;
    const parent = node === null || (isScalar(node) && node.value === null) ? null : scalarText(node);
    if (parent === null && !(node === null || (isScalar(node) && node.value === null))) report(lines.extends!, 'error', "'extends' names one role; ignored.");
    else definition.extends = parent === null || parent.trim() === '' ? null : parent.trim();
  }

  const capabilityItems = list('capabilities');
  if (capabilityItems) {
    const granted: Capability[] = [];
    for (const item of capabilityItems) {
      if (isCapability(item.value)) {
        if (!granted.includes(item.value)) granted.push(item.value);
      } else report(item.line, 'warning', `Unknown capability '${item.value}' is not granted. Capabilities: ${capabilityNames()}.`);
    }
    definition.capabilities = granted;
  }

  const restrictionsPair = values.get('restrictions');
  if (restrictionsPair) {
    const restrictions = readRestrictions(restrictionsPair.value, lines.restrictions!, lines, lineOf, report);
    if (restrictions) definition.restrictions = restrictions;
  }

  const preferred = text('preferred_llm');
  if (preferred !== undefined) definition.preferredLlm = preferred;
  for (const [key, field] of [
    ['fallback_llms', 'fallbackLlms'],
    ['context_requirements', 'contextRequirements'],
    ['validation_rules', 'validationRules'],
  ] as const) {
    const items = list(key);
    if (items) definition[field] = items.map((i) => i.value);
  }
  return { definition, diagnostics };
}

/** A mapping (`max_file_changes: 5`) or a list (`- no_database_modifications`, `- max_file_changes: 5`). */
function readRestrictions(
  node: unknown,
  keyLine: number,
  lines: Record<string, number>,
  lineOf: (node: unknown) => number,
  report: (line: number, severity: Severity, message: string) => void,
): Partial<Record<RestrictionName, RestrictionValue>> | null {
  const entries: { key: string; value: unknown; line: number }[] = [];
  if (node === null || (isScalar(node) && node.value === null)) return {};
  if (isMap(node)) {
    for (const pair of node.items) entries.push({ key: String(isScalar(pair.key) ? pair.key.value : pair.key), value: pair.value, line: lineOf(pair.key) });
  } else if (isSeq(node)) {
    for (const item of node.items) {
      if (isScalar(item)) entries.push({ key: String(item.value), value: true, line: lineOf(item) });
      else if (isMap(item)) for (const pair of item.items) entries.push({ key: String(isScalar(pair.key) ? pair.key.value : pair.key), value: pair.value, line: lineOf(pair.key) });
      else report(lineOf(item), 'error', 'A restriction is a name (`- no_database_modifications`) or `name: value`; this one is neither and is ignored.');
    }
  } else {
    report(keyLine, 'error', "'restrictions' should be a mapping or a list; ignored.");
    return null;
  }
  const result: Partial<Record<RestrictionName, RestrictionValue>> = {};
  for (const entry of entries) {
    if (!isRestriction(entry.key)) {
      // An error, not a warning: the author meant to restrict the role and it is not restricted.
      report(entry.line, 'error', `Unknown restriction '${entry.key}' cannot be enforced. Restrictions: ${restrictionNames.join(', ')}.`);
      continue;
    }
    lines[`restrictions.${entry.key}`] = entry.line;
    const raw = isScalar(entry.value) ? entry.value.value : entry.value;
    if (restrictionKinds[entry.key] === 'limit') {
      if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) result[entry.key] = raw;
      else report(entry.line, 'error', `'${entry.key}' takes a whole number of 0 or more, e.g. ${entry.key}: 5; ignored.`);
    } else if (typeof raw === 'boolean') result[entry.key] = raw;
    else report(entry.line, 'error', `'${entry.key}' takes true or false; ignored.`);
  }
  return result;
}

function scalarText(node: unknown): string | null {
  if (!isScalar(node)) return null;
  const value = node.value;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return null;
}

function capabilityNames(): string {
  return capabilities.join(', ');
}

export function diagnostic(path: string, line: number, severity: Severity, message: string): Diagnostic {
  return { path, range: { start: { line, character: 0 }, end: { line, character: 0 } }, severity, code: 'invalid-role', message };
}
