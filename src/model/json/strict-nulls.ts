import type { JSONSchema } from '../types.js';
import { allowsNull, branchFor, isObjectSchema, isRecord, objectShape } from './schema-nodes.js';

/**
 * Removes the `null`s strict mode puts where an optional property was left out (`toStrictSchema`
 * made it required and nullable), so the value can be checked against the schema as written. A
 * `null` stays where the user's own schema allows it. `schema` is the schema before the strict
 * rewrite; `$ref`s resolve within `root`.
 */
export function dropAddedNulls(value: unknown, schema: JSONSchema, root: JSONSchema = schema): unknown {
  const node = branchFor(value, schema, root);
  if (Array.isArray(value)) {
    const items = node['items'];
    return isRecord(items) ? value.map((item) => dropAddedNulls(item, items, root)) : value;
  }
  if (!isRecord(value) || !isObjectSchema(node)) {
    return value;
  }
  const { properties, required } = objectShape(node);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (item === null && property && !required.has(key) && !allowsNull(property, root)) {
      continue;
    }
    out[key] = property ? dropAddedNulls(item, property, root) : item;
  }
  return out;
}

/**
 * What strict mode makes of a value the model might have meant: every listed property present,
 * in the schema's order, with `null` for an optional one left out. `ScriptedModel` answers
 * with it, so a test sees the JSON text production sees.
 */
export function addStrictNulls(value: unknown, schema: JSONSchema, root: JSONSchema = schema): unknown {
  const node = branchFor(value, schema, root);
  if (Array.isArray(value)) {
    const items = node['items'];
    return isRecord(items) ? value.map((item) => addStrictNulls(item, items, root)) : value;
  }
  if (!isRecord(value) || !isObjectSchema(node)) {
    return value;
  }
  const { properties } = objectShape(node);
  const out: Record<string, unknown> = {};
  for (const [key, property] of Object.entries(properties)) {
    out[key] = value[key] === undefined ? null : addStrictNulls(value[key], property, root);
  }
  for (const [key, item] of Object.entries(value)) {
    if (!(key in properties)) {
      out[key] = item;
    }
  }
  return out;
}
