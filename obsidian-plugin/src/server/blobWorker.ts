/// <reference path="../serverSource.d.ts" />
import serverSource from 'scriptorium:server-source';
import type { WorkerFactory } from './serverClient.js';

/**
 * The server runs in a Web Worker started from the inlined bundle: Obsidian ships a plugin as
 * main.js only, and a worker keeps indexing and ranking off the editor's thread (on mobile too).
 */
export const blobWorkerFactory: WorkerFactory = () => {
  const url = URL.createObjectURL(new Blob([serverSource], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'scriptorium-server' });
  // The worker has its script once it speaks; the URL is not needed after that.
  worker.addEventListener('message', () => URL.revokeObjectURL(url), { once: true });
  return worker;
};
