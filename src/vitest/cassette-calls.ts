import { readFileSync } from 'node:fs';
import type { CassetteSummary } from '../cassette/cassette.js';
import { parseCassette } from '../cassette/format.js';
import type { RecordedInteraction } from '../cassette/types.js';
import { recordedModelCalls } from '../testing/recorded-calls.js';
import { recordedOutcome } from '../testing/recorded-outcome.js';
import type { ObservedCalls } from './observed-calls.js';

/** The parts of a `Cassette` the matchers read, duck-typed so another copy of the package matches too. */
interface CassetteLike {
  path: string;
  state: string;
  summary: CassetteSummary | undefined;
  /** The interactions served so far, in order, when the cassette exposes them. */
  interactions?: readonly RecordedInteraction[];
}

/** True for a `Cassette` (or a value shaped like one). */
export function isCassetteLike(value: Record<string, unknown>): boolean {
  return (
    typeof value['path'] === 'string' &&
    typeof value['stop'] === 'function' &&
    Array.isArray(value['handlers']) &&
    typeof value['state'] === 'string'
  );
}

/**
 * The interactions a cassette served. A cassette that lists them (`interactions`: every
 * `Cassette`, running or stopped) is read directly, so the matchers work while it runs. A
 * cassette of an older copy of the package has no list: a stopped one is read back from its
 * file (everything it holds minus the recordings `stop()` reported unused; nothing in
 * `passthrough`, or in `record` when nothing was written), and a running one is a usage error.
 */
function servedInteractions(cassette: CassetteLike): readonly RecordedInteraction[] {
  if (Array.isArray(cassette.interactions)) {
    return cassette.interactions;
  }
  const { summary } = cassette;
  if (cassette.state !== 'stopped' || !summary) {
    throw new TypeError(
      `expect(cassette) reads what cassette ${cassette.path} served, which is known once it stopped: \`await cassette.stop()\` first (the fixture's own stop afterwards is a no-op).`,
    );
  }
  if (summary.mode === 'passthrough' || (summary.mode === 'record' && !summary.written)) {
    return [];
  }
  const unused = new Set(summary.unused.map((ref) => ref.id));
  return parseCassette(readFileSync(cassette.path, 'utf8'), cassette.path).interactions.filter(
    (interaction) => !unused.has(interaction.id),
  );
}

/**
 * The tool calls in the chat completions a cassette served (streamed ones assembled), and its
 * model calls: one per call, the SDK's retries folded in, failed calls included.
 */
export function observeCassette(cassette: Record<string, unknown>): ObservedCalls {
  const calls = recordedModelCalls(servedInteractions(cassette as unknown as CassetteLike));
  const toolCalls = calls.flatMap((call) => {
    const outcome = recordedOutcome(call);
    return outcome.kind === 'response' ? outcome.response.toolUses.map(({ name, input }) => ({ name, input })) : [];
  });
  return { kind: 'Cassette', toolCalls, modelCalls: calls.length };
}
