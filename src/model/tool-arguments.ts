import { ModelResponseError } from './errors.js';

/** Parses a tool call's JSON arguments; a malformed string gives an error that quotes it. */
export function parseToolArguments(name: string, args: string): Record<string, unknown> {
  if (args === undefined || args.trim() === '') {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(args);
  } catch (error) {
    throw new ModelResponseError(
      `The model called tool "${name}" with arguments that are not valid JSON: ${quote(args)} ` +
        `(${(error as Error).message}). Retry the call, or lower \`temperature\`.`,
      { cause: error },
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ModelResponseError(
      `The model called tool "${name}" with arguments that are not a JSON object: ${quote(args)}. Retry the call.`,
    );
  }
  return parsed as Record<string, unknown>;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}
