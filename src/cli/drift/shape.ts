import type { DriftChange } from './types.js';

/** Every key path of a JSON value with the types found there; array items share `[]`. */
export type Shape = Map<string, Set<string>>;

/** The shape of a value, paths under `root`: `body.choices[].message.content -> {string}`. */
export function shapeOf(value: unknown, root: string, into: Shape = new Map()): Shape {
  const add = (path: string, type: string): void => {
    const types = into.get(path) ?? new Set<string>();
    types.add(type);
    into.set(path, types);
  };
  const walk = (item: unknown, path: string): void => {
    if (Array.isArray(item)) {
      add(path, 'array');
      item.forEach((element) => walk(element, `${path}[]`));
    } else if (item !== null && typeof item === 'object') {
      add(path, 'object');
      for (const [key, child] of Object.entries(item)) {
        walk(child, `${path}.${key}`);
      }
    } else {
      add(path, item === null ? 'null' : typeof item);
    }
  };
  walk(value, root);
  return into;
}

/**
 * Where two shapes differ. Null is not a type of its own here: a field that is null in one
 * answer and a string in the other varies by value, not by schema. Paths under a value that is
 * null or an empty list on the other side are not reported either, for the same reason.
 */
export function compareShapes(recorded: Shape, live: Shape): DriftChange[] {
  const changes: DriftChange[] = [];
  const typesOf = (shape: Shape, path: string): string[] =>
    [...(shape.get(path) ?? [])].filter((type) => type !== 'null').sort();
  for (const path of new Set([...recorded.keys(), ...live.keys()])) {
    const before = recorded.get(path);
    const after = live.get(path);
    if (!after || !before) {
      const other = after ? recorded : live;
      if (!isUnderEmptyValue(path, other)) {
        changes.push({
          kind: after ? 'added' : 'removed',
          path,
          ...(after ? { live: list(typesOf(live, path)) } : { recorded: list(typesOf(recorded, path)) }),
        });
      }
      continue;
    }
    const [was, is] = [typesOf(recorded, path), typesOf(live, path)];
    if (was.length > 0 && is.length > 0 && list(was) !== list(is)) {
      changes.push({ kind: 'retyped', path, recorded: list(was), live: list(is) });
    }
  }
  return changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

// True when the nearest ancestor `shape` has of `path` is only null, or a list with no items.
function isUnderEmptyValue(path: string, shape: Shape): boolean {
  for (let parent = parentOf(path); parent !== undefined; parent = parentOf(parent)) {
    const types = shape.get(parent);
    if (types) {
      const kept = [...types].filter((type) => type !== 'null');
      return kept.length === 0 || (kept.length === 1 && kept[0] === 'array' && !shape.has(`${parent}[]`));
    }
  }
  return false;
}

function parentOf(path: string): string | undefined {
  if (path.endsWith('[]')) {
    return path.slice(0, -2);
  }
  const dot = path.lastIndexOf('.');
  return dot > 0 ? path.slice(0, dot) : undefined;
}

function list(types: readonly string[]): string {
  return types.length === 0 ? 'null' : types.join(' | ');
}
