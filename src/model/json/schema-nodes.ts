import type { JSONSchema } from '../types.js';

/** True for a plain object (a schema node or a JSON object value). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** True for a node that describes an object: `type: "object"` (alone or in a list) or `properties`. */
export function isObjectSchema(node: JSONSchema): boolean {
  const type = node['type'];
  return (
    type === 'object' ||
    (Array.isArray(type) && type.includes('object')) ||
    (type === undefined && isRecord(node['properties']))
  );
}

/** True when the node accepts `null` (its type, its enum, or one of its `anyOf`/`oneOf` branches). */
export function allowsNull(node: JSONSchema, root?: JSONSchema): boolean {
  const resolved = root ? resolveRef(node, root) : node;
  const type = resolved['type'];
  const enumValues = resolved['enum'];
  const branches = [resolved['anyOf'], resolved['oneOf']].flatMap((list) => (Array.isArray(list) ? list : []));
  return (
    type === 'null' ||
    (Array.isArray(type) && type.includes('null')) ||
    resolved['const'] === null ||
    (Array.isArray(enumValues) && enumValues.includes(null)) ||
    branches.some((branch) => isRecord(branch) && allowsNull(branch, root))
  );
}

/** Follows a local `$ref` (`#/$defs/Name`, `#/definitions/Name`, `#`) within `root`; other nodes as they are. */
export function resolveRef(node: JSONSchema, root: JSONSchema, seen: Set<string> = new Set()): JSONSchema {
  const ref = node['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#') || seen.has(ref)) {
    return node;
  }
  seen.add(ref);
  let target: unknown = root;
  for (const part of ref.slice(1).split('/').filter(Boolean)) {
    target = isRecord(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isRecord(target) ? resolveRef(target, root, seen) : node;
}

/** The properties of an object node and which of them are required. */
export function objectShape(node: JSONSchema): { properties: Record<string, JSONSchema>; required: Set<string> } {
  const properties = isRecord(node['properties']) ? (node['properties'] as Record<string, JSONSchema>) : {};
  const required = new Set(Array.isArray(node['required']) ? (node['required'] as string[]) : []);
  return { properties, required };
}

/**
 * The branch of an `anyOf`/`oneOf` node that describes `value` best: the first object branch
 * whose `const`/`enum` properties agree with the value and that declares all its keys, else the
 * first branch of the value's kind. The node itself when it has no branches.
 */
export function branchFor(value: unknown, node: JSONSchema, root: JSONSchema): JSONSchema {
  const resolved = resolveRef(node, root);
  const list = resolved['anyOf'] ?? resolved['oneOf'];
  if (!Array.isArray(list)) {
    return resolved;
  }
  const branches = list.filter(isRecord).map((branch) => resolveRef(branch, root));
  if (isRecord(value)) {
    const fits = (branch: JSONSchema): boolean => {
      const { properties } = objectShape(branch);
      return Object.entries(value).every(([key, item]) => {
        const property = properties[key] ? resolveRef(properties[key], root) : undefined;
        if (!property) {
          return false;
        }
        const values = property['enum'];
        return (
          (!('const' in property) || property['const'] === item) && (!Array.isArray(values) || values.includes(item))
        );
      });
    };
    const objects = branches.filter(isObjectSchema);
    return objects.find(fits) ?? objects[0] ?? resolved;
  }
  if (Array.isArray(value)) {
    return branches.find((branch) => branch['type'] === 'array' || 'items' in branch) ?? resolved;
  }
  return resolved;
}
