import { ModelConfigurationError } from './errors.js';

/**
 * Builds the error for an option outside its allowed range, in the house form:
 * Invalid `temperature`: must be between 0 and 2, got "3". Set `temperature` to a value in range.
 */
export function configError(option: string, allowed: string, received: unknown): ModelConfigurationError {
  return new ModelConfigurationError(
    `Invalid \`${option}\`: ${allowed}, got ${describe(received)}. Set \`${option}\` to a value in range, ` +
      `in the \`OpenAIModel\` options, in \`updateConfig()\` or per call.`,
    { option },
  );
}

/** Suggests the option the user probably meant (snake_case spellings, near misses). */
export function suggestOption(name: string, known: ReadonlySet<string>): string {
  const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const aliases: Record<string, string> = { stop: 'stopSequences', baseURL: 'baseUrl', model: 'modelId' };
  const guess = known.has(camel) ? camel : aliases[name];
  const known_ = [...known].map((o) => `\`${o}\``).join(', ');
  return guess
    ? `Did you mean \`${guess}\`? Provider-specific request fields go in \`extraParams\`.`
    : `Known options: ${known_}. Provider-specific request fields go in \`extraParams\`.`;
}

function describe(value: unknown): string {
  if (typeof value === 'string') {
    return `"${value}"`;
  }
  try {
    return `"${JSON.stringify(value)}"`;
  } catch {
    return `"${String(value)}"`;
  }
}
