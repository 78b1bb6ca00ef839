/**
 * Import this module first (vitest `setupFiles: ['spark-models/cassette/setup']`, or
 * `node --import spark-models/cassette/setup`) to intercept HTTP before any test code loads,
 * so that `openai` clients built at module scope are covered by cassettes too.
 * @see installCassetteInterceptor
 */
import { networkGuard } from './guard/network-guard.js';
import { installCassetteInterceptor } from './msw/interceptor.js';

// First, so MSW's patch wraps the guard's; a policy handed over by a parent (a child process
// started while a cassette replayed, with this module in NODE_OPTIONS) applies from here on.
networkGuard.install();
installCassetteInterceptor();
