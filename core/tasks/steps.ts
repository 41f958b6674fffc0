// Work written as a generator that yields between steps: a caller that must stay responsive (a
// server warming up) runs a step per turn; any other caller runs it to the end at once.

/** Work that yields between its steps and returns `T` at the end. */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step of `steps` now and returns what it makes. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
