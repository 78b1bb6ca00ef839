/**
 * Body field paths for `ignoreBodyFields`: `user`, `metadata.session_id`, `messages[0].content`,
 * `messages[*].name` (`[*]` is every element, `*` every key).
 */

/** One step of a path: an object key, an array index, or a wildcard. */
export type PathSegment = string | number | '*';

const SEGMENT = /\[(\d+|\*)\]|([^.[\]]+)/g;
const SHAPE = /^(?:[^.[\]]+|\[(?:\d+|\*)\])(?:\.[^.[\]]+|\[(?:\d+|\*)\])*$/;

/** The segments of `path`, or undefined when it is not a well-formed path. */
export function parseBodyPath(path: string): PathSegment[] | undefined {
  if (!SHAPE.test(path)) {
    return undefined;
  }
  return [...path.matchAll(SEGMENT)].map(([, index, key]) => {
    if (index === '*' || key === '*') {
      return '*';
    }
    return index === undefined ? (key as string) : Number(index);
  });
}

/** Deletes every field `segments` reaches in `value`, in place. */
export function deletePath(value: unknown, segments: readonly PathSegment[]): void {
  const [head, ...rest] = segments;
  if (head === undefined || typeof value !== 'object' || value === null) {
    return;
  }
  // An index only reaches into arrays and a key only into objects.
  if (head !== '*' && Array.isArray(value) !== (typeof head === 'number')) {
    return;
  }
  const keys = head === '*' ? Object.keys(value) : [String(head)];
  for (const key of keys) {
    if (rest.length === 0) {
      if (Array.isArray(value)) {
        // Keep indices stable for the remaining elements: blank the element, do not splice.
        value[Number(key)] = null;
      } else {
        delete (value as Record<string, unknown>)[key];
      }
    } else {
      deletePath((value as Record<string, unknown>)[key], rest);
    }
  }
}
