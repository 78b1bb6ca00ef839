import { storedBodyText } from './body.js';
import { toHeaderPairs } from './headers.js';
import { serializeSseEvent } from './sse.js';
import type { RecordedResponse } from './types.js';

/**
 * A recorded response exactly as replay sends it: the status, the header pairs, and the body
 * as the text (or base64 bytes, or one text per stream event) that goes on the wire. It is a
 * pure function of the recording, so the parsed-form cache keeps it (load/replay-memo.ts) and
 * a later replay of the same file bytes reads it with one `JSON.parse` instead of the YAML.
 */
export interface ReplayForm {
  status: number;
  headers: [string, string][];
  body?: { text: string } | { base64: string } | { events: string[]; offsets?: number[] };
}

// Built once per recording, so repeated replays of one (allowRepeats, a fault's retry) reuse it.
const forms = new WeakMap<RecordedResponse, ReplayForm>();

/** The replay form of a recorded response. */
export function replayFormOf(response: RecordedResponse): ReplayForm {
  let form = forms.get(response);
  if (!form) {
    form = buildForm(response);
    forms.set(response, form);
  }
  return form;
}

function buildForm({ status, headers, body }: RecordedResponse): ReplayForm {
  const form: ReplayForm = { status, headers: toHeaderPairs(headers) };
  if (body === undefined) {
    return form;
  }
  if ('events' in body) {
    const offsets = body.events.map((event) => event.offsetMs);
    form.body = {
      events: body.events.map(serializeSseEvent),
      ...(offsets.every((offset) => offset !== undefined) ? { offsets: offsets as number[] } : {}),
    };
  } else {
    form.body = 'base64' in body ? { base64: body.base64 } : { text: storedBodyText(body) };
  }
  return form;
}

/** A replay form read back from the cache, or undefined when it is not one (a damaged entry). */
export function asReplayForm(value: unknown): ReplayForm | undefined {
  const form = value as Partial<ReplayForm> | null;
  if (
    typeof form !== 'object' ||
    form === null ||
    !Number.isInteger(form.status) ||
    !Array.isArray(form.headers) ||
    !form.headers.every(
      (pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string',
    )
  ) {
    return undefined;
  }
  const body = form.body as Record<string, unknown> | undefined;
  const bodyOk =
    body === undefined ||
    (typeof body === 'object' &&
      body !== null &&
      (typeof body['text'] === 'string' ||
        typeof body['base64'] === 'string' ||
        (isStrings(body['events']) &&
          (body['offsets'] === undefined ||
            (Array.isArray(body['offsets']) &&
              body['offsets'].length === body['events'].length &&
              body['offsets'].every((offset) => typeof offset === 'number'))))));
  return bodyOk ? (form as ReplayForm) : undefined;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
