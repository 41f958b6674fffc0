import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

type Scheduler = (callback: () => void) => void;

/**
 * The fastest "let other work run" each runtime has: setImmediate in node; a MessageChannel in a
 * worker, because nested setTimeout(0) calls are clamped to 4 ms there.
 */
const schedule: Scheduler = (() => {
  const g = globalThis as unknown as { setImmediate?: (cb: () => void) => unknown; MessageChannel?: new () => { port1: { onmessage: (() => void) | null }; port2: { postMessage(v: unknown): void } } };
  if (typeof g.setImmediate === 'function') return (cb) => void g.setImmediate!(cb);
  if (typeof g.MessageChannel === 'function') {
    const channel = new g.MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    return (cb) => {
      waiting.push(cb);
      channel.port2.postMessage(0);
    };
  }
  return (cb) => void setTimeout(cb, 0);
})();

/** Lets queued messages (requests, cancellations) be handled before going on. */
export function yieldNow(): Promise<void> {
  return new Promise((resolve) => schedule(resolve));
}

/**
 * Resolves once the replies being made now have been written: vscode-jsonrpc writes a reply in
 * a `setImmediate` queued after the handler returns, so two turns from inside a handler are
 * after it. Work started here (a long synchronous step) no longer delays that reply, yet runs
 * before the next message is handled.
 */
export async function afterReplies(): Promise<void> {
  await yieldNow();
  await yieldNow();
}

let lastTurn: Promise<void> = Promise.resolve();

/**
 * Yields for background work (warm-up, the search build): one step of it per turn of the event
 * loop, however many jobs run. Jobs yielding on their own would each run a step in the same turn,
 * and a request arriving meanwhile would wait for all of them.
 */
export function backgroundTurn(): Promise<void> {
  const turn = lastTurn.then(yieldNow);
  lastTurn = turn;
  return turn;
}

/** Thrown when a request's client no longer wants the answer; vscode-jsonrpc sends it as the reply. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** Yields, then stops the request if it was cancelled meanwhile. */
export async function checkpoint(token: CancellationToken | undefined): Promise<void> {
  await yieldNow();
  if (token?.isCancellationRequested) throw cancelled();
}

/** A time slice: work until `budgetMs` has passed, then yield. */
export class Slicer {
  private started = now();
  /** `background`: yields with backgroundTurn (work no request waits for). */
  constructor(
    private readonly budgetMs = 5,
    private readonly background = false,
  ) {}

  /** Yields when this slice has used its budget; throws when cancelled. */
  async maybeYield(token?: CancellationToken): Promise<void> {
    if (now() - this.started < this.budgetMs) return;
    if (this.background) {
      await backgroundTurn();
      if (token?.isCancellationRequested) throw cancelled();
    } else await checkpoint(token);
    this.started = now();
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
