import { storedBodyChunks } from './body.js';
import { toHeaderPairs } from './headers.js';
import type { RecordedResponse } from './types.js';

/**
 * A recorded response exactly as replay sends it: the status, the header pairs, and the body's
 * bytes (a stream's events one after another, with each one's length). It is a pure function
 * of the recording, so the parsed-form cache keeps it (load/replay-forms.ts), and a later
 * replay of the same file bytes reads it with one small `JSON.parse` and a slice instead of
 * reading the response from the YAML.
 */
export interface ReplayForm {
  status: number;
  headers: [string, string][];
  /** The body's bytes; undefined when the recording has no body. */
  body?: Uint8Array | undefined;
  /** For a stream: the byte length of each event, in order. */
  events?: number[] | undefined;
  /** For a stream whose every event has a recorded time: those times (`offsetMs`). */
  offsets?: number[] | undefined;
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
  const chunks = storedBodyChunks(body);
  form.body = Buffer.concat(chunks);
  if ('events' in body) {
    form.events = chunks.map((chunk) => chunk.byteLength);
    const offsets = body.events.map((event) => event.offsetMs);
    if (offsets.every((offset) => offset !== undefined)) {
      form.offsets = offsets as number[];
    }
  }
  return form;
}

/** What the cache stores of a form besides its body's bytes (`body` is their length). */
interface FormHead {
  status: number;
  headers: [string, string][];
  body?: number;
  events?: number[];
  offsets?: number[];
}

/** A form as the cache stores it: a line of JSON, then the body's bytes. */
export function formBytes(form: ReplayForm): Buffer {
  const head: FormHead = {
    status: form.status,
    headers: form.headers,
    ...(form.body ? { body: form.body.byteLength } : {}),
    ...(form.events ? { events: form.events } : {}),
    ...(form.offsets ? { offsets: form.offsets } : {}),
  };
  return Buffer.concat([Buffer.from(`${JSON.stringify(head)}\n`), form.body ?? new Uint8Array()]);
}

/** A form read back from `formBytes`' bytes, or undefined when they are not one (a damaged entry). */
export function formFromBytes(bytes: Buffer): ReplayForm | undefined {
  const newline = bytes.indexOf(10);
  let head: Partial<FormHead>;
  try {
    head = JSON.parse(bytes.toString('utf8', 0, newline === -1 ? 0 : newline)) as Partial<FormHead>;
  } catch {
    return undefined;
  }
  const body = bytes.subarray(newline + 1);
  const valid =
    typeof head === 'object' &&
    head !== null &&
    Number.isInteger(head.status) &&
    Array.isArray(head.headers) &&
    head.headers.every(
      (pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string',
    ) &&
    (head.body === undefined ? body.length === 0 : head.body === body.length) &&
    (head.events === undefined ||
      (isCounts(head.events) && head.events.reduce((sum, length) => sum + length, 0) === body.length)) &&
    (head.offsets === undefined ||
      (head.events !== undefined && isCounts(head.offsets) && head.offsets.length === head.events.length));
  if (!valid) {
    return undefined;
  }
  return {
    status: head.status as number,
    headers: head.headers as [string, string][],
    ...(head.body === undefined ? {} : { body }),
    ...(head.events ? { events: head.events } : {}),
    ...(head.offsets ? { offsets: head.offsets } : {}),
  };
}

function isCounts(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((n) => typeof n === 'number' && n >= 0);
}
