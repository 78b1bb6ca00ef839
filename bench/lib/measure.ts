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

/** What `measureRounds` found for one contender: its overall median and each round's. */
export interface ContenderTimes {
  median: number;
  /** The median of each measured round, in round order. */
  rounds: number[];
}

/**
 * Times each contender call by call, in alternating rounds (so drift, GC and thermal changes
 * hit both sides alike), after a warm-up round each; returns each one's median and the median
 * of each round, in ms.
 */
export async function measureRounds(
  contenders: readonly Contender[],
  options: { rounds: number; perRound: number; warmup: number },
): Promise<ContenderTimes[]> {
  const samples = contenders.map(() => [] as number[]);
  const rounds = contenders.map(() => [] as number[]);
  for (let round = -1; round < options.rounds; round++) {
    for (const [index, contender] of contenders.entries()) {
      await contender.setup?.();
      const count = round < 0 ? options.warmup : options.perRound;
      const times: number[] = [];
      for (let i = 0; i < count; i++) {
        const start = performance.now();
        await contender.run();
        times.push(performance.now() - start);
      }
      await contender.teardown?.();
      if (round >= 0) {
        samples[index]?.push(...times);
        rounds[index]?.push(median(times));
      }
    }
  }
  return samples.map((values, index) => ({ median: median(values), rounds: rounds[index] ?? [] }));
}

/** `measureRounds`, each contender's median only. */
export async function compare(
  contenders: readonly Contender[],
  options: { rounds: number; perRound: number; warmup: number },
): Promise<number[]> {
  return (await measureRounds(contenders, options)).map((times) => times.median);
}

/** The lowest and highest ratio of `subject` to `baseline` over the rounds they shared. */
export function ratioSpread(subject: ContenderTimes, baseline: ContenderTimes): [number, number] {
  const ratios = subject.rounds.map((value, round) => value / (baseline.rounds[round] ?? Number.NaN));
  return [Math.min(...ratios), Math.max(...ratios)];
}

/** Forces a full garbage collection when node runs with --expose-gc (bench/run.ts passes it). */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
