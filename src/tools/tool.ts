import type { $ZodType, input as ZodInput, output as ZodOutput } from 'zod/v4/core';
import { formatIssues } from '../internal/schema-validator.js';
import type { JSONSchema } from '../model/types.js';
import { defineToolSpec } from './define-tool-spec.js';
import { ToolDefinitionError, ToolInputError } from './errors.js';
import type { Tool, ToolOptions } from './types.js';

/**
 * Defines a tool the model can call, from a name, a description, an input schema (zod 4 or
 * JSON Schema) and an `execute` function. The definition is checked at once
 * (`ToolDefinitionError`); input is validated before every run (`ToolInputError`, naming the
 * tool and each failing path).
 *
 * @example
 * const getWeather = tool({
 *   name: 'get_weather',
 *   description: 'Get the current weather for a location.',
 *   inputSchema: z.object({ location: z.string(), unit: z.enum(['celsius', 'fahrenheit']).default('fahrenheit') }),
 *   execute: ({ location, unit }) => `Weather in ${location}: Sunny, 72°F (${unit})`,
 * });
 * await model.getText({ messages, toolSpecs: [getWeather.toolSpec] });
 * const toolMap = { [getWeather.toolName]: getWeather };
 * await toolMap[name]!(input); // or toolMap[name]!.execute(input)
 */
export function tool<S extends $ZodType, O>(
  options: Omit<ToolOptions<ZodOutput<S>, O>, 'inputSchema'> & { inputSchema: S },
): Tool<ZodInput<S>, Awaited<O>>;
export function tool<I extends Record<string, unknown> = Record<string, unknown>, O = unknown>(
  options: Omit<ToolOptions<I, O>, 'inputSchema'> & { inputSchema: JSONSchema },
): Tool<I, Awaited<O>>;
export function tool(options: ToolOptions<unknown, unknown>): Tool<unknown, unknown> {
  const { name, description, inputSchema, execute } = options ?? ({} as Partial<ToolOptions<unknown, unknown>>);
  const { toolSpec, validate } = defineToolSpec(name, description, inputSchema);
  if (typeof execute !== 'function') {
    throw new ToolDefinitionError(
      `Invalid tool "${name}": \`execute\` must be a function, got ${typeof execute}. Pass the function that runs the tool.`,
      name,
      'execute',
    );
  }
  const run = async (input: unknown): Promise<unknown> => {
    const check = validate(input);
    if (!check.ok) {
      throw new ToolInputError(
        `Invalid input for tool "${name}": ${formatIssues(check.issues)}. Call it with input that matches its \`inputSchema\`.`,
        name,
        check.issues,
        input,
      );
    }
    return execute(check.value);
  };
  // A named function, so stack traces show the tool; `name` of a function is configurable.
  Object.defineProperty(run, 'name', { value: name });
  return Object.assign(run, { toolName: name, toolSpec, execute: run });
}
