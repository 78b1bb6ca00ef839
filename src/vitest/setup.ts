/**
 * Registers the spark-models matchers with vitest's `expect`. The one module of `spark-models/vitest`
 * with a side effect: list it in `setupFiles`, or import it once.
 * @note It does not start the cassette interceptor, on purpose: a listening interceptor breaks a
 * project's own MSW server (MSW 3 serves one server per process; a user handler's `bypass()`
 * then never returns). Projects whose `openai` clients are built at module scope list
 * `spark-models/cassette/setup` as well; projects with their own MSW server pass it to the
 * cassettes instead (`test.override({ cassetteOptions: { server } })`).
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['spark-models/vitest/setup', 'spark-models/cassette/setup'] } });
 */
import { expect } from 'vitest';
import { sparkMatchers } from './matchers.js';

expect.extend(sparkMatchers);
