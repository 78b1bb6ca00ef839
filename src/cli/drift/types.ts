/**
 * The drift model: how a live answer's shape differs from the recorded one. Shapes, not
 * values: status class, JSON key paths and their value types, SSE event types and their
 * order, and the headers the kit reads. Text, ids, numbers and times change on every call.
 */

/**
 * `added`: the live answer has a path the recording lacks. `removed`: the recording has a path
 * the live answer lacks. `retyped`: a path holds another type. `status`: another status class.
 * `order`: the SSE event types come in another order.
 */
export type DriftKind = 'added' | 'removed' | 'retyped' | 'status' | 'order';

/** One difference, at a path such as `body.choices[].message.content` or `events[response.completed]`. */
export interface DriftChange {
  kind: DriftKind;
  path: string;
  /** The recorded side, as text (a type list, a status class, an event order). */
  recorded?: string;
  /** The live side. */
  live?: string;
}

/**
 * `unchanged`, `added` (additions only: code that reads the recording still works), `breaking`
 * (something removed, retyped or reordered), `skipped` (not sent: see `reason`), `failed` (the
 * live request failed: see `reason`).
 */
export type DriftVerdict = 'unchanged' | 'added' | 'breaking' | 'skipped' | 'failed';

/** One interaction checked against the live API. */
export interface InteractionDrift {
  index: number;
  id: string;
  method: string;
  /** The recorded URL (secrets scrubbed, as stored). */
  url: string;
  /** Where the request went, when it went elsewhere (`--base-url`). */
  sentTo?: string;
  verdict: DriftVerdict;
  changes: DriftChange[];
  reason?: string;
  /** Re-recorded in the file (`--write`). */
  written?: boolean;
}

/** One cassette's drift. */
export interface CassetteDrift {
  file: string;
  interactions: InteractionDrift[];
}

/** A change is breaking unless it only adds. */
export function isBreaking(change: DriftChange): boolean {
  return change.kind !== 'added';
}
