import type { SecretMatcher } from '../internal/secret-forms.js';
import type { JsonValue, SseEvent } from './types.js';

/**
 * Secrets split across the events of a stream. A client joins the text of the deltas (each
 * `choices[i].delta.content`, each tool call's `arguments`, each Responses `delta`), so a key a
 * model echoes token by token is readable in the joined text though no event holds it whole.
 * Each place a client joins is a channel: the same field path in every event, told apart by
 * the event name and the indexes that say which choice, tool call or output item it belongs to.
 */

/** Where a piece of a channel sits: the event and the path into it (`['json', 'choices', 0, ...]`). */
export interface EventPiece {
  event: number;
  path: (string | number)[];
  text: string;
}

/** A secret that spans several events: the pieces it covers, first to last. */
export interface SplitSecret {
  pieces: EventPiece[];
}

// Fields of a Responses API event that say which output item a delta belongs to.
const ITEM_FIELDS = ['item_id', 'output_index', 'content_index', 'summary_index'];

/** The secrets of `matcher` found in the joined text of a channel and held by more than one event. */
export function findSplitSecrets(events: readonly SseEvent[], matcher: SecretMatcher): SplitSecret[] {
  const found: SplitSecret[] = [];
  for (const pieces of channels(events).values()) {
    if (pieces.length < 2) {
      continue;
    }
    const starts: number[] = [];
    let joined = '';
    for (const piece of pieces) {
      starts.push(joined.length);
      joined += piece.text;
    }
    for (const { start, end } of matcher.find(joined)) {
      const covered = pieces.filter((piece, i) => {
        const from = starts[i] as number;
        return from < end && from + piece.text.length > start && piece.text.length > 0;
      });
      if (covered.length > 1) {
        found.push({
          pieces: covered.map((piece) => ({ ...piece, text: sliceOf(piece, pieces, starts, start, end) })),
        });
      }
    }
  }
  return found;
}

/**
 * The events with every split secret removed: its first piece becomes `replacement` in place
 * of its part of the secret, the other pieces lose theirs, so the joined text reads
 * `replacement` where the secret was. Events that change are copies; the rest are the same objects.
 */
export function scrubSplitSecrets(events: SseEvent[], matcher: SecretMatcher, replacement: string): SseEvent[] {
  const split = findSplitSecrets(events, matcher);
  if (split.length === 0) {
    return events;
  }
  const result = [...events];
  // Edits by piece, applied from the end of each string so earlier offsets stay valid.
  const edits = new Map<string, { piece: EventPiece; cuts: { from: number; to: number; put: string }[] }>();
  for (const { pieces } of split) {
    pieces.forEach((piece, i) => {
      const key = `${piece.event}\u0000${piece.path.join('\u0000')}`;
      const entry = edits.get(key) ?? { piece, cuts: [] };
      const whole = readPath(events[piece.event] as SseEvent, piece.path);
      // The part of this piece the secret covers: its end (the first piece) or its start (the rest).
      const from = i === 0 ? whole.length - piece.text.length : 0;
      entry.cuts.push({ from, to: from + piece.text.length, put: i === 0 ? replacement : '' });
      edits.set(key, entry);
    });
  }
  for (const { piece, cuts } of edits.values()) {
    const copy = (result[piece.event] = structuredClone(result[piece.event] as SseEvent));
    let text = readPath(copy, piece.path);
    for (const cut of cuts.sort((a, b) => b.from - a.from)) {
      text = text.slice(0, cut.from) + cut.put + text.slice(cut.to);
    }
    writePath(copy, piece.path, text);
  }
  return result;
}

// The part of `piece` inside [start, end) of the joined text.
function sliceOf(piece: EventPiece, pieces: EventPiece[], starts: number[], start: number, end: number): string {
  const from = starts[pieces.indexOf(piece)] as number;
  return piece.text.slice(Math.max(0, start - from), Math.min(piece.text.length, end - from));
}

function channels(events: readonly SseEvent[]): Map<string, EventPiece[]> {
  const byChannel = new Map<string, EventPiece[]>();
  const add = (key: string, piece: EventPiece): void => {
    const list = byChannel.get(key);
    if (list) {
      list.push(piece);
    } else {
      byChannel.set(key, [piece]);
    }
  };
  events.forEach((event, index) => {
    const name = event.event ?? '';
    if (event.json !== undefined) {
      const json = event.json as Record<string, JsonValue>;
      const item =
        typeof json === 'object' && json !== null && !Array.isArray(json)
          ? ITEM_FIELDS.map((field) => `${field}=${String(json[field] ?? '')}`).join(',')
          : '';
      walk(event.json, ['json'], [], (path, channel, text) =>
        add(`${name}|${item}|${channel.join('.')}`, { event: index, path, text }),
      );
    } else if (event.data !== undefined) {
      add(`${name}|data`, { event: index, path: ['data'], text: event.data });
    }
  });
  return byChannel;
}

// String leaves, with their path and their channel path (array items by their own `index`).
function walk(
  value: JsonValue,
  path: (string | number)[],
  channel: (string | number)[],
  visit: (path: (string | number)[], channel: (string | number)[], text: string) => void,
): void {
  if (typeof value === 'string') {
    visit(path, channel, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      const own = typeof item === 'object' && item !== null && !Array.isArray(item) ? item['index'] : undefined;
      walk(item, [...path, i], [...channel, typeof own === 'number' ? `#${own}` : i], visit);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      walk(item, [...path, key], [...channel, key], visit);
    }
  }
}

function readPath(event: SseEvent, path: readonly (string | number)[]): string {
  let at: unknown = event;
  for (const segment of path) {
    at = (at as Record<string | number, unknown>)[segment];
  }
  return at as string;
}

function writePath(event: SseEvent, path: readonly (string | number)[], text: string): void {
  let at: unknown = event;
  for (const segment of path.slice(0, -1)) {
    at = (at as Record<string | number, unknown>)[segment];
  }
  (at as Record<string | number, unknown>)[path.at(-1) as string | number] = text;
}
