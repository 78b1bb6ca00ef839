import type { FunctionTool, ToolChoiceFunction, ToolChoiceOptions } from 'openai/resources/responses/responses';
import { strictToolParameters } from '../json/strict-tools.js';
import { checkToolSpecs, resolveToolChoice } from '../tool-specs.js';
import type { ToolChoice, ToolSpec } from '../types.js';

/**
 * Maps tool specs to Responses API function tools. `strict` is always sent: the Responses API
 * makes a function strict when it is left out, which would reject most hand-written schemas.
 */
export function mapTools(specs: ToolSpec[] | undefined, strict: boolean = false): FunctionTool[] | undefined {
  return checkToolSpecs(specs)?.map((spec) => ({
    type: 'function',
    name: spec.name,
    description: spec.description,
    parameters: strict ? strictToolParameters(spec) : spec.inputSchema.json,
    strict,
  }));
}

/** Maps `toolChoice` to the Responses API's `tool_choice` (a function is named at the top level). */
export function mapToolChoice(
  choice: ToolChoice | undefined,
  specs: ToolSpec[] | undefined,
): ToolChoiceOptions | ToolChoiceFunction | undefined {
  const resolved = resolveToolChoice(choice, specs);
  return typeof resolved === 'object' ? { type: 'function', name: resolved.name } : resolved;
}
