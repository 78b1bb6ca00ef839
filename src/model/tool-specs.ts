import { ModelConfigurationError } from './errors.js';
import type { ToolChoice, ToolSpec } from './types.js';

/** A `toolChoice` resolved against the tools offered, whatever the wire format. */
export type ResolvedToolChoice = 'auto' | 'required' | 'none' | { name: string };

/** The tools of a call, each checked to be a `ToolSpec`; undefined when none are offered. */
export function checkToolSpecs(specs: ToolSpec[] | undefined): ToolSpec[] | undefined {
  if (specs === undefined || specs.length === 0) {
    return undefined;
  }
  specs.forEach((spec, index) => {
    if (!spec || typeof spec.name !== 'string' || !spec.inputSchema || typeof spec.inputSchema.json !== 'object') {
      throw new ModelConfigurationError(
        `Invalid \`toolSpecs[${index}]\`: expected { name, description, inputSchema: { json: JSONSchema } }. ` +
          'Build tool specs with `tool()` and pass `myTool.toolSpec`.',
        { option: 'toolSpecs' },
      );
    }
  });
  return specs;
}

/**
 * Resolves `{ auto: {} }`, `{ any: {} }`, `{ tool: { name } }` and `{ none: {} }` against the
 * tools offered: `none` without tools is nothing to send; asking for a tool that is not offered
 * (or for any tool when none are) is refused before any request.
 */
export function resolveToolChoice(
  choice: ToolChoice | undefined,
  specs: ToolSpec[] | undefined,
): ResolvedToolChoice | undefined {
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
    return { name: choice.tool.name };
  }
  const name = 'tool' in choice ? choice.tool?.name : undefined;
  throw new ModelConfigurationError(
    `Invalid \`toolChoice\`: ${name === undefined ? 'expected { auto: {} }, { any: {} }, { tool: { name } } or { none: {} }' : `no tool named "${name}" is in \`toolSpecs\``}. ` +
      `Offered tools: ${specs.map((spec) => `"${spec.name}"`).join(', ')}.`,
    { option: 'toolChoice' },
  );
}
