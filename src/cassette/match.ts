import { storedBodyValue } from './body.js';
import { requestHash } from './hash.js';
import { canonicalBody, normalizeUrl, withoutFields } from './normalize.js';
import type { ExchangeRules, PreparedRequest } from './prepare.js';
import type { HeaderMap, RecordedInteraction } from './types.js';

/** A request as a custom `matcher` sees it: redacted, URL normalised, no ignored body fields. */
export interface MatchableRequest {
  method: string;
  url: string;
  /** Stored (redacted) headers; ignored and transport headers are absent. */
  headers: HeaderMap;
  /** Parsed JSON body (ignored fields removed), or the text; undefined when there is none. */
  body: unknown;
  hash: string;
}

/**
 * Decides whether a recorded request answers a live one. The default compares hashes;
 * a custom one may look at anything (candidates are tried in recorded order).
 * @example
 * matcher: (request, recorded) => request.method === recorded.method && new URL(request.url).pathname === new URL(recorded.url).pathname
 */
export type CassetteMatcher = (request: MatchableRequest, recorded: MatchableRequest) => boolean;

/** One interaction with what matching needs; `request` is computed when first needed. */
export interface IndexedInteraction {
  readonly request: MatchableRequest;
  interaction: RecordedInteraction;
  /** How many times it answered in this session. */
  uses: number;
  /** Recorded in this session (these are never reported unused). */
  fresh: boolean;
  /** Its place in the file (0 for the first), for a loaded one. */
  readonly place: number | undefined;
}

/**
 * Stored hashes found right by earlier replays of the same file bytes (load/replay-memo.ts):
 * those are trusted without reading and hashing the recording again.
 */
export interface VerifiedHashes {
  isVerified(place: number): boolean;
  markVerified(place: number): void;
}

/** The result of a lookup: an interaction to replay, or why there is none. */
export type LookupResult =
  { entry: IndexedInteraction } | { miss: 'no-match' } | { miss: 'exhausted'; last: IndexedInteraction };

class IndexEntry implements IndexedInteraction {
  uses: number;
  /** The hash it is filed under: the stored one until verified, then the one its request gives. */
  key: string;
  verified: boolean;
  readonly interaction: RecordedInteraction;
  readonly fresh: boolean;
  readonly #rules: ExchangeRules;
  #request: MatchableRequest | undefined;

  /** Its place in the file (0 for the first), for a loaded one. */
  readonly place: number | undefined;

  constructor(
    interaction: RecordedInteraction,
    fresh: boolean,
    trusted: boolean,
    rules: ExchangeRules,
    place: number | undefined,
  ) {
    this.interaction = interaction;
    this.fresh = fresh;
    this.uses = fresh ? 1 : 0;
    this.#rules = rules;
    this.place = place;
    this.verified = !trusted;
    this.key = trusted ? interaction.hash : this.request.hash;
  }

  get request(): MatchableRequest {
    this.#request ??= matchableRequest(this.interaction, this.#rules);
    return this.#request;
  }

  /**
   * Whether its request is `live` as matching sees both: same method, normalised URL and body
   * without the ignored fields. Then it hashes to `live.hash`, with no canonical text or sha256
   * of its own (the largest costs of a first replay after reading its body); `false` only
   * means that the hash must be computed.
   */
  isRequest(live: PreparedRequest): boolean {
    const { method, url, body } = this.interaction.request;
    if (method.toUpperCase() !== live.method || normalizeUrl(url) !== live.normalizedUrl) {
      return false;
    }
    const value = body === undefined ? undefined : withoutFields(storedBodyValue(body), this.#rules.ignoredFields);
    return sameJson(value, live.value);
  }
}

// Equal JSON values, so equal canonical texts (key order aside); anything unusual, such as
// NaN, compares unequal, which only costs the hash.
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  ) {
    return false;
  }
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameJson(item, other[i]));
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) {
    return false;
  }
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

/**
 * The interactions of a cassette keyed for lookup. Identical requests replay in recorded
 * order; with `allowRepeats`, the last of them answers again once all were used.
 *
 * Loaded interactions are filed under their stored hash, and a recording's own hash is
 * computed only when it is about to answer (canonical JSON and sha256 of every body would
 * dominate the load of a large cassette). When one turns out edited
 * by hand, or a lookup finds nothing, every recording is hashed again before the answer, so
 * edits and changed `ignoreBodyFields` match exactly as if all were hashed at load. (One
 * difference remains: a recording edited into a copy of a later one, its stored hash left
 * stale, answers after that one rather than before it.)
 */
export class InteractionIndex {
  readonly entries: IndexedInteraction[] = [];
  readonly #entries: IndexEntry[] = [];
  readonly #byHash = new Map<string, IndexEntry[]>();
  readonly #matcher: CassetteMatcher | undefined;
  readonly #allowRepeats: boolean;
  readonly #rules: ExchangeRules;
  readonly #trusted: boolean;
  readonly #verifiedHashes: VerifiedHashes | undefined;
  #unverified = 0;

