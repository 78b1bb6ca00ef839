import { DEFAULT_FAULT_SEED, FAULTS_ENV_VAR, type CassetteMode } from '../defaults.js';
import { CassetteConfigurationError } from '../errors.js';
import { warn } from '../../internal/log.js';
import type { FaultsConfig } from './fault-injector.js';
import { FaultsSyntaxError, parseFaults } from './parse-faults.js';
import type { FaultsOptions } from './types.js';
import { faultsProblem } from './validate-faults.js';

/** The `faults` option: rules, their string form, or false to turn `SPARK_FAULTS` off for one cassette. */
export type FaultsOption = FaultsOptions | string | false;

/**
 * The faults a cassette runs with. The `faults` option wins over `SPARK_FAULTS` (a test that
 * sets its own faults asserts on them), and `faults: false` keeps a cassette free of the
 * run's faults. Both are checked before any I/O; a bad value is a `CassetteConfigurationError`
 * naming the option, what it accepts and the value received.
 */
export function resolveFaults(
  option: FaultsOption | undefined,
  cassettePath: string,
  env: NodeJS.ProcessEnv = process.env,
): FaultsConfig | undefined {
  if (option === false) {
    return undefined;
  }
  const envValue = env[FAULTS_ENV_VAR]?.trim();
  if (option === undefined && (envValue === undefined || envValue === '' || envValue === 'off')) {
    return undefined;
  }
  const source = option === undefined ? 'env' : 'option';
  const where = source === 'env' ? FAULTS_ENV_VAR : 'cassette option `faults`';
  const fail = (why: string): never => {
    throw new CassetteConfigurationError(
      `Invalid ${where}: ${why}. See "Fault injection" in the README for the forms it takes.`,
      { cassettePath, option: source === 'env' ? FAULTS_ENV_VAR : 'faults' },
    );
  };
  let value: unknown = option ?? envValue;
  if (typeof value === 'string') {
    try {
      value = parseFaults(value);
    } catch (error) {
      if (error instanceof FaultsSyntaxError) {
        fail(error.message);
      }
      throw error;
    }
  }
  const problem = faultsProblem(value);
  if (problem) {
    fail(problem);
  }
  const faults = value as FaultsOptions;
  return {
    seed: faults.seed ?? DEFAULT_FAULT_SEED,
    rules: faults.rules,
    source,
    envValue: source === 'env' ? envValue : undefined,
  };
}

// One warning per mode and source in a process: a run of many cassettes says it once.
const warned = new Set<string>();

/**
 * Faults act on replayed answers only: in any other mode they are off (a recording must hold
 * what the API really said), with a warning, so a run does not silently test nothing.
 */
export function faultsForMode(faults: FaultsConfig | undefined, mode: CassetteMode): FaultsConfig | undefined {
  if (!faults || mode === 'replay') {
    return faults;
  }
  const key = `${mode}:${faults.source}`;
  if (!warned.has(key)) {
    warned.add(key);
    const what = faults.source === 'env' ? FAULTS_ENV_VAR : 'the `faults` option';
    warn(
      `Fault injection is off in ${mode} mode: ${what} acts on replayed answers only, and recordings keep what the API really sent. Run in replay mode (SPARK_CASSETTE_MODE=replay) to inject faults.`,
    );
  }
  return undefined;
}
