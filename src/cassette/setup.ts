/**
 * Import this module first (vitest `setupFiles: ['spark-models/cassette/setup']`, or
 * `node --import spark-models/cassette/setup`) to intercept HTTP before any test code loads,
 * so that `openai` clients built at module scope are covered by cassettes too.
 * @see installCassetteInterceptor
 */
import { installCassetteInterceptor } from './msw/interceptor.js';

installCassetteInterceptor();
