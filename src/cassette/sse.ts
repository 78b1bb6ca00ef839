import type { JsonValue, SseEvent } from './types.js';

/**
 * Splits a `text/event-stream` body into its events, or returns undefined when the events would
 * not give back the exact same text (unusual line endings, unknown fields, repeated fields):
 * the caller then keeps the body as text, so replay stays byte-exact.
 */
export function parseSseEvents(text: string): SseEvent[] | undefined {
  if (!text.endsWith('\n\n')) {
    return undefined;
  }
  const events: SseEvent[] = [];
  for (const block of text.slice(0, -2).split('\n\n')) {
    const event = parseBlock(block);
    if (!event) {
      return undefined;
    }
    events.push(event);
  }
  return serializeSseEvents(events) === text ? events : undefined;
}

/** The wire text of one event, blank line included. */
export function serializeSseEvent(event: SseEvent): string {
  const lines: string[] = [];
  if (event.comment !== undefined) {
    lines.push(`:${event.comment}`);
  }
  for (const field of ['event', 'id', 'retry'] as const) {
    if (event[field] !== undefined) {
      lines.push(`${field}: ${event[field]}`);
    }
  }
  const data = event.json === undefined ? event.data : JSON.stringify(event.json);
  if (data !== undefined) {
    for (const line of data.split('\n')) {
      lines.push(`data: ${line}`);
    }
  }
  return `${lines.join('\n')}\n\n`;
}

/** The wire text of a whole stream. */
export function serializeSseEvents(events: readonly SseEvent[]): string {
  return events.map(serializeSseEvent).join('');
}

function parseBlock(block: string): SseEvent | undefined {
  const event: SseEvent = {};
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) {
      if (event.comment !== undefined) {
        return undefined;
      }
      event.comment = line.slice(1);
      continue;
    }
    const colon = line.indexOf(': ');
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? '' : line.slice(colon + 2);
    if (name === 'data') {
      data.push(value);
    } else if ((name === 'event' || name === 'id') && event[name] === undefined) {
      event[name] = value;
    } else if (name === 'retry' && event.retry === undefined && /^\d+$/.test(value)) {
      event.retry = Number(value);
    } else {
      return undefined;
    }
  }
  if (data.length > 0) {
    setData(event, data.join('\n'));
  }
  return event;
}

// Data that is compact JSON is kept as a structure, readable in the file; anything else as text.
function setData(event: SseEvent, data: string): void {
  const parsed = tryParseJson(data);
  if (parsed !== undefined && typeof parsed === 'object' && parsed !== null && JSON.stringify(parsed) === data) {
    event.json = parsed;
  } else {
    event.data = data;
  }
}

function tryParseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
