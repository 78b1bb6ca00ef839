import type { ChatCompletionTool, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import { strictToolParameters } from '../json/strict-tools.js';
import { checkToolSpecs, resolveToolChoice } from '../tool-specs.js';
import type { ToolChoice, ToolSpec } from '../types.js';

/** Maps tool specs to chat completions `tools`; with `strict`, in strict function-calling mode. */
export function mapTools(specs: ToolSpec[] | undefined, strict: boolean = false): ChatCompletionTool[] | undefined {
  return checkToolSpecs(specs)?.map((spec) => {
    const { name, description } = spec;
    return {
      type: 'function',
      function: strict
        ? { name, description, parameters: strictToolParameters(spec), strict: true }
        : { name, description, parameters: spec.inputSchema.json },
    };
  });
}

/** Maps `{ auto: {} }`, `{ any: {} }`, `{ tool: { name } }` and `{ none: {} }` to `tool_choice`. */
export function mapToolChoice(
  choice: ToolChoice | undefined,
  specs: ToolSpec[] | undefined,
): ChatCompletionToolChoiceOption | undefined {
  const resolved = resolveToolChoice(choice, specs);
  return typeof resolved === 'object' ? { type: 'function', function: { name: resolved.name } } : resolved;
}
