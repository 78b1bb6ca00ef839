import { storedBodyValue } from './body.js';
import { requestHash } from './hash.js';
import { canonicalBody, normalizeUrl, withoutFields } from './normalize.js';
import type { MatchRules, PreparedRequest } from './prepare.js';
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

/** One interaction with what matching needs, computed once when the cassette loads. */
export interface IndexedInteraction {
  request: MatchableRequest;
  interaction: RecordedInteraction;
  /** How many times it answered in this session. */
  uses: number;
  /** Recorded in this session (these are never reported unused). */
  fresh: boolean;
}

/** The result of a lookup: an interaction to replay, or why there is none. */
export type LookupResult =
  { entry: IndexedInteraction } | { miss: 'no-match' } | { miss: 'exhausted'; last: IndexedInteraction };

/**
 * The interactions of a cassette keyed for lookup. Identical requests replay in recorded
 * order; with `allowRepeats`, the last of them answers again once all were used.
 */
export class InteractionIndex {
  readonly entries: IndexedInteraction[] = [];
  readonly #byHash = new Map<string, IndexedInteraction[]>();
  readonly #matcher: CassetteMatcher | undefined;
  readonly #allowRepeats: boolean;
  readonly #rules: MatchRules;

  constructor(
    interactions: readonly RecordedInteraction[],
    rules: MatchRules,
    options: { matcher?: CassetteMatcher | undefined; allowRepeats: boolean },
  ) {
    this.#rules = rules;
    this.#matcher = options.matcher;
    this.#allowRepeats = options.allowRepeats;
    for (const interaction of interactions) {
      this.add(interaction, false);
    }
  }

  /** Adds an interaction; its hash is recomputed, so hand edits and changed rules still match. */
  add(interaction: RecordedInteraction, fresh: boolean): IndexedInteraction {
    const { method, url, headers, body } = interaction.request;
    const normalizedUrl = normalizeUrl(url);
    const value = body === undefined ? undefined : withoutFields(storedBodyValue(body), this.#rules.ignoredFields);
    const hash = requestHash(method, normalizedUrl, canonicalBody(value, [], true));
    const request = { method: method.toUpperCase(), url: normalizedUrl, headers, body: value, hash };
    const entry: IndexedInteraction = { request, interaction, uses: fresh ? 1 : 0, fresh };
    this.entries.push(entry);
    const same = this.#byHash.get(hash);
    if (same) {
      same.push(entry);
    } else {
      this.#byHash.set(hash, [entry]);
    }
    return entry;
  }

  /** Finds the next interaction for `request` and marks it used. */
  take(request: PreparedRequest): LookupResult {
    const candidates = this.#matcher ? this.#matching(request) : (this.#byHash.get(request.hash) ?? []);
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

  /** Interactions loaded from the file that no request used. */
  unused(): IndexedInteraction[] {
    return this.entries.filter((entry) => entry.uses === 0 && !entry.fresh);
  }

  #matching(request: PreparedRequest): IndexedInteraction[] {
    const live: MatchableRequest = {
      method: request.method,
      url: request.normalizedUrl,
      headers: request.headers(),
      body: request.value,
      hash: request.hash,
    };
    const matcher = this.#matcher as CassetteMatcher;
    return this.entries.filter((entry) => matcher(live, entry.request));
  }
}
