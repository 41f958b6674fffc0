import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { domViolation, importSpecifiers, ruleViolation, violationsIn } from './importRules.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const inCore = path.join(repoRoot, 'core/tasks/x.ts');
const inHost = path.join(repoRoot, 'vscode-extension/src/x.ts');

describe('module boundaries of the repository', () => {
  it('core/ uses no node built-in, DOM, editor API or host code', () => {
    expect(violationsIn('core', path.join(repoRoot, 'core'), repoRoot)).toEqual([]);
  });
  it('shared-types/ depends on nothing but itself', () => {
    expect(violationsIn('shared-types', path.join(repoRoot, 'shared-types'), repoRoot)).toEqual([]);
  });
  it('the hosts never import core/ or the server', () => {
    for (const host of ['vscode-extension', 'obsidian-plugin']) {
      expect(violationsIn('host', path.join(repoRoot, host), repoRoot)).toEqual([]);
    }
  });
});

describe('the rule checker itself catches violations', () => {
  it('finds every kind of import', () => {
    const source = `import a from 'a';\nimport type { B } from "b";\nexport { c } from './c.js';\nconst d = await import('d');\nconst e = require('e');\nimport 'f';`;
    expect(importSpecifiers(source)).toEqual(expect.arrayContaining(['a', 'b', './c.js', 'd', 'e', 'f']));
  });
  it('refuses node built-ins, with or without the node: prefix, in core', () => {
    expect(ruleViolation('core', inCore, 'node:fs', repoRoot)).toMatch(/node built-in/);
    expect(ruleViolation('core', inCore, 'fs/promises', repoRoot)).toMatch(/node built-in/);
    expect(ruleViolation('core', inCore, 'path', repoRoot)).toMatch(/node built-in/);
  });
  it('refuses editor APIs in core', () => {
    expect(ruleViolation('core', inCore, 'vscode', repoRoot)).toMatch(/editor API/);
    expect(ruleViolation('core', inCore, 'obsidian', repoRoot)).toMatch(/editor API/);
  });
  it('refuses core importing the server or a host', () => {
    expect(ruleViolation('core', inCore, '../../language-server/cli/main.js', repoRoot)).toMatch(/only core/);
  });
  it('allows core its own modules, shared-types and pure libraries', () => {
    expect(ruleViolation('core', inCore, '../markdown/types.js', repoRoot)).toBeNull();
    expect(ruleViolation('core', inCore, '../../shared-types/index.js', repoRoot)).toBeNull();
    expect(ruleViolation('core', inCore, 'yaml', repoRoot)).toBeNull();
  });
  it('refuses a host importing core/', () => {
    expect(ruleViolation('host', inHost, '../../core/tasks/types.js', repoRoot)).toMatch(/protocol/);
    expect(ruleViolation('host', inHost, '../../shared-types/index.js', repoRoot)).toBeNull();
  });
  it('spots DOM globals but not words in comments', () => {
    expect(domViolation('const x = document.createElement("a");')).toMatch(/document/);
    expect(domViolation('// the document.body of a note\nconst y = 1;')).toBeNull();
  });
});
