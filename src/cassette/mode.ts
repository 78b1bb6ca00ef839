import { CASSETTE_MODES, MODE_ENV_VAR, type CassetteMode } from './defaults.js';
import { CassetteConfigurationError } from './errors.js';

/** True for one of the four mode names. */
export function isCassetteMode(value: unknown): value is CassetteMode {
  return CASSETTE_MODES.includes(value as CassetteMode);
}

/**
 * The mode a cassette runs in. `SPARK_CASSETTE_MODE` wins (it sets a whole run, for example to
 * re-record), then the `mode` option; otherwise `replay` on CI, and record-once elsewhere:
 * `auto` while the file is missing, `replay` once it exists.
 */
export function resolveMode(
  option: CassetteMode | undefined,
  fileExists: boolean,
  cassettePath: string,
  env: NodeJS.ProcessEnv = process.env,
): CassetteMode {
  const fromEnv = modeFromEnv(cassettePath, env);
  if (fromEnv) {
    return fromEnv;
  }
  if (option) {
    return option;
  }
  if (isCI(env)) {
    return 'replay';
  }
  return fileExists ? 'replay' : 'auto';
}

/** CI is set to anything but an empty string, "0" or "false". */
function isCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env['CI']?.trim().toLowerCase();
  return value !== undefined && value !== '' && value !== '0' && value !== 'false';
}

/** The mode `SPARK_CASSETTE_MODE` sets, if any; a value that is not a mode is an error. */
export function modeFromEnv(cassettePath: string, env: NodeJS.ProcessEnv = process.env): CassetteMode | undefined {
  const value = env[MODE_ENV_VAR]?.trim();
  if (!value) {
    return undefined;
  }
  if (!isCassetteMode(value)) {
    throw new CassetteConfigurationError(
      `Invalid ${MODE_ENV_VAR} "${value}": it must be one of ${CASSETTE_MODES.map((m) => `"${m}"`).join(', ')}. ` +
        `Set ${MODE_ENV_VAR} to one of them, or unset it to use the defaults.`,
      { cassettePath, option: MODE_ENV_VAR },
    );
  }
  return value;
}