  constructor(
    interactions: readonly RecordedInteraction[],
    rules: ExchangeRules,
    options: {
      matcher?: CassetteMatcher | undefined;
      allowRepeats: boolean;
      trustStoredHashes?: boolean;
      verifiedHashes?: VerifiedHashes | undefined;
    },
  ) {
    this.#rules = rules;
    this.#matcher = options.matcher;
    this.#allowRepeats = options.allowRepeats;
    this.#trusted = (options.trustStoredHashes ?? false) && options.matcher === undefined;
    this.#verifiedHashes = this.#trusted ? options.verifiedHashes : undefined;
    for (const [place, interaction] of interactions.entries()) {
      this.#add(interaction, false, place);
    }
  }

  /** Adds an interaction recorded in this session. */
  add(interaction: RecordedInteraction, fresh: boolean): IndexedInteraction {
    return this.#add(interaction, fresh);
  }

  /** Finds the next interaction for `request` and marks it used. */
  take(request: PreparedRequest): LookupResult {
    let candidates = this.#candidates(request);
    if (candidates === undefined) {
      this.#verifyAll();
      candidates = this.#candidates(request) ?? [];
    }
    const next = candidates.find((entry) => entry.uses === 0);
    const last = candidates.at(-1);
    if (next) {
      next.uses++;
      return { entry: next };
    }
    if (!last) {
      return { miss: 'no-match' };
    }
    if (this.#allowRepeats) {
      last.uses++;
      return { entry: last };
    }
    return { miss: 'exhausted', last };
  }

  /** Hands back an interaction `take` gave, which did not answer after all (a fault did). */
  untake(entry: IndexedInteraction): void {
    entry.uses--;
  }

  /** Interactions loaded from the file that no request used. */
  unused(): IndexedInteraction[] {
    return this.entries.filter((entry) => entry.uses === 0 && !entry.fresh);
  }

  #add(interaction: RecordedInteraction, fresh: boolean, place?: number): IndexEntry {
    const trusted = this.#trusted && !fresh;
    const entry = new IndexEntry(interaction, fresh, trusted, this.#rules, place);
    if (trusted && place !== undefined && this.#verifiedHashes?.isVerified(place)) {
      entry.verified = true;
    }
    this.entries.push(entry);
    this.#entries.push(entry);
    this.#unverified += entry.verified ? 0 : 1;
    this.#file(entry);
    return entry;
  }

  // The candidates in recorded order, or undefined when every hash must be verified first:
  // the next one turned out edited, or none is left and an unverified recording might match.
  #candidates(request: PreparedRequest): IndexEntry[] | undefined {
    if (this.#matcher) {
      return this.#matching(request);
    }
    const candidates = this.#byHash.get(request.hash) ?? [];
    const next = candidates.find((entry) => entry.uses === 0);
    if (next === undefined) {
      return this.#unverified > 0 ? undefined : candidates;
    }
    if (!next.verified && !this.#verify(next, request)) {
      return undefined;
    }
    return candidates;
  }

  // `live` was filed under the entry's stored hash: if the recording is that request, the
  // stored hash is right without hashing the recording.
  #verify(entry: IndexEntry, live?: PreparedRequest): boolean {
    entry.verified = true;
    this.#unverified--;
    const right =
      (live !== undefined && live.hash === entry.key && entry.isRequest(live)) || entry.request.hash === entry.key;
    if (right && entry.place !== undefined) {
      this.#verifiedHashes?.markVerified(entry.place);
    }
    return right;
  }

  // Hashes every recording not yet verified and files each under its real hash.
  #verifyAll(): void {
    for (const entry of this.#entries) {
      if (!entry.verified) {
        this.#verify(entry);
      }
      entry.key = entry.request.hash;
    }
    this.#byHash.clear();
    for (const entry of this.#entries) {
      this.#file(entry);
    }
  }

  #file(entry: IndexEntry): void {
    const same = this.#byHash.get(entry.key);
    if (same) {
      same.push(entry);
    } else {
      this.#byHash.set(entry.key, [entry]);
    }
  }

  #matching(request: PreparedRequest): IndexEntry[] {
    const live: MatchableRequest = {
      method: request.method,
      url: request.normalizedUrl,
      headers: request.headers(),
      body: request.value,
      hash: request.hash,
    };
    const matcher = this.#matcher as CassetteMatcher;
    return this.#entries.filter((entry) => matcher(live, entry.request));
  }
}

// What matching sees of a recording: its hash recomputed, so hand edits and changed rules match.
function matchableRequest(interaction: RecordedInteraction, rules: ExchangeRules): MatchableRequest {
  const { method, url, headers, body } = interaction.request;
  const normalizedUrl = normalizeUrl(url);
  const value = body === undefined ? undefined : withoutFields(storedBodyValue(body), rules.ignoredFields);
  const hash = requestHash(method, normalizedUrl, canonicalBody(value, [], true));
  return { method: method.toUpperCase(), url: normalizedUrl, headers, body: value, hash };
}
