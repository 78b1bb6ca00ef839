import { createSchemaValidator, formatIssues } from '../../internal/schema-validator.js';
import { ModelResponseError } from '../errors.js';
import type { JSONSchema, JsonSchemaInput } from '../types.js';
import { dropAddedNulls } from './strict-nulls.js';

/**
 * Parses the model's JSON text and checks it against the schema the user gave, so that a provider
 * that ignores the requested format cannot hand back a non-matching object unnoticed. With
 * `strictSource` (the schema as sent before the strict rewrite), the nulls strict mode put into
 * optional properties are removed first. Returns the validated value (zod: its parsed output).
 */
export function parseAndValidate(
  text: string,
  schema: JsonSchemaInput | undefined,
  strictSource: JSONSchema | undefined,
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
  const check = createSchemaValidator(schema, 'reply')(strictSource ? dropAddedNulls(value, strictSource) : value);
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
