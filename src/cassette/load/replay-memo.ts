import { hash } from 'node:crypto';

/** What a replay memo holds on disk, inside a cassette's parsed-form cache entry. */
export interface ReplayMemoData {
  /** The matching rules it was learned under (`rulesKey`). */
  rules: string;
  /** Places in the file (0 for the first) of the recordings whose stored hash was found right. */
  verified: number[];
  /** `[sent, hash]`: a request's exact text (`sentKey`) and the match hash it gave. */
  sent: [string, string][];
}

/** The key of the rules a request hash depends on: the parsed `ignoreBodyFields`. */
export function rulesKey(ignoredFields: readonly (readonly (string | number)[])[]): string {
  return JSON.stringify(ignoredFields);
}

/** The key of a request as sent (after redaction): its method, URL and body text, hashed. */
export function sentKey(method: string, normalizedUrl: string, body: string): string {
  return hash('sha256', `${method}\u0000${normalizedUrl}\u0000${body}`, 'base64');
}

/**
 * What earlier replays of one unchanged cassette file learned, so that a later one skips work
 * whose result cannot have changed: which stored hashes were verified (reading and hashing a
 * recording's body is the largest cost of a replayed request), and the match hash of each
 * request text seen (parsing and canonicalising the request is the next). Both are pure
 * functions of the file's bytes, the matching rules and the request text, so the memo is
 * valid exactly while the parsed-form cache entry holding it is: for the same bytes, and it
 * is used only under the same `rulesKey` (a change to how hashes are computed must change
 * the cache's format number).
 */
export class ReplayMemo {
  readonly rules: string;
  readonly #verified: Set<number>;
  readonly #sent: Map<string, string>;
  #changed = false;

  constructor(rules: string, data?: ReplayMemoData) {
    this.rules = rules;
    const usable = data?.rules === rules;
    this.#verified = new Set(usable ? data.verified : []);
    this.#sent = new Map(usable ? data.sent : []);
  }

  /** Whether something was learned since it was loaded. */
  get changed(): boolean {
    return this.#changed;
  }

  /** True when the recording at this place was verified by an earlier replay of the same bytes. */
  isVerified(place: number): boolean {
    return this.#verified.has(place);
  }

  /** Notes that the recording at this place in the file hashes to its stored hash. */
  markVerified(place: number): void {
    if (!this.#verified.has(place)) {
      this.#verified.add(place);
      this.#changed = true;
    }
  }

  /** The match hash a request with this `sentKey` gave before, if one did. */
  hashOf(key: string): string | undefined {
    return this.#sent.get(key);
  }

  /** Notes the match hash of a request text. */
  learn(key: string, requestHash: string): void {
    if (this.#sent.get(key) !== requestHash) {
      this.#sent.set(key, requestHash);
      this.#changed = true;
    }
  }

  /**
   * The memo as stored, with the `limit` request texts learned last: texts that differ only in
   * an ignored field (a timestamp) are new on every run, and must not grow the entry forever.
   */
  toData(limit = Number.POSITIVE_INFINITY): ReplayMemoData {
    const sent = [...this.#sent];
    return { rules: this.rules, verified: [...this.#verified], sent: sent.slice(Math.max(0, sent.length - limit)) };
  }
}

/** Reads stored memo data defensively: anything malformed counts as absent. */
export function readMemoData(value: unknown): ReplayMemoData | undefined {
  const data = value as Partial<ReplayMemoData> | undefined;
  const valid =
    typeof data?.rules === 'string' &&
    Array.isArray(data.verified) &&
    data.verified.every((place) => Number.isInteger(place)) &&
    Array.isArray(data.sent) &&
    data.sent.every(
      (pair) => Array.isArray(pair) && pair.length === 2 && pair.every((part) => typeof part === 'string'),
    );
  return valid ? (data as ReplayMemoData) : undefined;
}
