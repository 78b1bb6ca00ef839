import { toJSONSchema, type $ZodType } from 'zod/v4/core';
import { createSchemaValidator, isZodLike, type SchemaValidator } from '../internal/schema-validator.js';
import type { JSONSchema, ToolSpec } from '../model/types.js';
import { ToolDefinitionError } from './errors.js';
import type { ToolInputSchema } from './types.js';

/** The tool-name rule of the OpenAI API (and of Bedrock-style tool specs). */
export const TOOL_NAME_PATTERN: RegExp = /^[a-zA-Z0-9_-]{1,64}$/;

/** What `tool()` derives from a definition: the spec the model sees and the input check. */
export interface CheckedDefinition {
  toolSpec: ToolSpec;
  validate: SchemaValidator;
}

function fail(name: string, option: string, message: string, cause?: unknown): never {
  throw new ToolDefinitionError(message, name, option, cause === undefined ? undefined : { cause });
}

function toJson(name: string, schema: $ZodType): JSONSchema {
  if (!('_zod' in schema)) {
    fail(
      name,
      'inputSchema',
      `Invalid tool "${name}": \`inputSchema\` is a zod schema older than zod 4, which cannot be converted to JSON Schema. Use zod 4 (\`import { z } from "zod"\`) or pass a JSON Schema object.`,
    );
  }
  try {
    // `io: "input"` describes what the caller sends (defaults stay optional); draft-07 is the
    // dialect OpenAI documents for function parameters.
    const { $schema: _dialect, ...json } = toJSONSchema(schema, { target: 'draft-07', io: 'input' }) as JSONSchema;
    return json;
  } catch (error) {
    return fail(
      name,
      'inputSchema',
      `Invalid tool "${name}": its zod \`inputSchema\` has no JSON Schema form (${(error as Error).message}). Use types JSON Schema can express, or pass a JSON Schema object.`,
      error,
    );
  }
}

/** Checks a `tool()` definition and builds its spec and validator, or throws `ToolDefinitionError`. */
export function defineToolSpec(
  name: unknown,
  description: unknown,
  inputSchema: ToolInputSchema | undefined,
): CheckedDefinition {
  if (typeof name !== 'string' || !TOOL_NAME_PATTERN.test(name)) {
    fail(
      String(name),
      'name',
      `Invalid tool name ${JSON.stringify(name) ?? 'undefined'}: \`name\` must match ${TOOL_NAME_PATTERN.source} (letters, digits, "_" and "-", 1 to 64 characters). Rename it, for example "get_weather".`,
    );
  }
  if (typeof description !== 'string' || description.trim() === '') {
    fail(
      name,
      'description',
      `Invalid tool "${name}": \`description\` is missing or empty. Describe what the tool does and when to use it; the model chooses tools by their description.`,
    );
  }
  if (typeof inputSchema !== 'object' || inputSchema === null || Array.isArray(inputSchema)) {
    fail(
      name,
      'inputSchema',
      `Invalid tool "${name}": \`inputSchema\` must be a JSON Schema object or a zod schema, got ${inputSchema === null ? 'null' : typeof inputSchema}. Pass, for example, { type: "object", properties: {} }.`,
    );
  }
  const json = isZodLike(inputSchema) ? toJson(name, inputSchema as $ZodType) : (inputSchema as JSONSchema);
  if (json['type'] !== 'object') {
    fail(
      name,
      'inputSchema',
      `Invalid tool "${name}": \`inputSchema\` must describe an object (type "object"), got type ${JSON.stringify(json['type']) ?? 'undefined'}. Tool input is always an object of named arguments: wrap other values in a property.`,
    );
  }
  let validate: SchemaValidator;
  try {
    validate = createSchemaValidator(isZodLike(inputSchema) ? inputSchema : json);
  } catch (error) {
    return fail(
      name,
      'inputSchema',
      `Invalid tool "${name}": \`inputSchema\` is not a valid JSON Schema (${(error as Error).message}). Fix the schema.`,
      error,
    );
  }
  return { toolSpec: { name, description, inputSchema: { json } }, validate };
}
