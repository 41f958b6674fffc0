// The shipped obsidian-plugin/dist/main.js in headless Chromium, loaded the way Obsidian loads a
// plugin (CommonJS in a function whose require('obsidian') is a browser build of the fake), with
// the language server really running in a Blob Web Worker on a corpus vault's files.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasCorpora, tasksDemoVault } from '../support/corpora.js';
import { readVault } from './vaultFiles.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(chromiumPath);
if (!available) {
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI (${chromiumPath}): apt-get install -y chromium`);
  console.warn(`[skip] no Chromium at ${chromiumPath}: the Obsidian bundle test in a real browser is skipped.`);
}

const vaultRoot = hasCorpora ? tasksDemoVault : path.join(repoRoot, 'sample-vault');
const artifacts = path.join(repoRoot, 'test-artifacts/obsidian');

// Obsidian's own variables, roughly its default dark theme, so the screenshot looks like a sidebar pane.
const pageCss = `
  body { margin: 0; font-family: system-ui, sans-serif; font-size: 14px; background: #1e1e1e; color: #dadada;
    --size-2-1: 2px; --size-2-2: 4px; --size-4-1: 4px; --size-4-2: 8px; --size-4-5: 20px; --radius-s: 4px; --radius-m: 8px;
    --font-ui-smaller: 12px; --font-semibold: 600; --text-normal: #dadada; --text-muted: #a3a3a3; --text-faint: #666;
    --text-accent: #a68af9; --text-error: #fb464c; --color-red-rgb: 251, 70, 76; --background-modifier-hover: #2f2f2f;
    --background-modifier-border: #363636; }
  .app-container { display: flex; flex-direction: column; height: 100vh; }
  .workspace { display: flex; flex: 1; min-height: 0; }
  .mod-root { flex: 1; overflow: auto; padding: 16px 32px; border-right: 1px solid #363636; }
  .mod-right-split { width: 520px; overflow: auto; background: #262626; }
  .status-bar { display: flex; justify-content: flex-end; gap: 12px; padding: 4px 12px; font-size: 12px; color: #a3a3a3; background: #262626; border-top: 1px solid #363636; }
  .side-dock-ribbon-action { display: none; }
  .view-header-title { font-size: 22px; font-weight: 700; margin-bottom: 8px; }
  pre.markdown-source-view { white-space: pre-wrap; font-family: inherit; line-height: 1.6; }
  input, select, button { background: #363636; color: #dadada; border: 1px solid #444; border-radius: 4px; }
`;

interface PageResult {
  status: string;
  rows: number;
  groups: number;
  toggled: { key: string; before: string; after: string } | null;
}

describe.skipIf(!available)('the shipped main.js in headless Chromium', () => {
  let browser: Browser;
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      // What an Obsidian-like host allows: inline and evaluated plugin code, WASM, Blob workers; nothing remote.
      res.writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:; worker-src blob:; style-src 'unsafe-inline'",
      });
      res.end(`<!doctype html><meta charset="utf-8"><title>Obsidian (fake)</title><style>${pageCss}${readFileSync(path.join(repoRoot, 'obsidian-plugin/dist/styles.css'), 'utf8')}</style><body></body>`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('starts the plugin, indexes the vault in its worker, shows the task pane, toggles one line', async () => {
    const fake = await build({ entryPoints: [path.join(repoRoot, 'test/obsidian/fake/index.ts')], bundle: true, format: 'iife', globalName: 'obsidianFake', platform: 'browser', target: 'es2022', write: false, logLevel: 'warning' });
    const mainJs = readFileSync(path.join(repoRoot, 'obsidian-plugin/dist/main.js'), 'utf8');
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'obsidian-plugin/dist/manifest.json'), 'utf8')) as { id: string };
    const files = readVault(vaultRoot);

    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(origin);
    await page.addScriptTag({ content: fake.outputFiles[0]!.text });
    const result = (await page.evaluate(
      async ({ mainJs, files, manifest, openNote }) => {
        type Fake = {
          createApp(files: Record<string, string>): {
            executeCommand(id: string): Promise<void>;
            workspace: { setLayoutReady(): void; statusBarEl: HTMLElement; getLeaf(): { openFile(f: unknown): Promise<void> } };
            vault: { getAbstractFileByPath(p: string): unknown; adapter: { texts: Map<string, string> } };
          };
        };
        const obsidian = (window as unknown as { obsidianFake: Fake }).obsidianFake;
        const app = obsidian.createApp(files);
        // Obsidian evaluates a plugin's main.js as CommonJS with its own require.
        const module = { exports: {} as { default?: new (app: unknown, manifest: unknown) => unknown } };
        const requireModule = (id: string) => {
          if (id === 'obsidian') return obsidian;
          throw new Error(`main.js asked for '${id}', which Obsidian does not provide`);
        };
        new Function('module', 'exports', 'require', mainJs)(module, module.exports, requireModule);
        const PluginClass = module.exports.default!;
        const plugin = new PluginClass(app, { ...manifest, dir: `.obsidian/plugins/${manifest.id}` }) as {
          load(): void;
          pendingLoad: Promise<void>;
          started: Promise<void>;
          client: { whenReady(): Promise<void>; taskTree(): Promise<{ files: { tasks: { task: { key: string; path: string; line: number; status: { type: string }; blocked: boolean; recurrence: string | null } }[] }[] }> };
        };
        plugin.load();
        await plugin.pendingLoad;
        app.workspace.setLayoutReady();
        await plugin.started;
        await plugin.client.whenReady();
        const note = app.vault.getAbstractFileByPath(openNote);
        if (note) await app.workspace.getLeaf().openFile(note);
        await app.executeCommand('scriptorium:open-task-pane');
        const waitFor = async (check: () => boolean) => {
          for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
        };
        await waitFor(() => document.querySelectorAll('.scriptorium-task').length > 0);
        const rows = document.querySelectorAll('.scriptorium-task').length;
        const groups = document.querySelectorAll('.scriptorium-group').length;
        const status = app.workspace.statusBarEl.textContent ?? '';

        const tree = await plugin.client.taskTree();
        const candidate = tree.files.flatMap((f) => f.tasks.map((n) => n.task)).find((t) => t.status.type === 'TODO' && !t.blocked && !t.recurrence && t.path.endsWith('.md'));
        let toggled: PageResult['toggled'] = null;
        if (candidate) {
          const before = app.vault.adapter.texts.get(candidate.path)!;
          (document.querySelector(`[data-key="${CSS.escape(candidate.key)}"] input`) as HTMLInputElement).click();
          await waitFor(() => app.vault.adapter.texts.get(candidate.path) !== before);
          toggled = { key: candidate.key, before, after: app.vault.adapter.texts.get(candidate.path)! };
        }
        // Collapse the toggled row's siblings back to the top for the screenshot.
        document.querySelector('.mod-right-split')?.scrollTo(0, 0);
        return { status, rows, groups, toggled };
      },
      { mainJs, files, manifest, openNote: hasCorpora ? 'Important Project.md' : 'Projects/Website relaunch.md' },
    )) as PageResult;

    expect(errors).toEqual([]);
    expect(result.status).toMatch(/^Scriptorium: \d+ files$/);
    expect(result.rows).toBeGreaterThan(hasCorpora ? 100 : 10);
    expect(result.groups).toBeGreaterThan(hasCorpora ? 20 : 3);
    expect(result.toggled).not.toBeNull();
    const before = result.toggled!.before.split('\n');
    const after = result.toggled!.after.split('\n');
    expect(after.length).toBe(before.length);
    expect(before.filter((line, i) => line !== after[i])).toHaveLength(1);
    // The worker and its WASM came from the bundle: nothing was fetched but the page itself.
    expect(requests.filter((url) => !url.startsWith('blob:') && !url.startsWith('data:'))).toEqual([origin]);

    mkdirSync(artifacts, { recursive: true });
    const shot = path.join(artifacts, 'task-pane.png');
    await page.screenshot({ path: shot });
    if (process.env.UPDATE_DOCS_SCREENSHOT === '1') copyFileSync(shot, path.join(repoRoot, 'docs/obsidian-task-pane.png'));
    console.log(`obsidian bundle in Chromium: ${result.rows} task rows in ${result.groups} notes; screenshot ${path.relative(repoRoot, shot)}`);
  });
});
