import type { PathSegment } from '../../cassette/body-paths.js';
import { diffCassettes } from '../diff/cassette-diff.js';
import { gitSources, pathSources, type DiffSources } from '../diff/sources.js';
import type { CassetteDiff } from '../diff/types.js';
import type { Problem } from '../problem.js';

/** What to compare: two files or directories, or the working tree against a git revision. */
export type DiffTarget =
  { kind: 'paths'; before: string; after: string } | { kind: 'git'; ref: string; paths: readonly string[] };

/** What `diff` compares and how. */
export interface DiffOptions {
  target: DiffTarget;
  cwd: string;
  /** The cassettes' `ignoreBodyFields`, parsed: differences there are not reported. */
  ignoredFields: readonly (readonly PathSegment[])[];
}

/** The cassettes that differ (their unchanged interactions left out), and how many did not. */
export interface DiffResult {
  /** Interactions that differ, summed over every cassette: 0 means the two sides agree. */
  differences: number;
  cassettes: CassetteDiff[];
  /** Cassettes compared that did not change. */
  unchanged: number;
  problems: Problem[];
}

/** Reads both sides of every cassette the target names. */
export function diffSources(options: DiffOptions): Promise<DiffSources> {
  const { target, cwd } = options;
  return target.kind === 'git'
    ? gitSources(target.ref, target.paths, cwd)
    : pathSources(target.before, target.after, cwd);
}

/**
 * Compares two versions of cassettes, interaction by interaction (see `diffCassettes`):
 * the request's differing paths, the answer's words, tool calls, status, errors and usage.
 */
export async function diffCassetteVersions(options: DiffOptions): Promise<DiffResult> {
  const sources = await diffSources(options);
  const result: DiffResult = { differences: 0, cassettes: [], unchanged: 0, problems: sources.problems };
  for (const pair of sources.pairs) {
    if (!pair.before && !pair.after) {
      continue;
    }
    const diff = diffCassettes(pair.before, pair.after, options.ignoredFields);
    if (diff.change === 'same') {
      result.unchanged++;
      continue;
    }
    const changed = diff.interactions.filter((interaction) => interaction.change !== 'same');
    result.differences += changed.length + (changed.length === 0 ? 1 : 0);
    result.cassettes.push({ ...diff, interactions: changed });
  }
  return result;
}
