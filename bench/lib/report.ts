/** One line of the bench table: a subject against its baseline, measured in the same run. */
export interface BenchResult {
  target: string;
  subject: string;
  subjectValue: number;
  baseline: string;
  baselineValue: number;
  /** `ms` for times, `MB` for memory. */
  unit: 'ms' | 'MB';
  /** The ratio the issue allows; undefined for a line shown for information only. */
  limit?: number;
  /** A bound on the subject's own value (in `unit`), for the few goals set that way. */
  valueLimit?: number;
  /** The lowest and highest ratio seen over the rounds (or repeated runs) that made the medians. */
  spread?: [number, number];
}

const PREFIX = 'BENCH_RESULT ';

/** Prints a result for bench/run.ts to collect (one JSON line on stdout). */
export function emit(result: BenchResult): void {
  console.log(PREFIX + JSON.stringify(result));
}

/** The results a bench file printed. */
export function collect(stdout: string): BenchResult[] {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(PREFIX))
    .map((line) => JSON.parse(line.slice(PREFIX.length)) as BenchResult);
}
