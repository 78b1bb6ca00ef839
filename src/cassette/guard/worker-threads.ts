import { createRequire, syncBuiltinESMExports } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import workerThreads, { type WorkerOptions } from 'node:worker_threads';
import { GUARD_POLICY_ENV_VAR, policyToEnv } from './policy-env.js';
import type { GuardPolicy } from './policy.js';

const PATCHED = Symbol.for('spark-models.guarded-worker');

/**
 * Carries the network guard into worker threads. A worker has its own `net` and `tls`, which
 * the guard of its parent does not patch; so while a policy applies (`policyNow()` answers one:
 * a replaying cassette, or `SPARK_BLOCK_NETWORK`), a new `Worker` starts with `worker-entry`
 * loaded first (`--import` for a file, a `require` line for `eval` code) and the policy in its
 * environment. The `Worker` class is replaced on the module and, with `syncBuiltinESMExports()`,
 * on every ESM import of it; workers started at other times are left as they are.
 */
export function guardWorkerThreads(policyNow: () => GuardPolicy | undefined): void {
  const Original = workerThreads.Worker;
  if ((Original as unknown as Record<symbol, unknown>)[PATCHED]) {
    return;
  }
  const entry = new URL(`./worker-entry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);
  class Worker extends Original {
    constructor(filename: string | URL, options: WorkerOptions = {}) {
      const policy = policyNow();
      const [file, opts] = policy ? guarded(filename, options, policyToEnv(policy), entry) : [filename, options];
      super(file, opts);
    }
  }
  Object.defineProperty(Worker, PATCHED, { value: true });
  Object.defineProperty(Worker, 'name', { value: 'Worker' });
  workerThreads.Worker = Worker;
  syncBuiltinESMExports();
}

function guarded(
  filename: string | URL,
  options: WorkerOptions,
  policy: string,
  entry: URL,
): [string | URL, WorkerOptions] {
  const env = options.env === workerThreads.SHARE_ENV ? undefined : { ...(options.env ?? process.env) };
  if (env) {
    (env as Record<string, string>)[GUARD_POLICY_ENV_VAR] = policy;
  } else {
    process.env[GUARD_POLICY_ENV_VAR] = policy;
  }
  const next: WorkerOptions = { ...options, ...(env ? { env } : {}) };
  if (options.eval) {
    // `eval` code is CommonJS and skips `--import`: it loads the guard itself first.
    return [`require(${JSON.stringify(fileURLToPath(entry))});\n${String(filename)}`, next];
  }
  // The sources run as TypeScript (this repository's own tests) load the entry through tsx.
  const loader = entry.pathname.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  next.execArgv = [...(options.execArgv ?? process.execArgv), ...loader, '--import', entry.href];
  return [filename, next];
}
