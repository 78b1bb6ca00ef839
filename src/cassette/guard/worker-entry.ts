/**
 * Loaded first in a worker thread started while the network guard applied (see
 * `worker-threads.ts`): the worker has a `net` of its own, so the guard is installed here too,
 * with the policy its parent handed over. Nothing else loads: no MSW, no cassette.
 */
import { networkGuard } from './network-guard.js';
import { policyFromEnv } from './policy-env.js';

const policy = policyFromEnv();
if (policy) {
  networkGuard.begin({ policy, stale: undefined, onRefusal: () => undefined });
}
