/**
 * The cassette file format, version 1, as plain data. One YAML file holds a provenance block
 * and the interactions in the order they were recorded.
 */

/** A JSON value, as bodies hold it. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Header values by lower-case name; a header sent more than once is a list. */
export type HeaderMap = Record<string, string | string[]>;

/** One server-sent event. `json` holds data that is JSON; `data` holds any other data text. */
export interface SseEvent {
  comment?: string;
  event?: string;
  id?: string;
  retry?: number;
  json?: JsonValue;
  data?: string;
  /** Milliseconds from the response's start to the event; recorded with `streamTiming` only. */
  offsetMs?: number;
}

/**
 * A body, decoded and in its most readable form: JSON as a structure (`indent` and
 * `trailingNewline` give back the exact bytes), a stream as its list of events, other text as
 * text, and anything that is not UTF-8 as base64.
 */
export type StoredBody =
  | { json: JsonValue; indent?: number; trailingNewline?: boolean }
  | { events: SseEvent[] }
  | { text: string }
  | { base64: string };

/** The request half of an interaction, with secrets scrubbed. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: HeaderMap;
  body?: StoredBody;
}

/** The response half of an interaction, decoded and scrubbed. */
export interface RecordedResponse {
  status: number;
  headers: HeaderMap;
  body?: StoredBody;
}

/** One recorded exchange. `recordedAt` comes last so a file cut short fails to load. */
export interface RecordedInteraction {
  /** Stable id: the first 12 hex digits of `hash`, then `-n` for the n-th identical request. */
  id: string;
  /** sha256 of method, normalised URL and canonical body, after redaction. */
  hash: string;
  request: RecordedRequest;
  response: RecordedResponse;
  /** ISO 8601 time of recording: the only clock field in the file. */
  recordedAt: string;
}

/** Who wrote the file: toolkit and SDK versions, and the models the requests named. */
export interface Provenance {
  toolkit: string;
  openai: string;
  models: string[];
}

/** A whole cassette file. */
export interface CassetteFile {
  version: 1;
  provenance?: Provenance;
  interactions: RecordedInteraction[];
}

/** The file format version this toolkit reads and writes. */
export const FORMAT_VERSION = 1;
