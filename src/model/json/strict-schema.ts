import { ModelConfigurationError } from '../errors.js';
import type { JSONSchema } from '../types.js';
import { UNREPRESENTABLE_KEY } from './to-json-schema.js';
import { allowsNull, isObjectSchema, isRecord, objectShape } from './schema-nodes.js';

/** Who a strict schema belongs to, for error messages: the schema's name and the way out. */
export interface StrictSubject {
  /** "`jsonSchema`", or "the `inputSchema` of tool \"get_weather\"". */
  name: string;
  /** The option that turns strict mode off: "`strict: false`" or "`strictTools: false`". */
  fallback: string;
  /** The option blamed on the error (`ModelConfigurationError.option`). */
  option: string;
}

/**
 * Keywords strict mode rejects that only constrain values: they are left out of the request and
 * still checked here, when the reply is validated against the schema as written.
 */
const LOCAL_ONLY: ReadonlySet<string> = new Set([
  '$schema',
  'default',
  'minLength',
  'maxLength',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'contains',
  'minContains',
  'maxContains',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentEncoding',
  'contentMediaType',
  'examples',
  'readOnly',
  'writeOnly',
  'deprecated',
]);

/** Keywords that change a schema's structure, which strict mode cannot express. */
const REFUSED: Record<string, string> = {
  allOf: 'combines schemas with `allOf`',
  not: 'excludes values with `not`',
  if: 'uses `if`/`then`/`else`',
  patternProperties: 'allows keys by pattern (`patternProperties`), a map',
  prefixItems: 'is a tuple (`prefixItems`)',
  dependentSchemas: 'uses `dependentSchemas`',
  dependentRequired: 'uses `dependentRequired`',
};

/** Keywords whose value is a map of names to schemas. */
const SCHEMA_MAPS: ReadonlySet<string> = new Set(['properties', '$defs', 'definitions']);

/**
 * Adapts a JSON Schema to OpenAI's strict structured outputs: every object lists all its
 * properties in `required` and sets `additionalProperties: false`; an optional property becomes
 * nullable (the model answers `null` where it would leave it out, and `dropAddedNulls` removes
 * those before validation); `oneOf` becomes `anyOf`; value-only constraints strict mode rejects
 * (`minLength`, `default`, ...) are left to local validation. A schema whose meaning strict mode
 * would change (maps, open objects, tuples, `allOf`, any-value nodes, a non-object root) throws
 * `ModelConfigurationError` naming the path, before any request.
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 */
export function toStrictSchema(schema: JSONSchema, subject: StrictSubject): JSONSchema {
  if (!isObjectSchema(schema) || 'anyOf' in schema || 'oneOf' in schema) {
    throw refuse(subject, [], 'is not an object schema, and strict mode needs `type: "object"` at the root');
  }
  return adapt(schema, [], subject) as JSONSchema;
}

function adapt(node: unknown, path: string[], subject: StrictSubject): unknown {
  if (!isRecord(node)) {
    throw refuse(subject, path, `is ${JSON.stringify(node)}, which strict mode cannot express (it needs a \`type\`)`);
  }
  const marker = node[UNREPRESENTABLE_KEY];
  if (typeof marker === 'string') {
    throw refuse(subject, path, `is a zod ${marker}, which has no JSON Schema form`);
  }
  const refused = Object.keys(node).find((key) => REFUSED[key] !== undefined);
  if (refused) {
    throw refuse(subject, path, REFUSED[refused] ?? refused);
  }
  if (!['type', 'anyOf', 'oneOf', '$ref', 'enum', 'const'].some((key) => key in node)) {
    throw refuse(subject, path, 'accepts any value, which strict mode cannot express (it needs a `type`)');
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (LOCAL_ONLY.has(key)) {
      continue;
    }
    if (SCHEMA_MAPS.has(key) && isRecord(value)) {
      const inner = key === 'properties' ? path : [...path, key];
      out[key] = mapValues(value, (item, name) => adapt(item, [...inner, name], subject));
    } else if ((key === 'anyOf' || key === 'oneOf') && Array.isArray(value)) {
      out['anyOf'] = value.map((branch) => adapt(branch, path, subject));
    } else if (key === 'items') {
      if (!isRecord(value)) {
        throw refuse(subject, path, 'is a tuple (`items` as a list), which strict mode cannot express');
      }
      out[key] = adapt(value, [...path, '[]'], subject);
    } else if (key !== 'additionalProperties') {
      out[key] = value;
    }
  }
  if (isArrayType(node) && !isRecord(node['items'])) {
    throw refuse(subject, path, 'is an array whose items have no schema (add `items`)');
  }
  return isObjectSchema(node) ? closeObject(node, out, path, subject) : out;
}

function closeObject(
  node: Record<string, unknown>,
  out: Record<string, unknown>,
  path: string[],
  subject: StrictSubject,
): Record<string, unknown> {
  const extra = node['additionalProperties'];
  if (isRecord(extra) && Object.keys(extra).length > 0) {
    throw refuse(subject, path, 'allows keys that are not listed (`additionalProperties` with a schema), a map');
  }
  if (!isRecord(node['properties']) && extra !== false) {
    throw refuse(subject, path, 'is an object with no listed `properties` (any keys), a map');
  }
  const { required } = objectShape(node);
  const properties = (out['properties'] ?? {}) as Record<string, unknown>;
  out['properties'] = mapValues(properties, (value, name) => (required.has(name) ? value : nullable(value)));
  out['required'] = Object.keys(properties);
  out['additionalProperties'] = false;
  return out;
}

function isArrayType(node: Record<string, unknown>): boolean {
  const type = node['type'];
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

/** The node, accepting `null` too: strict mode's stand-in for a property left out. */
function nullable(schema: unknown): unknown {
  const node = schema as JSONSchema;
  if (allowsNull(node)) {
    return node;
  }
  const type = node['type'];
  const values = node['enum'];
  if (typeof type === 'string' && !('const' in node)) {
    return {
      ...node,
      type: [type, 'null'],
      ...(Array.isArray(values) && !values.includes(null) ? { enum: [...values, null] } : {}),
    };
  }
  if (Array.isArray(type) && !('const' in node)) {
    return { ...node, type: [...type, 'null'], ...(Array.isArray(values) ? { enum: [...values, null] } : {}) };
  }
  if (Array.isArray(node['anyOf'])) {
    return { ...node, anyOf: [...(node['anyOf'] as JSONSchema[]), { type: 'null' }] };
  }
  return { anyOf: [node, { type: 'null' }] };
}

/** A data path as users read it: `tasks[].tags`, or "the root". */
export function formatSchemaPath(path: readonly string[]): string {
  if (path.length === 0) {
    return 'the root';
  }
  return `"${path.reduce((text, part) => (part === '[]' ? `${text}[]` : text ? `${text}.${part}` : part), '')}"`;
}

function refuse(subject: StrictSubject, path: string[], why: string): ModelConfigurationError {
  return new ModelConfigurationError(
    `Invalid ${subject.name} for strict mode: ${path.length === 0 ? 'the root' : `the schema at ${formatSchemaPath(path)}`} ${why}. ` +
      `Pass ${subject.fallback} to send the schema as written and validate the reply locally, or change the schema.`,
    { option: subject.option },
  );
}

function mapValues(
  value: Record<string, unknown>,
  fn: (item: unknown, key: string) => unknown,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fn(item, key)]));
}
