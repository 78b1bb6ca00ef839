import { afterEach, beforeEach } from 'vitest';
import { noteFaults } from './note-faults.js';
import type { Cassette } from '../cassette/cassette.js';
import type { CassetteOptions } from '../cassette/options.js';
import { startCassette } from '../cassette/start-cassette.js';
import { cassetteNameFor } from './cassette-name.js';
import { stopAfterTest } from './stop-after-test.js';

/** What `useCassette` returns: the running cassette of the current test. */
export interface CassetteHandle {
  /** The cassette of the test that is running; throws outside a test. */
  readonly current: Cassette;
}

/**
 * The `beforeEach`/`afterEach` form of the `cassette` fixture, for the plain vitest `test`:
 * each test of the file (or `describe` block) gets a cassette, started before it and stopped
 * after it, with the same naming and failure rules. A given `name` is used by every test.
 * @example
 * import { test } from 'vitest';
 * import { useCassette } from 'spark-models/vitest';
 *
 * const cassette = useCassette();
 * test('answers the weather question', async () => {
 *   await agent.process('Weather in Paris?');
 *   expect(cassette.current.mode).toBe('replay');
 * });
 */
export function useCassette(name?: string, options?: CassetteOptions): CassetteHandle;
export function useCassette(options: CassetteOptions): CassetteHandle;
export function useCassette(
  nameOrOptions?: string | CassetteOptions,
  maybeOptions: CassetteOptions = {},
): CassetteHandle {
  const [name, options] =
    typeof nameOrOptions === 'object' ? [undefined, nameOrOptions] : [nameOrOptions, maybeOptions];
  let current: Cassette | undefined;
  beforeEach(async ({ task, annotate }) => {
    current = await startCassette(name ?? cassetteNameFor(task), { testFile: task.file.name, ...options });
    await noteFaults(current, { task, annotate });
  });
  afterEach(async ({ task }) => {
    const cassette = current;
    current = undefined;
    if (cassette) {
      await stopAfterTest(cassette, task);
    }
  });
  return {
    get current(): Cassette {
      if (!current) {
        throw new Error(
          'useCassette(): `.current` is only set while a test runs (from beforeEach to afterEach). Read it inside the test, not at the top of the file.',
        );
      }
      return current;
    },
  };
}
