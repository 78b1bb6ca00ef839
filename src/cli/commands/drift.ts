import { isBreaking, type CassetteDrift, type InteractionDrift } from '../drift/types.js';
import { compareResponses } from '../drift/response-drift.js';
import { globMatcher } from '../drift/glob.js';
import { liveAnswer, rebaseUrl, type LiveTarget } from '../drift/live-exchange.js';
import { findCassettes } from '../find-cassettes.js';
import { loadCassette, type LoadedCassette } from '../load-cassette.js';
import type { Problem } from '../problem.js';
import { rewriteCassette } from '../rewrite-cassette.js';
import type { RecordedInteraction } from '../../cassette/types.js';

/** What `drift` checks and how. */
export interface DriftOptions {
  paths: readonly string[];
  /** Only cassettes whose name or shown path matches this glob. */
  only: string | undefined;
  /** At most this many live requests in the whole run. */
  maxRequests: number;
  /** At most this many live requests at once. */
  concurrency: number;
  /** Re-record the drifted interactions' answers in the files. */
  write: boolean;
  target: LiveTarget;
}

/** What `drift` found: per cassette, per interaction. */
export interface DriftResult {
  write: boolean;
  cassettes: CassetteDrift[];
  /** Interactions sent and compared. */
  checked: number;
  /** Interactions with breaking drift, and with additions only. */
  breaking: number;
  added: number;
  /** Live requests that failed. */
  failed: number;
  problems: Problem[];
}

/**
 * Sends each recorded request to its live endpoint and compares the answer's shape with the
 * recording (see `drift/response-drift.ts`). A recorded 429 or 5xx is not sent: it was a
 * moment, not a shape. With `write`, the drifted interactions get the live answer, captured
 * and redacted as a recording would be; the rest of the file stays as it is.
 */
export async function driftCassettes(options: DriftOptions): Promise<DriftResult> {
  const result: DriftResult = {
    write: options.write,
    cassettes: [],
    checked: 0,
    breaking: 0,
    added: 0,
    failed: 0,
    problems: [],
  };
  const only = options.only === undefined ? undefined : globMatcher(options.only);
  const loaded: { cassette: LoadedCassette; drift: CassetteDrift }[] = [];
  const jobs: (() => Promise<void>)[] = [];
  const answers: LiveAnswers = new Map();
  for (const location of await findCassettes(options.paths)) {
    const found = await loadCassette(location);
    if ('problem' in found) {
      result.problems.push(found.problem);
      continue;
    }
    const { cassette } = found;
    if (only && !only(cassette.name) && !only(cassette.shown)) {
      continue;
    }
    const drift: CassetteDrift = { file: cassette.shown, interactions: [] };
    loaded.push({ cassette, drift });
    for (const [index, interaction] of cassette.file.interactions.entries()) {
      const entry = describe(interaction, index, options.target.baseUrl);
      drift.interactions.push(entry);
      const { status } = interaction.response;
      if (status === 429 || status >= 500) {
        skip(entry, `a recorded ${status} is a passing condition, not a shape; not sent`);
      } else if (jobs.length >= options.maxRequests) {
        skip(entry, `over --max-requests ${options.maxRequests}; not sent`);
      } else {
        jobs.push(() => check(entry, interaction, options.target, answers));
      }
    }
  }
  await runPool(jobs, options.concurrency);
  for (const { cassette, drift } of loaded) {
    for (const entry of drift.interactions) {
      result.checked += entry.verdict === 'skipped' || entry.verdict === 'failed' ? 0 : 1;
      result.breaking += entry.verdict === 'breaking' ? 1 : 0;
      result.added += entry.verdict === 'added' ? 1 : 0;
      result.failed += entry.verdict === 'failed' ? 1 : 0;
    }
    if (options.write) {
      await writeDrifted(cassette, drift, answers, result.problems);
    }
    result.cassettes.push(drift);
  }
  return result;
}

/** The live answers of the interactions checked, kept until the files are written. */
type LiveAnswers = Map<InteractionDrift, Pick<RecordedInteraction, 'response' | 'recordedAt'>>;

async function check(
  entry: InteractionDrift,
  interaction: RecordedInteraction,
  target: LiveTarget,
  answers: LiveAnswers,
): Promise<void> {
  try {
    const live = await liveAnswer(interaction, target);
    entry.changes = compareResponses(interaction.response, live.response);
    entry.verdict = entry.changes.length === 0 ? 'unchanged' : entry.changes.some(isBreaking) ? 'breaking' : 'added';
    answers.set(entry, live);
  } catch (error) {
    entry.verdict = 'failed';
    entry.reason = (error as Error).message;
  }
}

async function writeDrifted(
  cassette: LoadedCassette,
  drift: CassetteDrift,
  answers: LiveAnswers,
  problems: Problem[],
): Promise<void> {
  const drifted = drift.interactions.filter((entry) => entry.verdict === 'added' || entry.verdict === 'breaking');
  if (drifted.length === 0) {
    return;
  }
  const interactions = cassette.file.interactions.map((interaction, index) => {
    const entry = drift.interactions[index];
    const live = entry && drifted.includes(entry) ? answers.get(entry) : undefined;
    return live ? { ...interaction, response: live.response, recordedAt: live.recordedAt } : interaction;
  });
  const written = await rewriteCassette(cassette, { ...cassette.file, interactions });
  if ('problem' in written) {
    problems.push(written.problem);
    return;
  }
  drifted.forEach((entry) => (entry.written = true));
}

function describe(interaction: RecordedInteraction, index: number, baseUrl: string | undefined): InteractionDrift {
  const { method, url } = interaction.request;
  const sentTo = rebaseUrl(url, baseUrl);
  return {
    index,
    id: interaction.id,
    method,
    url,
    ...(sentTo === url ? {} : { sentTo }),
    verdict: 'skipped',
    changes: [],
  };
}

function skip(entry: InteractionDrift, reason: string): void {
  entry.verdict = 'skipped';
  entry.reason = reason;
}

// Runs `jobs` with at most `limit` at once, in order of start.
async function runPool(jobs: readonly (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      await (jobs[next++] as () => Promise<void>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}
