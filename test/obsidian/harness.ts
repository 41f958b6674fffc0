import { readFileSync } from 'node:fs';
import path from 'node:path';
import { MessageChannel, Worker as NodeWorker } from 'node:worker_threads';
import type { PluginManifest } from 'obsidian';
import ScriptoriumPlugin from '../../obsidian-plugin/src/main.js';
import { createApp, type App } from './fake/index.js';

export { readVault } from './vaultFiles.js';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const serverBundle = path.join(repoRoot, 'dist/server-browser.js');
export const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'obsidian-plugin/manifest.json'), 'utf8')) as PluginManifest;

/**
 * The shipped browser build of the server (dist/server-browser.js), run in a node worker thread
 * whose `self` is a MessagePort: the same code a Blob Web Worker runs in Obsidian, on the same
 * postMessage protocol. Happy-dom cannot start a Blob worker, hence this factory.
 */
export function serverThreadFactory(): Worker {
  const { port1, port2 } = new MessageChannel();
  const bootstrap = `
    const { workerData } = require('node:worker_threads');
    globalThis.self = workerData.port;
    require('node:vm').runInThisContext(require('node:fs').readFileSync(workerData.bundle, 'utf8'), { filename: workerData.bundle });
  `;
  const thread = new NodeWorker(bootstrap, { eval: true, workerData: { port: port2, bundle: serverBundle }, transferList: [port2] });
  thread.unref();
  // A MessagePort has what BrowserMessageReader/Writer use (onmessage, postMessage, addEventListener); plus terminate.
  const endpoint = Object.assign(port1, {
    terminate: () => {
      port1.close();
      void thread.terminate();
    },
  });
  return endpoint as unknown as Worker;
}

export interface LoadedPlugin {
  app: App;
  plugin: ScriptoriumPlugin;
  unload(): void;
}

/** Obsidian's sequence: construct, load (onload), layout ready; then the server indexes the vault. */
export async function loadPlugin(files: Record<string, string>, data: unknown = { linkSuggestMode: 'own-trigger' }): Promise<LoadedPlugin> {
  const app = createApp(files);
  app.pluginData.set(manifest.id, data);
  const plugin = new ScriptoriumPlugin(app as never, { ...manifest, dir: `.obsidian/plugins/${manifest.id}` });
  plugin.workerFactory = serverThreadFactory;
  plugin.load();
  await (plugin as unknown as { pendingLoad: Promise<void> }).pendingLoad;
  app.workspace.setLayoutReady();
  await plugin.started;
  await plugin.client.whenReady();
  return { app, plugin, unload: () => plugin.unload() };
}

/** Waits until `check` passes (DOM updates follow server notifications). */
export async function eventually<T>(check: () => T, what: string, tries = 200): Promise<T> {
  let last: unknown;
  for (let i = 0; i < tries; i++) {
    try {
      return check();
    } catch (error) {
      last = error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`${what}: ${last instanceof Error ? last.message : String(last)}`);
}
