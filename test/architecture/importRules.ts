import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Every module specifier a TypeScript source names: static, dynamic, re-export and require. */
export function importSpecifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bexport\s+(?:type\s+)?[^'";]*?\s+from\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!);
  return found;
}

const nodeBuiltins = new Set(builtinModules);
const editorApis = ['vscode', 'obsidian', 'vscode-languageclient', 'electron'];

export type Layer = 'core' | 'shared-types' | 'host';

/** Why `specifier`, imported from `fromFile` in `layer`, breaks the module rules; null when it is fine. */
export function ruleViolation(layer: Layer, fromFile: string, specifier: string, repoRoot: string): string | null {
  const bare = specifier.split('/')[0]!;
  if (specifier.startsWith('.')) {
    const target = path.relative(repoRoot, path.resolve(path.dirname(fromFile), specifier)).split(path.sep)[0];
    if (layer === 'core' && target !== 'core' && target !== 'shared-types') return `core may import only core/ and shared-types/, not ${target}/`;
    if (layer === 'shared-types' && target !== 'shared-types') return `shared-types/ depends on nothing of ours, not ${target}/`;
    if (layer === 'host' && (target === 'core' || target === 'language-server')) return `a host speaks the protocol; it may not import ${target}/`;
    return null;
  }
  if (layer === 'host') return null;
  if (specifier.startsWith('node:') || nodeBuiltins.has(specifier) || nodeBuiltins.has(bare)) return `${layer} may not use the node built-in '${specifier}'`;
  if (editorApis.includes(bare)) return `${layer} may not use the editor API '${specifier}'`;
  if (layer === 'shared-types' && !bare.startsWith('vscode-languageserver-protocol') && !bare.startsWith('vscode-languageserver-types'))
    return `shared-types/ may depend on LSP protocol types only, not '${specifier}'`;
  return null;
}

/** Browser globals that must not appear in core/: it also runs in a worker and in node. */
const domGlobals = /\b(?:document|window|navigator|localStorage|sessionStorage|HTMLElement|XMLHttpRequest)\s*[.(]/;

export function domViolation(source: string): string | null {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const match = domGlobals.exec(code);
  return match ? `uses the DOM global '${match[0].replace(/[.(\s]+$/, '')}'` : null;
}

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

export function violationsIn(layer: Layer, dir: string, repoRoot: string): string[] {
  const problems: string[] = [];
  for (const file of sourceFiles(dir)) {
    const source = readFileSync(file, 'utf8');
    const where = path.relative(repoRoot, file);
    for (const specifier of importSpecifiers(source)) {
      const problem = ruleViolation(layer, file, specifier, repoRoot);
      if (problem) problems.push(`${where}: ${problem}`);
    }
    if (layer === 'core') {
      const dom = domViolation(source);
      if (dom) problems.push(`${where}: ${dom}`);
    }
  }
  return problems;
}
