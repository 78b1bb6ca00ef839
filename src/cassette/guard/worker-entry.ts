/**
 * Loaded first in a worker thread started while the network guard applied (see
 * `worker-threads.ts`): the worker has a `net` of its own, so the guard is installed here too,
 * and applies the policy its parent handed over in its environment. Nothing else loads: no
 * MSW, no cassette.
 */
import { networkGuard } from './network-guard.js';

networkGuard.install();
