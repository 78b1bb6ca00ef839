import type { CassetteFile, Provenance } from '../../cassette/types.js';
import { exchangeView } from './exchange-view.js';
import type { ExchangeView, MessageView } from './types.js';

/** A whole cassette as a transcript (see `types.ts` for what each entry holds). */
export interface Transcript {
  /** The file as shown to the user. */
  file: string;
  provenance?: Provenance;
  interactions: ExchangeView[];
}

/**
 * Turns a parsed cassette into its transcript: the one data model that `show` prints, `view`
 * draws and `diff` compares.
 */
export function cassetteTranscript(file: CassetteFile, shown: string): Transcript {
  return {
    file: shown,
    ...(file.provenance ? { provenance: file.provenance } : {}),
    interactions: file.interactions.map(exchangeView),
  };
}

/**
 * How many messages `after` repeats from the start of `before`. Agents resend the whole
 * conversation on every call; renderers fold this shared prefix so each turn is shown once.
 */
export function sharedPrefix(before: readonly MessageView[], after: readonly MessageView[]): number {
  let n = 0;
  while (n < before.length && n < after.length && JSON.stringify(before[n]) === JSON.stringify(after[n])) {
    n++;
  }
  return n;
}
