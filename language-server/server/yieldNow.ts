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
 * Request work waiting for its turn (inside `checkpoint`). Background steps wait while there is
 * any, so a request's slices do not alternate with background ones.
 */
let foregroundWaiting = 0;

/**
 * Turns background work leaves free after each of its steps. Answering a request takes a few
 * turns the handlers never see (vscode-jsonrpc dispatches a message in one setImmediate and
 * writes its reply behind a semaphore in another): were a background step to run in each of
 * those turns, a trivial request would wait behind three or four of them instead of at most the
 * one under way when it arrived. An empty turn costs microseconds.
 */
const idleTurnsAfterStep = 4;

/**
 * Yields for background work (indexing, warm-up, the search build): one step of it per turn of
 * the event loop, however many jobs run, and only once requests have had their turns. Jobs
 * yielding on their own would each run a step in the same turn, and a request arriving meanwhile
 * would wait for all of them.
 */
export function backgroundTurn(): Promise<void> {
  const turn = lastTurn.then(afterForeground);
  lastTurn = turn;
  return turn;
}

async function afterForeground(): Promise<void> {
  for (let idle = 0; idle < idleTurnsAfterStep; idle = foregroundWaiting > 0 ? 0 : idle + 1) await yieldNow();
}

/** Thrown when a request's client no longer wants the answer; vscode-jsonrpc sends it as the reply. */
export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** Yields, then stops the request if it was cancelled meanwhile. */
export async function checkpoint(token: CancellationToken | undefined): Promise<void> {
  foregroundWaiting++;
  try {
    await yieldNow();
  } finally {
    foregroundWaiting--;
  }
  if (token?.isCancellationRequested) throw cancelled();
}

/**
 * Runs `slice` (work until `shouldYield()` says to stop; true once there is no more) a 5 ms slice
 * at a time: as request work, yielding with `checkpoint` (and stopping when `token` is cancelled),
 * or, with `background`, with backgroundTurn.
 */
export async function inSlices(slice: (shouldYield: () => boolean) => boolean, options: { token?: CancellationToken; background?: boolean } = {}): Promise<void> {
  for (;;) {
    const deadline = now() + sliceMs;
    if (slice(() => now() > deadline)) return;
    if (options.background) {
      await backgroundTurn();
      if (options.token?.isCancellationRequested) throw cancelled();
    } else await checkpoint(options.token);
  }
}

/** How long work runs before it yields. */
const sliceMs = 5;

/** A time slice: work until `budgetMs` has passed, then yield. */
export class Slicer {
  private started = now();
  /** `background`: yields with backgroundTurn (work no request waits for). */
  constructor(
    private readonly budgetMs = sliceMs,
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
