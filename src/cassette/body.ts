import { JSON_INDENTS } from './defaults.js';
import { parseSseEvents, serializeSseEvent } from './sse.js';
import type { JsonValue, StoredBody } from './types.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

/** The bytes as text, or undefined when they are not valid UTF-8 (binary bodies). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * The most readable stored form of a body that gives back exactly `text`: a JSON structure
 * (with its indent), a list of SSE events, or else the text itself.
 */
export function toStoredBody(text: string, contentType: string | undefined): StoredBody {
  if (contentType?.includes('text/event-stream')) {
    const events = parseSseEvents(text);
    return events ? { events } : { text };
  }
  const json = parseJsonContainer(text);
  if (json !== undefined) {
    for (const indent of JSON_INDENTS) {
      const printed = JSON.stringify(json, null, indent);
      if (printed === text || `${printed}\n` === text) {
        return {
          json,
          ...(indent === 0 ? {} : { indent }),
          ...(printed === text ? {} : { trailingNewline: true }),
        };
      }
    }
  }
  return { text };
}

/** A binary body, kept as base64. */
export function toBinaryBody(bytes: Uint8Array): StoredBody {
  return { base64: Buffer.from(bytes).toString('base64') };
}

/** The exact text of a stored body (base64 bodies decode to their bytes' latin1 text). */
export function storedBodyText(body: StoredBody): string {
  if ('json' in body) {
    return JSON.stringify(body.json, null, body.indent ?? 0) + (body.trailingNewline ? '\n' : '');
  }
  if ('events' in body) {
    return body.events.map(serializeSseEvent).join('');
  }
  return 'text' in body ? body.text : Buffer.from(body.base64, 'base64').toString('latin1');
}

/** The body's bytes, one chunk per SSE event so a replayed stream arrives event by event. */
export function storedBodyChunks(body: StoredBody): Uint8Array[] {
  if ('events' in body) {
    return body.events.map((event) => encoder.encode(serializeSseEvent(event)));
  }
  if ('base64' in body) {
    return [Buffer.from(body.base64, 'base64')];
  }
  return [encoder.encode(storedBodyText(body))];
}

/** The body as a value to match on: JSON parsed, anything else as its text. */
export function storedBodyValue(body: StoredBody): unknown {
  if ('json' in body) {
    return body.json;
  }
  if ('base64' in body) {
    return body.base64;
  }
  const text = storedBodyText(body);
  return parseJsonContainer(text) ?? text;
}

/** The text parsed as JSON when it is an object or array; undefined otherwise. */
export function parseJsonContainer(text: string): JsonValue | undefined {
  // Skips the whitespace JSON allows; `trimStart()` copied the text on every request.
  let at = 0;
  for (
    let code = text.charCodeAt(0);
    code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
    code = text.charCodeAt(++at)
  ) {
    // whitespace
  }
  const first = text.charCodeAt(at);
  if (first !== 0x7b && first !== 0x5b) {
    return undefined;
  }
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
