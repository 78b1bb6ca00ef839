import { performance } from 'node:perf_hooks';

/** One side of a comparison: a name and an operation timed one call at a time. */
export interface Contender {
  name: string;
  run: () => Promise<unknown> | unknown;
  /** Runs before each round of this contender (outside the timing): switch servers, etc. */
  setup?: () => Promise<void> | void;
  /** Runs after each round (outside the timing). */
  teardown?: () => Promise<void> | void;
}

/** The median of a list of numbers (undefined-safe for an empty list: NaN). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Times each contender call by call, in alternating rounds (so drift, GC and thermal changes
 * hit both sides alike), after a warm-up round each; returns each one's median in ms.
 */
export async function compare(
  contenders: readonly Contender[],
  options: { rounds: number; perRound: number; warmup: number },
): Promise<number[]> {
  const samples = contenders.map(() => [] as number[]);
  for (let round = -1; round < options.rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      await contender.setup?.();
      const count = round < 0 ? options.warmup : options.perRound;
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        await contender.run();
        const elapsed = performance.now() - start;
        if (round >= 0) {
          samples[index]?.push(elapsed);
        }
      }
      await contender.teardown?.();
    }
  }
  return samples.map(median);
}

/** Forces a full garbage collection when node runs with --expose-gc (bench/run.ts passes it). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
