import type { HeaderMap, RecordedInteraction, StoredBody } from '../cassette/types.js';

/** A path into the cassette data: `['interactions', 2, 'request', 'headers', 'cookie']`. */
export type DataPath = (string | number)[];

/** Where a string sits: the header's name when it is a header value. */
export interface StringPlace {
  path: DataPath;
  header?: string;
}

/**
 * Calls `visit` with every string of an interaction that could hold a secret: the URL, each
 * header value, and every string in the bodies (JSON leaves, SSE event data and comments, text,
 * and base64 bodies decoded). Paths start at `base` (the interaction's own path).
 */
export function forEachString(
  interaction: RecordedInteraction,
  base: DataPath,
  visit: (text: string, place: StringPlace) => void,
): void {
  for (const part of ['request', 'response'] as const) {
    const half = interaction[part];
    if (part === 'request') {
      visit(interaction.request.url, { path: [...base, part, 'url'] });
    }
    visitHeaders(half.headers, [...base, part, 'headers'], visit);
    if (half.body) {
      visitBody(half.body, [...base, part, 'body'], visit);
    }
  }
}

function visitHeaders(headers: HeaderMap, path: DataPath, visit: (text: string, place: StringPlace) => void): void {
  for (const [header, value] of Object.entries(headers)) {
    if (Array.isArray(value)) {
      value.forEach((one, i) => visit(one, { path: [...path, header, i], header }));
    } else {
      visit(value, { path: [...path, header], header });
    }
  }
}

function visitBody(body: StoredBody, path: DataPath, visit: (text: string, place: StringPlace) => void): void {
  if ('json' in body) {
    visitJson(body.json, [...path, 'json'], visit);
  } else if ('events' in body) {
    body.events.forEach((event, i) => {
      for (const field of ['comment', 'event', 'id', 'data'] as const) {
        const value = event[field];
        if (value !== undefined) {
          visit(value, { path: [...path, 'events', i, field] });
        }
      }
      visitJson(event.json, [...path, 'events', i, 'json'], visit);
    });
  } else if ('text' in body) {
    visit(body.text, { path: [...path, 'text'] });
  } else {
    visit(Buffer.from(body.base64, 'base64').toString('latin1'), { path: [...path, 'base64'] });
  }
}

function visitJson(value: unknown, path: DataPath, visit: (text: string, place: StringPlace) => void): void {
  if (typeof value === 'string') {
    visit(value, { path });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => visitJson(item, [...path, i], visit));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      visitJson(item, [...path, key], visit);
    }
  }
}
