import type { JSONSchema } from './types.js';

/**
 * Adapts a JSON Schema to what OpenAI's strict structured outputs require: every object lists
 * all its properties in `required` and sets `additionalProperties: false`; a property that was
 * optional becomes nullable, so the model answers `null` where it would have left it out
 * (`dropAddedNulls` undoes that before validation).
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */
export function toStrictSchema(schema: JSONSchema): JSONSchema {
  return adapt(schema) as JSONSchema;
}

function adapt(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(adapt);
  }
  if (node === null || typeof node !== 'object') {
    return node;
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    // Strict mode rejects `default`; it has no effect on the answer anyway.
    if (key !== 'default') {
      out[key] = key === 'properties' ? mapValues(value, adapt) : adapt(value);
    }
  }
  if (isObjectSchema(out)) {
    const properties = (out['properties'] ?? {}) as Record<string, unknown>;
    const required = new Set((out['required'] as string[] | undefined) ?? []);
    out['properties'] = mapValues(properties, (value, name) => (required.has(name) ? value : nullable(value)));
    out['required'] = Object.keys(properties);
    out['additionalProperties'] = false;
  }
  return out;
}

/**
 * Removes the `null`s the model put into properties that `toStrictSchema` made nullable, so the
 * value can be checked against the user's original schema.
 */
export function dropAddedNulls(value: unknown, schema: JSONSchema): unknown {
  if (Array.isArray(value)) {
    const items = schema['items'];
    return items && typeof items === 'object' ? value.map((item) => dropAddedNulls(item, items as JSONSchema)) : value;
  }
  if (value === null || typeof value !== 'object' || !isObjectSchema(schema)) {
    return value;
  }
  const properties = (schema['properties'] ?? {}) as Record<string, JSONSchema>;
  const required = new Set((schema['required'] as string[] | undefined) ?? []);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const propSchema = properties[key];
    if (item === null && !required.has(key) && propSchema && !allowsNull(propSchema)) {
      continue;
    }
    out[key] = propSchema ? dropAddedNulls(item, propSchema) : item;
  }
  return out;
}

function isObjectSchema(node: Record<string, unknown>): boolean {
  return node['type'] === 'object' || (node['type'] === undefined && typeof node['properties'] === 'object');
}

function nullable(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || allowsNull(schema as JSONSchema)) {
    return schema;
  }
  const node = schema as JSONSchema;
  if (typeof node['type'] === 'string') {
    return { ...node, type: [node['type'], 'null'] };
  }
  return { anyOf: [node, { type: 'null' }] };
}

function allowsNull(schema: JSONSchema): boolean {
  const type = schema['type'];
  const anyOf = schema['anyOf'];
  return (
    type === 'null' ||
    (Array.isArray(type) && type.includes('null')) ||
    (Array.isArray(anyOf) && anyOf.some((s) => s && typeof s === 'object' && allowsNull(s as JSONSchema)))
  );
}

function mapValues(value: unknown, fn: (item: unknown, key: string) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, fn(v, k)]));
}
