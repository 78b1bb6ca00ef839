import {
  cassetteDigest,
  DEFAULT_USAGE_REPORT_DIR,
  readUsageReport,
  writeUsageReport,
} from '../../cassette/usage-report.js';
import type { CassetteFile, RecordedInteraction } from '../../cassette/types.js';
import { findCassettes } from '../find-cassettes.js';
import { loadCassette, type LoadedCassette } from '../load-cassette.js';
import type { InteractionRef, Problem } from '../problem.js';
import { rewriteCassette } from '../rewrite-cassette.js';
import { requestModel } from '../transcript/exchange-view.js';

/** What `prune` reads and whether it writes. */
export interface PruneOptions {
  paths: readonly string[];
  /** Where replays left their usage reports. @default ".spark-cache/cassette-usage" */
  reportDir?: string;
  write: boolean;
}

/**
 * What happened to one cassette: `pruned` (or `would-prune` on a dry run), `all-used`,
 * `no-report` (no replay reported on it) or `stale` (it changed after the report).
 */
export type PruneStatus = 'pruned' | 'would-prune' | 'all-used' | 'no-report' | 'stale';

/** One cassette's outcome. */
export interface PrunedCassette {
  file: string;
  status: PruneStatus;
  /** The interactions removed, or that would be. */
  removed: (InteractionRef & { method: string; url: string })[];
  /** Interactions left in the file. */
  remaining: number;
  /** When the report was written, if there is one. */
  reportedAt?: string;
  /** Why nothing was done, for `no-report` and `stale`. */
  reason?: string;
}

/** What `prune` did, or would do on a dry run. */
export interface PruneResult {
  write: boolean;
  cassettes: PrunedCassette[];
  problems: Problem[];
}

/**
 * Removes the interactions that the last replay of each cassette reported unused. A report is
 * trusted only for the exact file text it was made from: a cassette re-recorded or edited
 * since is skipped, with the reason. After a write the report is renewed for the new text.
 */
export async function pruneCassettes(options: PruneOptions): Promise<PruneResult> {
  const reportOptions = { dir: options.reportDir ?? DEFAULT_USAGE_REPORT_DIR };
  const result: PruneResult = { write: options.write, cassettes: [], problems: [] };
  for (const location of await findCassettes(options.paths)) {
    const loaded = await loadCassette(location);
    if ('problem' in loaded) {
      result.problems.push(loaded.problem);
      continue;
    }
    const cassette = loaded.cassette;
    const { interactions } = cassette.file;
    const base = { file: cassette.shown, removed: [], remaining: interactions.length };
    const report = await readUsageReport(cassette.path, reportOptions);
    if (!report) {
      result.cassettes.push({
        ...base,
        status: 'no-report',
        reason: `no replay has reported on it (reports are read from ${reportOptions.dir})`,
      });
      continue;
    }
    if (report.cassetteSha256 !== cassetteDigest(cassette.text)) {
      const modified = new Date(cassette.mtimeMs).toISOString();
      const reason = `the file changed after the last replay reported on it (report ${report.when}, file modified ${modified}); run the tests in replay mode again`;
      result.cassettes.push({ ...base, status: 'stale', reportedAt: report.when, reason });
      continue;
    }
    const unused = new Set(report.unused);
    const removed = interactions.flatMap((interaction, index) =>
      unused.has(interaction.id)
        ? [{ index, id: interaction.id, method: interaction.request.method, url: interaction.request.url }]
        : [],
    );
    const kept = interactions.filter((interaction) => !unused.has(interaction.id));
    const entry: PrunedCassette = {
      ...base,
      status: removed.length === 0 ? 'all-used' : options.write ? 'pruned' : 'would-prune',
      removed,
      remaining: kept.length,
      reportedAt: report.when,
    };
    result.cassettes.push(entry);
    if (options.write && removed.length > 0) {
      const problem = await writePruned(cassette, kept, reportOptions);
      if (problem) {
        result.problems.push(problem);
        entry.status = 'would-prune';
      }
    }
  }
  return result;
}

async function writePruned(
  cassette: LoadedCassette,
  kept: RecordedInteraction[],
  reportOptions: { dir: string },
): Promise<Problem | undefined> {
  const rewritten = await rewriteCassette(cassette, withInteractions(cassette.file, kept));
  if ('problem' in rewritten) {
    return rewritten.problem;
  }
  // Every remaining interaction was used by the replay the report came from.
  await writeUsageReport({ cassettePath: cassette.path, unused: [], text: rewritten.text }, reportOptions);
  return undefined;
}

// Provenance keeps who recorded the file; only its model list follows the interactions left.
function withInteractions(file: CassetteFile, interactions: RecordedInteraction[]): CassetteFile {
  if (!file.provenance) {
    return { ...file, interactions };
  }
  const models = [
    ...new Set(interactions.map((i) => requestModel(i.request)).filter((m): m is string => m !== undefined)),
  ].sort();
  return { ...file, provenance: { ...file.provenance, models }, interactions };
}
