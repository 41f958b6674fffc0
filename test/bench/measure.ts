// Small measuring helpers shared by the benchmark's parts: rounding, percentiles, timers, memory.

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export interface Latency {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export function latency(samples: readonly number[]): Latency {
  const sorted = [...samples].sort((a, b) => a - b);
  // Three decimals: a map look-up takes microseconds.
  return { n: sorted.length, p50Ms: round(percentile(sorted, 50), 3), p95Ms: round(percentile(sorted, 95), 3), maxMs: round(sorted[sorted.length - 1] ?? 0, 3) };
}

/** Wall time of `fn` in ms, with its result. */
export function timed<T>(fn: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = fn();
  return { value, ms: performance.now() - started };
}

export async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

const mb = (bytes: number) => round(bytes / 1048576);

/** Collects garbage first when node runs with --expose-gc, so heap figures are what is kept, not what is waiting to be freed. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  return true;
}

export interface Memory {
  /** Peak resident set size of this process so far (`process.resourceUsage().maxRSS`). */
  peakRssMB: number;
  rssMB: number;
  heapUsedMB: number;
  /** Memory outside the JS heap, ArrayBuffers included (sql.js's WASM heap, file buffers). */
  externalMB: number;
  /** Whether a GC ran just before (heapUsed is then live data). */
  afterGc: boolean;
}

export function memory(): Memory {
  const afterGc = collectGarbage();
  const usage = process.memoryUsage();
  return {
    peakRssMB: mb(process.resourceUsage().maxRSS * 1024),
    rssMB: mb(usage.rss),
    heapUsedMB: mb(usage.heapUsed),
    externalMB: mb(usage.external),
    afterGc,
  };
}

export function megabytes(bytes: number): number {
  return mb(bytes);
}

/** A deterministic pick of `count` items (with repeats when the list is short). */
export function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  if (items.length === 0) return [];
  return Array.from({ length: count }, () => items[Math.floor(random() * items.length)]!);
}

export function log(line: string): void {
  process.stderr.write(`[bench] ${line}\n`);
}
