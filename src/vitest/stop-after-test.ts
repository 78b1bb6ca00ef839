import type { Cassette, CassetteSummary } from '../cassette/cassette.js';

/** The part of a vitest task that tells whether the test failed. */
export interface FinishedTask {
  readonly result?: { readonly state: string } | undefined;
}

/**
 * Stops a test's cassette. When the test already failed, nothing more is reported (its own
 * error tells the story) but what was recorded is still written. When it passed, `stop()`'s
 * rejection is thrown, failing the test: a `CassetteMissError` the code under test caught and
 * swallowed, or `CassetteUnusedError` with `failOnUnused`. Unused recordings otherwise go to
 * the `[spark-models]` warning, which vitest prints under the test.
 */
export function stopAfterTest(cassette: Cassette, task: FinishedTask): Promise<CassetteSummary> {
  // vitest sets the state before afterEach hooks and fixture teardown run.
  return cassette.stop({ failed: task.result?.state === 'fail' });
}
