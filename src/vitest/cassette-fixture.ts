import { test as baseTest, type TestAPI } from 'vitest';
import type { Cassette } from '../cassette/cassette.js';
import type { CassetteOptions } from '../cassette/options.js';
import { startCassette } from '../cassette/start-cassette.js';
import { cassetteNameFor } from './cassette-name.js';
import { noteFaults } from './note-faults.js';
import { stopAfterTest } from './stop-after-test.js';

/** Options of the `cassette` fixture: any `startCassette` option, and a name of your own. */
export interface CassetteFixtureOptions extends CassetteOptions {
  /** The cassette name. @default the test file and title path (see `cassetteNameFor`) */
  name?: string;
}

/** The fixtures the extended `test` adds to the test context. */
export interface CassetteFixtures {
  /** The options the `cassette` fixture starts its cassette with; set them with `test.override`. */
  cassetteOptions: CassetteFixtureOptions;
  /** The test's running cassette. */
  cassette: Cassette;
}

/**
 * vitest's `test`, extended with a `cassette` fixture: a cassette started before the test and
 * stopped after it, named from the test file and the test's titles (see `cassetteNameFor`).
 * The test fails when a request missed the cassette, even if the code under test caught the
 * `CassetteMissError`; unused recordings are reported. Set options (or a fixed `name`) for a
 * file or a `describe` block with `test.override({ cassetteOptions: { ... } })`.
 * The fixture starts only in tests that destructure `cassette`; `test.concurrent` tests cannot
 * share one process-wide interceptor, so a second concurrent cassette fails to start.
 * @example
 * import { test } from 'spark-models/vitest';
 *
 * test('answers the weather question', async ({ cassette, expect }) => {
 *   const result = await agent.process('Weather in Paris?');
 *   expect(result.text).toContain('Paris');
 *   await cassette.stop();
 *   expect(cassette).toHaveCalledTool('get_weather', { location: 'Paris' });
 * });
 * @example
 * describe('on CI only', () => {
 *   test.override({ cassetteOptions: { mode: 'replay', failOnUnused: true } });
 * });
 */
export const test: TestAPI<CassetteFixtures> = baseTest.extend<CassetteFixtures>({
  cassetteOptions: {},
  cassette: async ({ cassetteOptions, task, annotate }, use) => {
    const { name, ...options } = cassetteOptions;
    const cassette = await startCassette(name ?? cassetteNameFor(task), { testFile: task.file.name, ...options });
    await noteFaults(cassette, { task, annotate });
    try {
      await use(cassette);
    } finally {
      // Teardown runs after the test and its afterEach hooks, whatever happened.
      await stopAfterTest(cassette, task);
    }
  },
});

/** `test` under its other name, as vitest exports both. */
export const it: TestAPI<CassetteFixtures> = test;
