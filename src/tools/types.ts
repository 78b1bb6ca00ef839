import type { $ZodType } from 'zod/v4/core';
import type { JSONSchema, ToolSpec } from '../model/types.js';

/** A tool's input schema: a JSON Schema object (`type: "object"`) or a zod 4 schema. */
export type ToolInputSchema = JSONSchema | $ZodType;

/** What `tool()` takes. */
export interface ToolOptions<I, O> {
  /** The name the model calls the tool by; must match `^[a-zA-Z0-9_-]{1,64}$`. */
  name: string;
  /** What the tool does and when to use it; the model reads this. */
  description: string;
  /** The shape of the input: JSON Schema (checked with ajv) or zod (checked with `safeParse`). */
  inputSchema: ToolInputSchema;
  /** Runs the tool on validated input (for zod, the parsed output, defaults applied). */
  execute: (input: I) => O | Promise<O>;
}

/**
 * A tool made by `tool()`. Call it like a function (`await getWeather(input)`) or through
 * `execute` (`await getWeather.execute(input)`): both validate the input first and return a
 * promise. The call form makes the reference's `await tool_map[tool_name](**tool_input)`
 * read the same in TypeScript: `await toolMap[name](input)`.
 */
export interface Tool<I = Record<string, unknown>, O = unknown> {
  (input: I): Promise<O>;
  /** The tool's name, as the model sees it. */
  readonly toolName: string;
  /** `{ name, description, inputSchema: { json } }`, ready for `getText({ toolSpecs })`. */
  readonly toolSpec: ToolSpec;
  /** Validates `input`, then runs the tool; throws `ToolInputError` on invalid input. */
  execute(input: I): Promise<O>;
}

/** The part of a tool that `Agent` uses; a `Tool` from `tool()` has it, a hand-written object may too. */
export interface ToolLike {
  readonly toolName: string;
  readonly toolSpec: ToolSpec;
  execute(input: Record<string, unknown>): unknown;
}
