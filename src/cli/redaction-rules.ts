import { KEY_ENV_VARS, REDACTED, REDACTED_HEADERS } from '../cassette/defaults.js';
import type { RedactHook } from '../cassette/redact.js';
import { environmentSecrets } from '../cassette/secrets.js';
import { scrubSecretShapes, type NamedSecret } from './secret-shapes.js';

/**
 * The redaction rules `verify` checks and `redact` applies: the library defaults
 * (`REDACTED_HEADERS`, the key in `OPENAI_API_KEY`) plus the project's extra ones. Cassette
 * options live in test code, out of the CLI's reach, so extra rules come as flags that mirror
 * them: `--header <name>` and `--pattern <regex>`.
 */
export interface RedactionRules {
  /** Headers whose value must be exactly `REDACTED`: the defaults and `extraHeaders`. */
  headers: ReadonlySet<string>;
  /** Headers from `--header`, beyond the defaults. */
  extraHeaders: ReadonlySet<string>;
  /** Patterns from `--pattern`: every match is a secret. */
  patterns: readonly RegExp[];
  /** Secret values from the environment (set and 8 characters or longer). */
  knownSecrets: readonly string[];
  /** The same values, each named after its variable, for messages. */
  namedSecrets: readonly NamedSecret[];
}

/** Rules from the flags; throws a message naming the flag when a pattern is not a valid regex. */
export function redactionRules(
  flags: { header?: readonly string[]; pattern?: readonly string[] },
  env: NodeJS.ProcessEnv,
): RedactionRules {
  const extraHeaders = new Set(
    (flags.header ?? []).map((name) => name.trim().toLowerCase()).filter((name) => name !== ''),
  );
  const patterns = (flags.pattern ?? []).map((source) => {
    try {
      return new RegExp(source, 'g');
    } catch (error) {
      throw new Error(
        `option "--pattern" has an invalid regular expression ${JSON.stringify(source)}: ${(error as Error).message}`,
      );
    }
  });
  return {
    headers: new Set([...REDACTED_HEADERS, ...extraHeaders]),
    extraHeaders,
    patterns,
    knownSecrets: environmentSecrets(KEY_ENV_VARS, env),
    namedSecrets: KEY_ENV_VARS.flatMap((name) =>
      environmentSecrets([name], env).map((value) => ({
        value,
        label: name === 'OPENAI_API_KEY' ? 'the key in OPENAI_API_KEY' : `the value of ${name}`,
      })),
    ),
  };
}

/**
 * The `RedactHook` for the extra rules, as `startCassette({ redact })` would run it: extra
 * headers become `REDACTED`, and key-shaped strings, bearer tokens and pattern matches are
 * replaced wherever they are.
 */
export function redactionHook(rules: RedactionRules): RedactHook {
  return (value, context) =>
    context.location === 'header' && context.header !== undefined && rules.extraHeaders.has(context.header)
      ? REDACTED
      : scrubSecretShapes(value, rules.patterns);
}
