import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const sampleVault = path.join(repoRoot, 'sample-vault');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the shipped CLI bundle (built by the test setup) the way a user does. */
export function runCli(args: string[], env: Record<string, string> = {}): CliRun {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'dist/cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, SCRIPTORIUM_TODAY: '2026-11-23', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A throwaway copy of a vault, so edits never touch the original. */
export function copyOfVault(source: string): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'scriptorium-cli-'));
  cpSync(source, target, { recursive: true });
  return target;
}

export function lines(file: string): string[] {
  return readFileSync(file, 'utf8').split('\n');
}
