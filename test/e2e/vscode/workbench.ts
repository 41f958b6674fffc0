// One code-server session for an end-to-end test: a copy of the sample vault, the packaged .vsix
// installed, a headless Chromium page on the workbench, and the UI steps both tests share.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { chromiumArgs, chromiumPath, installExtension, packageExtension, prepareDirs, repoRoot, startCodeServer, type RunningCodeServer } from './codeServer.js';

export const artifacts = path.join(repoRoot, 'test-artifacts/vscode');
export const launchNote = 'Projects/Website relaunch.md';
/** A task whose line ends with `[[`: the Tasks view reveals it, and completion is asked there. */
export const scratchTask = 'Link the launch plan from here: see [[';

export interface Session {
  base: string;
  workspace: string;
  server: RunningCodeServer;
  browser: Browser;
  page: Page;
  close: () => Promise<void>;
}

export async function openSession(name: string, settings: Record<string, unknown>, env: Record<string, string> = {}): Promise<Session> {
  await mkdir(artifacts, { recursive: true });
  const base = await mkdtemp(path.join(os.tmpdir(), `scriptorium-vscode-${name}-`));
  const workspace = path.join(base, 'workspace');
  await cp(path.join(repoRoot, 'sample-vault'), workspace, { recursive: true, filter: (src) => !/[\\/]\.?scriptorium([\\/]|$)/.test(path.relative(repoRoot, src)) });
  await writeFile(path.join(workspace, 'Scratch.md'), `# Scratch\n\n- [ ] ${scratchTask}\n`);
  const vsix = packageExtension();
  const dirs = await prepareDirs(base, { 'scriptorium.today': '2026-11-23', 'workbench.secondarySideBar.defaultVisibility': 'hidden', ...settings });
  installExtension(dirs, vsix);
  const server = await startCodeServer(dirs, workspace, env);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  const close = async () => {
    await page.screenshot({ path: path.join(artifacts, `${name}-last.png`) }).catch(() => undefined);
    await browser.close().catch(() => undefined);
    await server.stop();
    // VS Code's logs (the extension host's and the Scriptorium output channel's) explain a failure.
    await writeFile(path.join(artifacts, `${name}-code-server.log`), server.log());
    await rm(path.join(artifacts, `${name}-logs`), { recursive: true, force: true });
    await cp(path.join(base, 'user-data/logs'), path.join(artifacts, `${name}-logs`), { recursive: true }).catch(() => undefined);
    await rm(base, { recursive: true, force: true });
  };
  return { base, workspace, server, browser, page, close };
}

/** Opens the Scriptorium container and waits for the Tasks view's rows. */
export async function showTasksView(page: Page): Promise<void> {
  await page.click('.activitybar [aria-label^="Scriptorium"]');
  await page.locator('.monaco-list-row[aria-label^="Write launch copy"]').waitFor({ timeout: 60_000 });
}

/** Clicks Complete on a task's row; checks its file changed by exactly that one line, then that the view follows. */
export async function completeFromView(session: Session, screenshot: string): Promise<void> {
  const { page } = session;
  const file = path.join(session.workspace, launchNote);
  const before = await readFile(file, 'utf8');
  await clickInlineAction(page, 'Write launch copy', 'Complete Task');
  // Polled until the whole new line is there: a save may be seen half-way (truncated, then written).
  await expect.poll(() => readFile(file, 'utf8'), { timeout: 30_000 }).toContain('- [x] Write launch copy');
  await expect.poll(() => readFile(file, 'utf8').then((t) => t.split('\n').length), { timeout: 10_000 }).toBe(before.split('\n').length);
  const a = before.split('\n');
  const b = (await readFile(file, 'utf8')).split('\n');
  expect(b.length).toBe(a.length);
  const changed = a.map((line, i) => (line === b[i] ? -1 : i)).filter((i) => i >= 0);
  expect(changed).toHaveLength(1);
  expect(a[changed[0]!]).toMatch(/^- \[ \] Write launch copy/);
  expect(b[changed[0]!]).toBe(`${a[changed[0]!]!.replace('- [ ]', '- [x]')} ✅ 2026-11-23`);
  await expect.poll(() => rowLabels(page), { timeout: 30_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^Write launch copy #writing, Completed/)]));
  await page.mouse.move(900, 700);
  await page.screenshot({ path: path.join(artifacts, screenshot) });
}

/** Reveals the Scratch.md task from the view (its line ends with `[[`) and asks for completion there. */
export async function linkCompletionInEditor(page: Page, screenshot: string): Promise<string[]> {
  await runCommand(page, 'Scriptorium: Filter Tasks');
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Filter tasks' }).waitFor({ timeout: 10_000 });
  await page.keyboard.type('launch plan');
  await page.keyboard.press('Enter');
  const row = page.locator(`.monaco-list-row[aria-label^="${scratchTask.slice(0, 20)}"]`);
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  await page.locator('.tab.active[aria-label^="Scratch.md"]').waitFor({ timeout: 30_000 });
  await runCommand(page, 'Scriptorium: Clear Task Filter');
  await page.locator('.monaco-editor .view-line', { hasText: 'Link the launch plan' }).click();
  await page.keyboard.press('End');
  const suggest = page.locator('.suggest-widget .monaco-list-row');
  for (let attempt = 0; attempt < 15 && !(await suggest.allInnerTexts()).join('\n').includes('Website relaunch'); attempt++) {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await suggest.first().waitFor({ timeout: 3_000 }).catch(() => undefined);
  }
  await page.screenshot({ path: path.join(artifacts, screenshot) });
  return suggest.allInnerTexts();
}

/**
 * Clicks an inline action of a Tasks view row. The actions show while the row is hovered; a
 * refresh of the view re-renders rows under a still mouse (the button seen a moment ago is then
 * hidden again), so hover and click are retried together.
 */
export async function clickInlineAction(page: Page, rowLabel: string, action: string): Promise<void> {
  const row = page.locator(`.monaco-list-row[aria-label^="${rowLabel}"]`);
  const button = row.locator(`.action-label[aria-label="${action}"]`);
  for (let attempt = 0; attempt < 10; attempt++) {
    await page.mouse.move(5, 5);
    await row.hover();
    if (await button.isVisible()) {
      const clicked = await button.click({ timeout: 3_000 }).then(
        () => true,
        () => false,
      );
      if (clicked) return;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`The '${action}' action of the row '${rowLabel}' never showed.`);
}

/** The accessible labels of the rows the Scriptorium views render (only rows in view are rendered). */
export async function rowLabels(page: Page): Promise<string[]> {
  return page.locator('.pane-body .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
}

export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 10_000 });
  await page.keyboard.type(title);
  await page.locator(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Drags the sash between the side bar and the editor so rows show their descriptions. */
export async function widenSideBar(page: Page, width: number): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box) return;
  const edge = box.x + box.width;
  // The vertical sash nearest the side bar's right edge.
  const sashes = await page.locator('.monaco-sash.vertical').evaluateAll((nodes) =>
    nodes.map((n) => n.getBoundingClientRect()).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2, height: r.height })),
  );
  const sash = sashes.filter((s) => s.height > 100).sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
  if (!sash || Math.abs(sash.x - edge) > 20) return;
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, sash.y, { steps: 8 });
  await page.mouse.up();
}
