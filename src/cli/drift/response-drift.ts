import { storedBodyValue } from '../../cassette/body.js';
import { headerValue } from '../../cassette/headers.js';
import type { RecordedResponse, SseEvent } from '../../cassette/types.js';
import { eventJson } from '../transcript/content-text.js';
import { compareShapes, shapeOf, type Shape } from './shape.js';
import type { DriftChange } from './types.js';

/** Response headers the kit reads: replay and recording (`content-type`), and OpenAIModel's errors. */
export const KIT_HEADERS = ['x-request-id', 'retry-after', 'retry-after-ms'] as const;

/**
 * How a live answer's shape differs from the recorded one: the status class; then, when both
 * are of one class, the media type, the headers the kit reads, the body's key paths and types,
 * and for event streams the event types and their order.
 */
export function compareResponses(recorded: RecordedResponse, live: RecordedResponse): DriftChange[] {
  const [was, is] = [statusClass(recorded.status), statusClass(live.status)];
  if (was !== is) {
    return [
      { kind: 'status', path: 'status', recorded: `${recorded.status} (${was})`, live: `${live.status} (${is})` },
    ];
  }
  const changes: DriftChange[] = [];
  const [typeWas, typeIs] = [mediaType(recorded), mediaType(live)];
  if (typeWas !== typeIs) {
    changes.push({
      kind: 'retyped',
      path: 'headers.content-type',
      recorded: typeWas ?? '(none)',
      live: typeIs ?? '(none)',
    });
  }
  for (const name of KIT_HEADERS) {
    const [had, has] = [
      headerValue(recorded.headers, name) !== undefined,
      headerValue(live.headers, name) !== undefined,
    ];
    if (had !== has) {
      changes.push({ kind: has ? 'added' : 'removed', path: `headers.${name}` });
    }
  }
  const [eventsWas, eventsIs] = [eventsOf(recorded), eventsOf(live)];
  if (eventsWas && eventsIs) {
    changes.push(...compareEventOrder(eventsWas, eventsIs));
  }
  changes.push(...compareShapes(bodyShape(recorded), bodyShape(live)));
  return changes;
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

function mediaType(response: RecordedResponse): string | undefined {
  return headerValue(response.headers, 'content-type')?.split(';')[0]?.trim().toLowerCase();
}

function eventsOf(response: RecordedResponse): readonly SseEvent[] | undefined {
  return response.body && 'events' in response.body ? response.body.events : undefined;
}

// An event's type: its `event:` line, else its data's `type` (Responses) or `object` (chat).
function eventType(event: SseEvent): string {
  const json = eventJson(event) as { type?: unknown; object?: unknown } | undefined;
  const named = event.event ?? json?.type ?? json?.object;
  return typeof named === 'string' ? named : event.data === '[DONE]' ? '[DONE]' : '(data)';
}

// Event types in order of first appearance: how many deltas arrive varies, their order does not.
function compareEventOrder(recorded: readonly SseEvent[], live: readonly SseEvent[]): DriftChange[] {
  const order = (events: readonly SseEvent[]): string[] => [...new Set(events.map(eventType))];
  const [was, is] = [order(recorded), order(live)];
  const changes: DriftChange[] = [
    ...was
      .filter((type) => !is.includes(type))
      .map((type): DriftChange => ({ kind: 'removed', path: `events[${type}]` })),
    ...is
      .filter((type) => !was.includes(type))
      .map((type): DriftChange => ({ kind: 'added', path: `events[${type}]` })),
  ];
  const [common, commonLive] = [was.filter((t) => is.includes(t)), is.filter((t) => was.includes(t))];
  if (common.join('\n') !== commonLive.join('\n')) {
    changes.push({ kind: 'order', path: 'events', recorded: common.join(', '), live: commonLive.join(', ') });
  }
  return changes;
}

// A JSON body's paths under `body`; a stream's under `events[<type>]`, merged per event type.
function bodyShape(response: RecordedResponse): Shape {
  const events = eventsOf(response);
  if (!events) {
    const value = response.body ? storedBodyValue(response.body) : undefined;
    return typeof value === 'object' && value !== null ? shapeOf(value, 'body') : new Map();
  }
  const shape: Shape = new Map();
  for (const event of events) {
    const json = eventJson(event);
    if (typeof json === 'object' && json !== null) {
      shapeOf(json, `events[${eventType(event)}]`, shape);
    }
  }
  return shape;
}
