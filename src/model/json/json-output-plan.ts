import { ModelConfigurationError } from '../errors.js';
import type { GetJsonRequest, JSONSchema, JsonSchemaInput } from '../types.js';
import { toStrictSchema } from './strict-schema.js';
import { toJSONSchema, withoutMarkers, type ZodConverter } from './to-json-schema.js';

/** What a `getJson` call asks of the provider, whatever the wire format. */
export interface JsonOutputPlan {
  /** What the reply is validated against: the schema as the user wrote it (JSON Schema or zod). */
  schema: JsonSchemaInput | undefined;
  /** The schema to send, with its name and mode; undefined for JSON mode (no schema). */
  format: { name: string; schema: JSONSchema; strict: boolean } | undefined;
  /** The JSON Schema before the strict rewrite, to remove the nulls strict mode adds; strict mode only. */
  strictSource: JSONSchema | undefined;
}

const SCHEMA_NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Decides how a `getJson` call asks for JSON: JSON mode without a schema; with one, the schema in
 * strict mode (rewritten by `toStrictSchema`, which refuses what it cannot express) or, with
 * `strict: false`, as written. Throws `ModelConfigurationError` before any request. A zod schema
 * needs zod's converter (`loadZodConverter`).
 */
export function planJsonOutput(
  request: Pick<GetJsonRequest, 'jsonSchema' | 'schemaName' | 'strict'>,
  convert?: ZodConverter,
): JsonOutputPlan {
  const { jsonSchema, schemaName = 'response', strict = true } = request;
  if (typeof strict !== 'boolean') {
    throw new ModelConfigurationError(
      `Invalid \`strict\`: must be true or false, got ${JSON.stringify(strict)}. Pass \`strict: false\` to send the schema as written.`,
      { option: 'strict' },
    );
  }
  if (typeof schemaName !== 'string' || !SCHEMA_NAME.test(schemaName)) {
    throw new ModelConfigurationError(
      `Invalid \`schemaName\`: must be 1 to 64 letters, digits, "_" or "-", got ${JSON.stringify(schemaName)}. Set \`schemaName\` to a name such as "CityAnswer".`,
      { option: 'schemaName' },
    );
  }
  if (jsonSchema === undefined) {
    return { schema: undefined, format: undefined, strictSource: undefined };
  }
  if (jsonSchema === null || typeof jsonSchema !== 'object') {
    throw new ModelConfigurationError(
      `Invalid \`jsonSchema\`: expected a JSON Schema object or a zod schema, got ${JSON.stringify(jsonSchema)}.`,
      { option: 'jsonSchema' },
    );
  }
  const converted = toJSONSchema(jsonSchema, convert);
  if (!strict) {
    return {
      schema: jsonSchema,
      format: { name: schemaName, schema: withoutMarkers(converted) as JSONSchema, strict: false },
      strictSource: undefined,
    };
  }
  const sent = toStrictSchema(converted, { name: '`jsonSchema`', fallback: '`strict: false`', option: 'jsonSchema' });
  return { schema: jsonSchema, format: { name: schemaName, schema: sent, strict: true }, strictSource: converted };
}
