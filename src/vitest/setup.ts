/**
 * Registers the spark-models matchers with vitest's `expect`. The one module of the package with
 * a side effect: list it in `setupFiles`, or import it once.
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['spark-models/vitest/setup'] } });
 */
import { expect } from 'vitest';
import { sparkMatchers } from './matchers.js';

expect.extend(sparkMatchers);
