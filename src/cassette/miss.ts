import { MODE_ENV_VAR } from './defaults.js';
import { diffRequests, type ComparedRequest } from './diff.js';
import { CassetteMissError, type CassetteDiffEntry } from './errors.js';
import type { IndexedInteraction, InteractionIndex, LookupResult } from './match.js';
import type { PreparedRequest } from './prepare.js';

/** What a miss message needs to know beyond the request. */
export interface MissContext {
  cassettePath: string;
  /** The path as shown to the user (relative to the working directory). */
  displayPath: string;
  fileExists: boolean;
  /** The test file, for the re-record command, when known. */
  testFile: string | undefined;
}

const MAX_DIFF_LINES = 12;

/**
 * The error for a request no recording answers: it names the file, `METHOD url`, the closest
 * recording and each differing path, then the command that records it.
 */
export function missError(
  request: PreparedRequest,
  lookup: Exclude<LookupResult, { entry: unknown }>,
  index: InteractionIndex,
  context: MissContext,
): CassetteMissError {
  const subject = `${request.method} ${request.url}`;
  const received: ComparedRequest = { method: request.method, url: request.normalizedUrl, body: request.value };
  const command = `${MODE_ENV_VAR}=record npx vitest run ${context.testFile ?? '<test file>'}`;
  const lines = [`Cassette miss in ${context.displayPath}: `];
  let closest: IndexedInteraction | undefined;
  let diff: CassetteDiffEntry[] = [];
  let reason: CassetteMissError['reason'];
  if (lookup.miss === 'exhausted') {
    reason = 'exhausted';
    closest = lookup.last;
    const count = index.entries.filter((entry) => entry.request.hash === request.hash).length;
    lines[0] += `${subject} was already answered by ${count === 1 ? 'its only recording' : `all ${count} of its recordings`}.`;
    lines.push(
      'Set `allowRepeats: true` to replay the last one again, or record the extra request with:',
      `  ${command}`,
    );
  } else if (!context.fileExists) {
    reason = 'no-file';
    lines[0] += `no recording for ${subject}: the file does not exist.`;
    lines.push('Record it with:', `  ${command}`);
  } else {
    reason = 'no-match';
    [closest, diff] = findClosest(index.entries, received);
    lines[0] += `no recording matches ${subject}.`;
    if (closest) {
      const { id, request: recorded } = closest.interaction;
      lines.push(`Closest recording: ${id} (${recorded.method} ${recorded.url}), which differs at:`);
      lines.push(...diff.slice(0, MAX_DIFF_LINES).map((d) => `  ${d.path}: ${d.recorded} -> ${d.received}`));
      if (diff.length > MAX_DIFF_LINES) {
        lines.push(`  ...and ${diff.length - MAX_DIFF_LINES} more`);
      }
      const hint = originHint(recorded.url, request.url);
      if (hint) {
        lines.push(hint);
      }
    } else {
      lines.push('The cassette holds no recordings.');
    }
    lines.push('If the request changed on purpose, record the cassette again with:', `  ${command}`);
  }
  return new CassetteMissError(lines.join('\n'), {
    cassettePath: context.cassettePath,
    request: { method: request.method, url: request.url },
    closest: closest && {
      id: closest.interaction.id,
      method: closest.interaction.request.method,
      url: closest.interaction.request.url,
    },
    diff,
    reason,
  });
}

// A different server, not a different request, is the usual cause when the origins differ.
function originHint(recordedUrl: string, requestUrl: string): string | undefined {
  const origin = (url: string): string | undefined => URL.parse(url)?.origin;
  const [recorded, requested] = [origin(recordedUrl), origin(requestUrl)];
  if (!recorded || !requested || recorded === requested) {
    return undefined;
  }
  return (
    `The request went to ${requested} but the recording to ${recorded}: check \`baseUrl\` and OPENAI_BASE_URL ` +
    '(a value left set in the shell sends every request elsewhere).'
  );
}

// The recording with the fewest differences; a different method or path weighs most.
function findClosest(
  entries: readonly IndexedInteraction[],
  received: ComparedRequest,
): [IndexedInteraction | undefined, CassetteDiffEntry[]] {
  let best: [IndexedInteraction | undefined, CassetteDiffEntry[]] = [undefined, []];
  let bestScore = Infinity;
  for (const entry of entries) {
    const diff = diffRequests(entry.request, received);
    const score =
      diff.reduce((sum, d) => sum + (d.path === 'method' ? 1000 : d.path === 'url' ? 100 : 1), 0) +
      (entry.uses > 0 ? 0.5 : 0);
    if (score < bestScore) {
      best = [entry, diff];
      bestScore = score;
    }
  }
  return best;
}
