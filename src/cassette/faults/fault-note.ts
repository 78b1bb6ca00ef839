import { FAULTS_ENV_VAR } from '../defaults.js';
import type { FaultsConfig } from './fault-injector.js';

// The faults each running cassette was started with, for test-runner glue to report.
const configs = new WeakMap<object, FaultsConfig>();

/** Remembers the faults `cassette` runs with (called by `startCassette`). */
export function rememberFaults(cassette: object, config: FaultsConfig | undefined): void {
  if (config) {
    configs.set(cassette, config);
  }
}

/**
 * A line that tells how to get a cassette's faults again, or undefined when it injects none:
 * its seed and, for `SPARK_FAULTS`, the command that reruns the test with the same value.
 * @example "Faults on (SPARK_FAULTS, seed 42). The same seed gives the same faults: SPARK_FAULTS=\"rate_limit=0.2,seed=42\" npx vitest run test/a.test.ts -t \"retries\""
 */
export function faultsNote(cassette: object, test?: { file: string; title: string }): string | undefined {
  const config = configs.get(cassette);
  if (!config) {
    return undefined;
  }
  if (config.source === 'option') {
    return `Faults on (the \`faults\` option, seed ${config.seed}). The same seed gives the same faults at the same requests, so a rerun fails the same way.`;
  }
  const value =
    /(^|,)\s*seed=/.test(config.envValue ?? '') || config.envValue?.startsWith('{')
      ? config.envValue
      : `${config.envValue},seed=${config.seed}`;
  const rerun = test ? ` npx vitest run ${test.file} -t ${JSON.stringify(test.title)}` : '';
  return `Faults on (${FAULTS_ENV_VAR}, seed ${config.seed}). The same seed gives the same faults; to reproduce: ${FAULTS_ENV_VAR}=${JSON.stringify(value)}${rerun}`;
}
