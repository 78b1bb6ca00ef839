import { carriedError, carrierResponse } from '../../internal/carried-error.js';
import { isCassetteError, type CassetteError } from '../errors.js';

/**
 * The response an MSW handler answers with when the cassette fails a request (a replay miss):
 * a 400 with `x-should-retry: false` rather than a resolver's throw, which MSW turns into a
 * 500 that the `openai` SDK retries. The client fails at once with the cassette's message, and
 * `cassetteErrorFrom` gives back the original error.
 */
export function cassetteErrorResponse(error: CassetteError): Response {
  return carrierResponse(error, { track: true });
}

/**
 * The cassette error behind a client's error, if any: pass what a client threw (an `openai`
 * SDK `APIError`, anything with `headers`, or an error whose `cause` chain holds one, such as
 * `fetch`'s "fetch failed" over a `CassetteNetworkError`) or the `Response` it got. The 256 most
 * recent cassette errors can be found this way.
 * @example
 * try { await client.chat.completions.create(body) } catch (error) { throw cassetteErrorFrom(error) ?? error }
 */
export function cassetteErrorFrom(value: unknown): CassetteError | undefined {
  for (let at = value, depth = 0; at !== undefined && at !== null && depth < 8; depth++) {
    if (isCassetteError(at)) {
      return at;
    }
    const carried = carriedError(at);
    if (isCassetteError(carried)) {
      return carried;
    }
    at = (at as { cause?: unknown }).cause;
  }
  return undefined;
}
