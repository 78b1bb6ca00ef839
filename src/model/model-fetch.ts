import { cassetteErrorResponse } from '../cassette/msw/error-response.js';
import { isCassetteError } from '../cassette/errors.js';
import { getActiveCassette } from '../internal/active-cassette.js';

/**
 * The `fetch` given to the openai SDK. It looks up, at call time, the active cassette's fetch or
 * else the global one, so a model built before a cassette (or an MSW server) started is still
 * covered: the SDK itself captures `fetch` once, in its constructor (docs/internals.md).
 *
 * A cassette error (a replay miss) must reach the caller at once: thrown from fetch the SDK would
 * retry it as a connection error, so it travels as the same non-retried 400 the cassette's MSW
 * handlers answer with, and `cassetteErrorFrom` hands the original error back.
 */
export async function modelFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const cassette = getActiveCassette();
  if (!cassette) {
    return globalThis.fetch(input, init);
  }
  try {
    return await cassette.fetch(input, init);
  } catch (error) {
    if (isCassetteError(error)) {
      return cassetteErrorResponse(error);
    }
    throw error;
  }
}
