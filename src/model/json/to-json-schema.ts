import type { toJSONSchema as zodToJSONSchema } from 'zod/v4/core';
import { isZodLike } from '../../internal/schema-validator.js';
import { ModelConfigurationError } from '../errors.js';
import type { JSONSchema, JsonSchemaInput } from '../types.js';
import { isRecord } from './schema-nodes.js';

/** Marks, in a converted zod schema, a node zod cannot express in JSON Schema (its value: the zod type). */
export const UNREPRESENTABLE_KEY = 'x-spark-unrepresentable';

/** zod's JSON Schema converter (`toJSONSchema` of `zod/v4/core`, which `z.toJSONSchema` is). */
export type ZodConverter = typeof zodToJSONSchema;

let loaded: ZodConverter | undefined;

/** zod's converter when it was loaded already (`loadZodConverter`), else undefined. */
export function loadedZodConverter(): ZodConverter | undefined {
  return loaded;
}

/**
 * Imports zod's converter, once. A zod schema means the caller has zod loaded already; anyone
 * else never pays for importing zod (much of the cost of importing `OpenAIModel`).
 */
export async function loadZodConverter(): Promise<ZodConverter> {
  loaded ??= (await import('zod/v4/core')).toJSONSchema;
  return loaded;
}

/**
 * The JSON Schema to send for a JSON Schema or zod 4 schema. A zod schema is converted on its
 * input side: the model writes what `safeParse` reads, and transforms, defaults and coercions
 * then turn it into the output `parsed` holds. A zod type JSON Schema cannot express (a map, a
 * date, a custom check, ...) is marked with `UNREPRESENTABLE_KEY`, so that strict mode can name
 * its path and non-strict mode can send it as "any value".
 */
export function toJSONSchema(schema: JsonSchemaInput, convert: ZodConverter | undefined): JSONSchema {
  if (!isZodLike(schema)) {
    return schema;
  }
  if (!('_zod' in schema)) {
    throw new ModelConfigurationError(
      'Invalid `jsonSchema`: only zod 4 schemas can be converted to JSON Schema. Upgrade zod, or pass a JSON Schema object.',
      { option: 'jsonSchema' },
    );
  }
  if (!convert) {
    throw new Error('spark-models: a zod schema was converted before zod was loaded (`loadZodConverter`).');
  }
  const converted = convert(schema as unknown as Parameters<ZodConverter>[0], {
    io: 'input',
    unrepresentable: ({ zodSchema }) => ({ [UNREPRESENTABLE_KEY]: zodSchema._zod.def.type }),
  }) as JSONSchema;
  const { $schema: _dropped, ...json } = converted;
  return json;
}

/** The schema with every unrepresentable marker replaced by "any value" (`{}`), for a non-strict request. */
export function withoutMarkers(node: unknown): unknown {
  if (Array.isArray(node)) {
    return node.map(withoutMarkers);
  }
  if (!isRecord(node)) {
    return node;
  }
  if (UNREPRESENTABLE_KEY in node) {
    return {};
  }
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, withoutMarkers(value)]));
}
