/** One step of an alignment: an item of both sides, or one only in `before` or `after`. */
export type Step =
  | { kind: 'both'; before: number; after: number }
  | { kind: 'before'; index: number }
  | {
      kind: 'after';
      index: number;
    };

// Past this many cells the table would cost too much memory: the middle is replaced whole.
const MAX_CELLS = 4_000_000;

/**
 * Aligns two sequences by their keys, as diff(1) aligns lines: the longest common subsequence
 * of equal keys is kept in both, the rest is removed from `before` or added in `after`. The
 * common prefix and suffix are taken first, so a long sequence with a few changes is cheap.
 */
export function align(before: readonly string[], after: readonly string[]): Step[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) {
    start++;
  }
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  const steps: Step[] = [];
  for (let i = 0; i < start; i++) {
    steps.push({ kind: 'both', before: i, after: i });
  }
  steps.push(...middle(before, after, start, endBefore, endAfter));
  for (let i = 0; endBefore + i < before.length; i++) {
    steps.push({ kind: 'both', before: endBefore + i, after: endAfter + i });
  }
  return steps;
}

function middle(
  before: readonly string[],
  after: readonly string[],
  start: number,
  endBefore: number,
  endAfter: number,
): Step[] {
  const n = endBefore - start;
  const m = endAfter - start;
  if (n * m > MAX_CELLS) {
    return [
      ...Array.from({ length: n }, (_, i): Step => ({ kind: 'before', index: start + i })),
      ...Array.from({ length: m }, (_, j): Step => ({ kind: 'after', index: start + j })),
    ];
  }
  // lcs[i * (m + 1) + j]: the common subsequence length of before[start + i..] and after[start + j..].
  const lcs = new Uint32Array((n + 1) * (m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * (m + 1) + j] =
        before[start + i] === after[start + j]
          ? (lcs[(i + 1) * (m + 1) + j + 1] as number) + 1
          : Math.max(lcs[(i + 1) * (m + 1) + j] as number, lcs[i * (m + 1) + j + 1] as number);
    }
  }
  const steps: Step[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[start + i] === after[start + j]) {
      steps.push({ kind: 'both', before: start + i++, after: start + j++ });
    } else if (i < n && (j === m || (lcs[(i + 1) * (m + 1) + j] as number) >= (lcs[i * (m + 1) + j + 1] as number))) {
      // Removals before additions, as diff(1) prints them.
      steps.push({ kind: 'before', index: start + i++ });
    } else {
      steps.push({ kind: 'after', index: start + j++ });
    }
  }
  return steps;
}

/** A pairing: the items at `before` and `after` (either may be absent: removed or added). */
export interface Pair {
  before?: number;
  after?: number;
}

/**
 * Aligns by `keys` (exact identity), then pairs what is left between two kept items by
 * `looseKeys` (a coarser identity), so that two versions of one item meet even when they
 * differ. Unpaired items are removed or added.
 */
export function pairUp(
  keys: { before: readonly string[]; after: readonly string[] },
  looseKeys: { before: readonly string[]; after: readonly string[] },
): Pair[] {
  const pairs: Pair[] = [];
  let gap = { before: [] as number[], after: [] as number[] };
  const flush = (): void => {
    const inner = align(
      gap.before.map((i) => looseKeys.before[i] ?? ''),
      gap.after.map((j) => looseKeys.after[j] ?? ''),
    );
    for (const step of inner) {
      pairs.push(
        step.kind === 'both'
          ? { before: gap.before[step.before] as number, after: gap.after[step.after] as number }
          : step.kind === 'before'
            ? { before: gap.before[step.index] as number }
            : { after: gap.after[step.index] as number },
      );
    }
    gap = { before: [], after: [] };
  };
  for (const step of align(keys.before, keys.after)) {
    if (step.kind === 'both') {
      flush();
      pairs.push({ before: step.before, after: step.after });
    } else {
      gap[step.kind].push(step.index);
    }
  }
  flush();
  return pairs;
}
