import { KEY_ENV_VARS, TRANSPORT_HEADERS } from '../../cassette/defaults.js';
import { environmentSecrets } from '../../cassette/secrets.js';
import type { DriftOptions } from '../commands/drift.js';
import { rulesFrom, targetPaths, UsageProblem } from '../command-inputs.js';
import type { FlagValues } from '../parse-command-line.js';
import { redactionHook } from '../redaction-rules.js';
import { DRIFT_DEFAULTS } from './drift-defaults.js';

/**
 * The options of `drift` from its flags and the environment, checked before any request: the
 * key comes from the environment only (`--key-env` names the variable), never from argv.
 */
export async function driftInputs(
  flags: FlagValues,
  positionals: readonly string[],
  io: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<DriftOptions> {
  const keyEnv = typeof flags['key-env'] === 'string' ? flags['key-env'] : DRIFT_DEFAULTS.keyEnv;
  const key = io.env[keyEnv]?.trim();
  if (!key) {
    throw new UsageProblem(
      `drift sends every recorded request to the live API, and needs a key: ${keyEnv} is not set. Set it in the environment (or name another variable with \`--key-env <NAME>\`); a key is never taken from the command line.`,
    );
  }
  const baseUrl = typeof flags['base-url'] === 'string' ? flags['base-url'] : undefined;
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/.test(baseUrl)) {
    throw new UsageProblem(
      `option "--base-url" must be an http(s) URL such as "http://localhost:8080/v1", got ${JSON.stringify(baseUrl)}.`,
    );
  }
  const rules = rulesFrom(flags, io.env);
  const custom = rules.extraHeaders.size > 0 || rules.patterns.length > 0;
  return {
    paths: await targetPaths(positionals, io.cwd),
    only: typeof flags['only'] === 'string' ? flags['only'] : undefined,
    maxRequests: whole(flags, 'max-requests', DRIFT_DEFAULTS.maxRequests),
    concurrency: whole(flags, 'concurrency', DRIFT_DEFAULTS.concurrency),
    write: flags['write'] === true,
    target: {
      key,
      baseUrl,
      timeoutMs: whole(flags, 'timeout', DRIFT_DEFAULTS.timeoutMs),
      // As a recording redacts: the key and OPENAI_API_KEY scrubbed, transport headers dropped.
      rules: {
        ignoredFields: [],
        knownSecrets: [...new Set([...environmentSecrets([...KEY_ENV_VARS, keyEnv], io.env)])],
        redact: custom ? redactionHook(rules) : undefined,
        omittedHeaders: new Set(TRANSPORT_HEADERS),
      },
    },
  };
}

function whole(flags: FlagValues, name: string, fallback: number): number {
  const value = flags[name];
  if (value === undefined) {
    return fallback;
  }
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n < 1) {
    throw new UsageProblem(`option "--${name}" must be a whole number from 1, got ${JSON.stringify(value)}.`);
  }
  return n;
}
