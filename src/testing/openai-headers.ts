/**
 * Response headers as api.openai.com sends them (names from the corpus, lower-cased), minus
 * the Cloudflare and cookie headers no client reads. Values are fixed, for deterministic output.
 */

/** `x-ratelimit-*` headers of a request that is well within its limits. */
function rateLimitHeaders(): Record<string, string> {
  return {
    'x-ratelimit-limit-requests': '10000',
    'x-ratelimit-limit-tokens': '30000000',
    'x-ratelimit-remaining-requests': '9999',
    'x-ratelimit-remaining-tokens': '29999000',
    'x-ratelimit-reset-requests': '6ms',
    'x-ratelimit-reset-tokens': '0s',
  };
}

/** Headers of a successful response with the given content type. */
export function successHeaders(contentType: string, requestId: string): Record<string, string> {
  return {
    'content-type': contentType,
    'access-control-expose-headers': 'X-Request-ID',
    'openai-processing-ms': '1',
    'openai-version': '2020-10-01',
    ...rateLimitHeaders(),
    'x-request-id': requestId,
  };
}

/** Headers of an error response. */
export function errorHeaders(requestId: string): Record<string, string> {
  return {
    'content-type': 'application/json; charset=utf-8',
    'openai-version': '2020-10-01',
    'x-request-id': requestId,
  };
}
