import type { ChatCompletionTool, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import { ModelConfigurationError } from '../errors.js';
import { strictToolParameters } from '../json/strict-tools.js';
import type { ToolChoice, ToolSpec } from '../types.js';

/** Maps tool specs to chat completions `tools`; with `strict`, in strict function-calling mode. */
export function mapTools(specs: ToolSpec[] | undefined, strict: boolean = false): ChatCompletionTool[] | undefined {
  if (specs === undefined || specs.length === 0) {
    return undefined;
  }
  return specs.map((spec, index) => {
    if (!spec || typeof spec.name !== 'string' || !spec.inputSchema || typeof spec.inputSchema.json !== 'object') {
      throw new ModelConfigurationError(
        `Invalid \`toolSpecs[${index}]\`: expected { name, description, inputSchema: { json: JSONSchema } }. ` +
          'Build tool specs with `tool()` and pass `myTool.toolSpec`.',
        { option: 'toolSpecs' },
      );
    }
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
  if (choice === undefined) {
    return undefined;
  }
  const hasTools = specs !== undefined && specs.length > 0;
  if ('none' in choice) {
    return hasTools ? 'none' : undefined;
  }
  if (!hasTools) {
    throw new ModelConfigurationError(
      'Invalid `toolChoice`: it asks for a tool but no `toolSpecs` were given. Pass the tools in `toolSpecs`.',
      { option: 'toolChoice' },
    );
  }
  if ('auto' in choice) {
    return 'auto';
  }
  if ('any' in choice) {
    return 'required';
  }
  if ('tool' in choice && specs.some((spec) => spec.name === choice.tool.name)) {
    return { type: 'function', function: { name: choice.tool.name } };
  }
  const name = 'tool' in choice ? choice.tool?.name : undefined;
  throw new ModelConfigurationError(
    `Invalid \`toolChoice\`: ${name === undefined ? 'expected { auto: {} }, { any: {} }, { tool: { name } } or { none: {} }' : `no tool named "${name}" is in \`toolSpecs\``}. ` +
      `Offered tools: ${specs.map((spec) => `"${spec.name}"`).join(', ')}.`,
    { option: 'toolChoice' },
  );
}
