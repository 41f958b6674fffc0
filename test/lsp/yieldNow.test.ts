// Scheduling between request work and background work (language-server/server/yieldNow.ts).
import { describe, expect, it } from 'vitest';
import { backgroundTurn, checkpoint, yieldNow } from '../../language-server/server/yieldNow.js';

/** A background job taking one step per backgroundTurn, counting them, until stopped. */
function backgroundJob(): { steps: () => number; stop: () => Promise<void> } {
  let steps = 0;
  let stopped = false;
  const running = (async () => {
    while (!stopped) {
      await backgroundTurn();
      steps++;
    }
  })();
  return {
    steps: () => steps,
    stop: async () => {
      stopped = true;
      await running;
    },
  };
}

describe('background turns', () => {
  it('no background step runs while a request goes from checkpoint to checkpoint', async () => {
    const job = backgroundJob();
    await yieldNow();
    const before = job.steps();
    for (let i = 0; i < 20; i++) await checkpoint(undefined);
    expect(job.steps() - before).toBeLessThanOrEqual(1);
    // Once the request is done, background work goes on.
    for (let i = 0; i < 50 && job.steps() - before < 3; i++) await yieldNow();
    expect(job.steps() - before).toBeGreaterThanOrEqual(3);
    await job.stop();
  });

  it('leaves turns free after each step for replies the handlers never see', async () => {
    const job = backgroundJob();
    const before = job.steps();
    // Three plain turns (a dispatch, a reply written behind a semaphore) see at most one step.
    for (let i = 0; i < 3; i++) await yieldNow();
    expect(job.steps() - before).toBeLessThanOrEqual(1);
    await job.stop();
  });

  it('a cancelled request stops at its checkpoint', async () => {
    await expect(checkpoint({ isCancellationRequested: true, onCancellationRequested: () => ({ dispose() {} }) })).rejects.toMatchObject({ code: -32800 });
  });
});
