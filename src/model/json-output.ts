import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import { ModelConfigurationError, ModelResponseError } from './errors.js';
import { dropAddedNulls } from './strict-schema.js';
import type { JSONSchema, JsonSchemaInput, ZodLike } from './types.js';

const ajv = new Ajv({ allErrors: true, strict: false });
// Compiling a schema costs far more than validating with it: compile each schema object once.
const compiled = new WeakMap<object, ValidateFunction>();

/** True for a zod schema (anything with `safeParse`). */
export function isZodSchema(schema: JsonSchemaInput): schema is ZodLike {
  return typeof (schema as ZodLike).safeParse === 'function';
}

/** The JSON Schema to send for a JSON Schema or zod 4 schema. */
export function toJSONSchema(schema: JsonSchemaInput): JSONSchema {
  if (!isZodSchema(schema)) {
    return schema;
  }
  if (!('_zod' in schema)) {
    throw new ModelConfigurationError(
      'Invalid `jsonSchema`: only zod 4 schemas can be converted to JSON Schema. Upgrade zod, or pass a JSON Schema object.',
      { option: 'jsonSchema' },
    );
  }
  const { $schema: _drop, ...json } = z.toJSONSchema(schema as unknown as z.ZodType, { io: 'output' }) as JSONSchema;
  return json;
}

/**
 * Parses the model's JSON text and checks it against the schema the user gave, so that a provider
 * that ignores `response_format` cannot hand back a non-matching object unnoticed.
 */
export function parseAndValidate(text: string, schema: JsonSchemaInput | undefined, sentSchema: JSONSchema | undefined): unknown {
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
  if (sentSchema) {
    value = dropAddedNulls(value, sentSchema);
  }
  if (isZodSchema(schema)) {
    const result = schema.safeParse(value);
    if (!result.success) {
      const issues = (result.error as { issues?: { path: PropertyKey[]; message: string }[] })?.issues ?? [];
      throw mismatch(text, issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`));
    }
    return result.data;
  }
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (!validate(value)) {
    throw mismatch(text, (validate.errors ?? []).map((e) => `${e.instancePath || '(root)'}: ${e.message ?? 'is invalid'}`));
  }
  return value;
}

function mismatch(text: string, problems: string[]): ModelResponseError {
  return new ModelResponseError(
    `The model's JSON does not match \`jsonSchema\`: ${problems.join('; ')}. Reply: ${excerpt(text)}. ` +
      'Retry the call; if the provider ignores structured outputs, describe the fields in the prompt too.',
  );
}

function formatPath(path: PropertyKey[]): string {
  return path.length === 0 ? '(root)' : `/${path.map(String).join('/')}`;
}

function excerpt(text: string): string {
  return JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
}
