/**
 * The one setup entry for vitest: registers the spark-models matchers with `expect`, and starts
 * the cassette interceptor before any test module loads, so that `openai` clients built at
 * module scope (which keep the `fetch` they saw) are served by cassettes too. With no cassette
 * running, requests go to the network untouched. The one module of the package with a side
 * effect: list it in `setupFiles`, or import it once.
 * @note A user's own MSW `setupServer().close()` in the same process also stops this
 * interception (MSW shares one patched `fetch`); start such servers per test file.
 * @example
 * // vitest.config.ts
 * export default defineConfig({ test: { setupFiles: ['spark-models/vitest/setup'] } });
 */
import { expect } from 'vitest';
import { installCassetteInterceptor } from '../cassette/interceptor.js';
import { sparkMatchers } from './matchers.js';

expect.extend(sparkMatchers);
installCassetteInterceptor();
