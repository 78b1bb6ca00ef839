/**
 * What the page embeds, as JSON: the transcripts (`../transcript/types.ts`) of the cassettes,
 * with what `view` knows beside them (verify problems, recordings the last replay left
 * unused), or two sides and their diff. Each interaction keeps only the messages its
 * previous one did not send, so an agent session that resends its whole conversation on
 * every call stays linear in size.
 */
import type { Provenance } from '../../cassette/types.js';
import type { CassetteDiff } from '../diff/types.js';
import type { Problem } from '../problem.js';
import { sharedPrefix, type Transcript } from '../transcript/transcript.js';
import type { ExchangeView, MessageView } from '../transcript/types.js';

/** A transcript entry as embedded: its messages after those it repeats from the previous one. */
export interface PageExchange extends ExchangeView {
  /** How many messages at the start are the previous interaction's (the page folds them). */
  repeated: number;
  /** Flagged: the last replay of the cassette did not use this recording. */
  unused?: true;
}

/** Whether the last replay's usage report applies to the file as it is now. */
export type PageUsageReport =
  { state: 'none' } | { state: 'stale'; reportedAt: string } | { state: 'fresh'; reportedAt: string; unused: number };

/** One cassette on the page. */
export interface PageCassette {
  file: string;
  provenance?: Provenance;
  /** Why it could not be read (then it has no interactions), and what `verify` found in it. */
  problems: Problem[];
  usageReport: PageUsageReport;
  interactions: PageExchange[];
}

/** Two versions of a cassette and their diff (`interactions` aligned, the same ones included). */
export interface PageDiffCassette {
  diff: CassetteDiff;
  before?: PageExchange[];
  after?: PageExchange[];
}

/** The whole page's data. */
export interface PageData {
  title: string;
  /** `spark-cassette <version>`, for the footer. */
  generator: string;
  /** When the page was written (ISO). */
  generatedAt: string;
  cassettes?: PageCassette[];
  diffs?: PageDiffCassette[];
}

/** A transcript's interactions as the page embeds them; `unused` ids are flagged. */
export function pageExchanges(transcript: Transcript, unused: ReadonlySet<string> = new Set()): PageExchange[] {
  let previous: readonly MessageView[] = [];
  return transcript.interactions.map((exchange) => {
    const repeated = sharedPrefix(previous, exchange.messages);
    previous = exchange.messages;
    return {
      ...exchange,
      messages: exchange.messages.slice(repeated),
      repeated,
      ...(unused.has(exchange.id) ? { unused: true as const } : {}),
    };
  });
}
