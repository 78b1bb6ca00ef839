import { CassetteConfigurationError, isCassetteError } from './errors.js';

/**
 * A user hook (`redact`, `matcher`) that fails with a `CassetteConfigurationError` when it
 * throws. Left as it is, its error would reach an MSW client as a 500 and `OpenAIModel`'s SDK as
 * a connection error, both retried; a cassette error reaches the caller once, and `stop()`
 * reports it again.
 */
export function guardedHook<A extends unknown[], R>(
  option: 'redact' | 'matcher',
  hook: ((...args: A) => R) | undefined,
  cassette: { name: string; path: string; displayPath: string },
): ((...args: A) => R) | undefined {
  if (!hook) {
    return undefined;
  }
  return (...args: A): R => {
    try {
      return hook(...args);
    } catch (error) {
      if (isCassetteError(error)) {
        throw error;
      }
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new CassetteConfigurationError(
        `Cassette "${cassette.name}" (${cassette.displayPath}): the \`${option}\` hook threw ${reason}. ` +
          `A \`${option}\` hook must return a value for every input; fix it (its error is this error's \`cause\`).`,
        { cassettePath: cassette.path, option, cause: error },
      );
    }
  };
}
