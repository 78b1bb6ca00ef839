import { z } from 'zod';
import { createSchemaValidator, formatIssues, isZodLike } from '../internal/schema-validator.js';
import { ModelConfigurationError, ModelResponseError } from './errors.js';
import { dropAddedNulls } from './strict-schema.js';
import type { JSONSchema, JsonSchemaInput } from './types.js';

/** The JSON Schema to send for a JSON Schema or zod 4 schema. */
export function toJSONSchema(schema: JsonSchemaInput): JSONSchema {
  if (!isZodLike(schema)) {
    return schema;
  }
  if (!('_zod' in schema)) {
    throw new ModelConfigurationError(
      'Invalid `jsonSchema`: only zod 4 schemas can be converted to JSON Schema. Upgrade zod, or pass a JSON Schema object.',
      { option: 'jsonSchema' },
    );
  }
  // The reply is the schema's output, so convert its output side (transforms, defaults).
  const { $schema: _drop, ...json } = z.toJSONSchema(schema as unknown as z.ZodType, { io: 'output' }) as JSONSchema;
  return json;
}

/**
 * Parses the model's JSON text and checks it against the schema the user gave, so that a provider
 * that ignores `response_format` cannot hand back a non-matching object unnoticed.
 */
export function parseAndValidate(
  text: string,
  schema: JsonSchemaInput | undefined,
  sentSchema: JSONSchema | undefined,
): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ModelResponseError(
      `The model's reply is not valid JSON: ${excerpt(text)}. Retry the call, or give a \`jsonSchema\` so the provider enforces the shape.`,
      { cause: error },
    );
  }
  if (schema === undefined) {
    return value;
  }
  const check = createSchemaValidator(schema, 'reply')(sentSchema ? dropAddedNulls(value, sentSchema) : value);
  if (!check.ok) {
    throw new ModelResponseError(
      `The model's JSON does not match \`jsonSchema\`: ${formatIssues(check.issues)}. Reply: ${excerpt(text)}. ` +
        'Retry the call; if the provider ignores structured outputs, describe the fields in the prompt too.',
    );
  }
  return check.value;
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
}
