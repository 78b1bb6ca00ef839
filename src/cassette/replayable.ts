import type { RecordedResponse, SseEvent } from './types.js';

/**
 * What a parsed cassette must also be for replay to send it: header names and values `fetch`
 * accepts (else `new Headers` throws a TypeError while the response is built), and bodies that
 * say they are JSON and parse (else the client's JSON.parse throws a SyntaxError). Checked at
 * load with the rest of the format, so a damaged file is a `CassetteFormatError` naming the
 * line, not a raw error inside a model call.
 */

// An HTTP token (RFC 9110): what a header name may hold.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Leading and trailing whitespace is trimmed by `Headers`; inside, NUL, CR and LF are refused,
// and a value is a byte string: nothing above U+00FF.
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;
const UNSENDABLE = /[\0\r\n]|[^\0-\u00ff]/;

/** Why a header name cannot be sent, or undefined. */
export function headerNameProblem(name: string): string | undefined {
  return TOKEN.test(name) ? undefined : `is not a header name that can be sent (${JSON.stringify(name)})`;
}

/** Why a header value cannot be sent, or undefined. */
export function headerValueProblem(value: string): string | undefined {
  const found = UNSENDABLE.exec(value.replace(EDGE_WHITESPACE, ''));
  if (!found) {
    return undefined;
  }
  const code = (found[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `holds a character a header value cannot carry (U+${code} at ${found.index}; line breaks, NUL and characters beyond U+00FF are refused)`;
}

/**
 * Why a response body cannot be read as what it says it is, with the path below the
 * response: a text body under a JSON content-type that does not parse, or an unnamed event of a
 * JSON stream whose data is neither JSON nor `[DONE]`. Undefined when it is fine.
 */
export function declaredJsonProblem(
  response: RecordedResponse,
): { path: (string | number)[]; reason: string } | undefined {
  const { body } = response;
  if (body && 'text' in body && isJsonType(contentType(response))) {
    const error = parseError(body.text);
    return error
      ? { path: ['body', 'text'], reason: `does not parse as the JSON its content-type declares (${error})` }
      : undefined;
  }
  if (body && 'events' in body && body.events.some((event) => event.json !== undefined)) {
    const index = body.events.findIndex((event) => isDamagedData(event));
    if (index !== -1) {
      return {
        path: ['body', 'events', index, 'data'],
        reason: 'is neither JSON nor [DONE], unlike the other events of this stream (a client parsing it would fail)',
      };
    }
  }
  return undefined;
}

function isDamagedData(event: SseEvent): boolean {
  return (
    event.event === undefined &&
    event.data !== undefined &&
    !event.data.startsWith('[DONE]') &&
    parseError(event.data) !== undefined
  );
}

function contentType(response: RecordedResponse): string {
  const value = response.headers['content-type'];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function isJsonType(type: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json\b/i.test(type.trim());
}

function parseError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}
