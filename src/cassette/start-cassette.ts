import { relative, resolve } from 'node:path';
import { Cassette } from './cassette.js';
import { parseBodyPath, type PathSegment } from './body-paths.js';
import {
  CASSETTE_EXTENSION,
  DEFAULT_ALLOWED_HOSTS,
  DEFAULT_ALLOW_REPEATS,
  DEFAULT_CASSETTE_DIR,
  DEFAULT_FAIL_ON_UNUSED,
  DEFAULT_IGNORED_BODY_FIELDS,
  DEFAULT_IGNORED_HEADERS,
  DEFAULT_KEEP_RETRY_AFTER,
  DEFAULT_STREAM_TIMING,
  KEY_ENV_VARS,
  TRANSPORT_HEADERS,
  type CassetteMode,
} from './defaults.js';
import { CassetteConfigurationError, CassetteStateError, type CassetteError } from './errors.js';
import { blockNetworkPolicy } from './guard/block-network-env.js';
import { guardedRun } from './guard/cassette-policy.js';
import { networkGuard } from './guard/network-guard.js';
import { activeCassette } from '../internal/active-cassette.js';
import { isCassetteInterceptorInstalled, sharedInterceptor } from './msw/interceptor.js';
import { threadBridge } from './msw/thread-bridge.js';
import { modeFromEnv, resolveMode } from './mode.js';
import type { CassetteOptions } from './options.js';
import { environmentSecrets } from './secrets.js';
import { readyUsageReport } from './stop-usage-report.js';
import { FaultInjector, type FaultsConfig } from './faults/fault-injector.js';
import { rememberFaults } from './faults/fault-note.js';
import { faultsForMode, resolveFaults } from './faults/resolve-faults.js';
import { CassetteSession } from './session.js';
import { readCassette } from './load/read-cassette.js';
import { rulesKey } from './load/replay-memo.js';
import { testFileFromStack } from './test-file.js';
import { guardedHook } from './user-hooks.js';
import { validateCassetteOptions } from './validate-options.js';

// Installed as the cassette layer loads, so that connections opened before the first cassette
// are known to it (see `GuardedRun.stale`), the guard sits below any MSW server started later,
// and worker threads started from now on can reach this thread's cassettes.
networkGuard.install();
threadBridge.listen();

/**
 * Starts a cassette: loads `fixtures/cassettes/<name>.yaml` (if any), picks the mode, and
 * serves every HTTP request of the process from it until `stop()`.
 * @example
 * const cassette = await startCassette('chat/hello');
 * const reply = await model.getText({ messages: [{ role: 'user', content: [{ text: 'Hi' }] }] });
 * await cassette.stop();
 */
export async function startCassette(name: string, options: CassetteOptions = {}): Promise<Cassette> {
  const path = cassettePath(name, options.dir);
  validateCassetteOptions(name, options, path);
  const faults = resolveFaults(options.faults, path);
  // Checked here, before any I/O, rather than at the first connection it would refuse.
  blockNetworkPolicy();
  const explicitMode = modeFromEnv(path) ?? options.mode;
  const displayPath = shownPath(path);
  assertNoneActive(name, path);
  assertOneMswServer(name, path, options);
  const testFile = options.testFile ?? testFileFromStack(new Error().stack);
  const ignoredFields = (options.ignoreBodyFields ?? DEFAULT_IGNORED_BODY_FIELDS).map(
    (p) => parseBodyPath(p) as PathSegment[],
  );
  // Record mode replaces the file, so it is not parsed (a broken one is no obstacle).
  const source = await readCassette(path, options.store, explicitMode === 'record', rulesKey(ignoredFields));
  const mode = resolveMode(options.mode, source.exists, path);
  readyUsageReport(mode, source.store, path);
  assertNoneActive(name, path);
  const omittedHeaders = new Set(
    [...TRANSPORT_HEADERS, ...(options.ignoreHeaders ?? DEFAULT_IGNORED_HEADERS)].map((h) => h.toLowerCase()),
  );
  const session = new CassetteSession({
    mode,
    path,
    loaded: source.file?.interactions ?? [],
    rules: {
      ignoredFields,
      knownSecrets: environmentSecrets(KEY_ENV_VARS),
      redact: guardedHook('redact', options.redact, { name, path, displayPath }),
      omittedHeaders,
    },
    matcher: guardedHook('matcher', options.matcher, { name, path, displayPath }),
    allowRepeats: options.allowRepeats ?? DEFAULT_ALLOW_REPEATS,
    keepRetryAfter: options.keepRetryAfter ?? DEFAULT_KEEP_RETRY_AFTER,
    streamTiming: options.streamTiming ?? DEFAULT_STREAM_TIMING,
    miss: { cassettePath: path, displayPath, fileExists: source.exists, testFile },
    faults: faultsIn(mode, faults, name, path),
    memo: source.memo?.memo,
    forms: source.memo?.forms,
  });
  const cassette = new Cassette({
    name,
    path,
    displayPath,
    mode,
    session,
    store: source.store,
    previousText: source.previousText,
    previousSha256: source.sha256,
    failOnUnused: options.failOnUnused ?? DEFAULT_FAIL_ON_UNUSED,
    server: options.server,
    guard: guardedRun(
      { name, path, displayPath, mode },
      source.file?.interactions ?? [],
      options.allowedHosts ?? DEFAULT_ALLOWED_HOSTS,
      (error) => session.problems.push(error as CassetteError),
    ),
    saveMemo: source.memo?.save,
  });
  rememberFaults(cassette, mode === 'replay' ? faults : undefined);
  return cassette;
}

function faultsIn(
  mode: CassetteMode,
  faults: FaultsConfig | undefined,
  name: string,
  path: string,
): FaultInjector | undefined {
  const active = faultsForMode(faults, mode);
  return active ? new FaultInjector(active, name, path) : undefined;
}

/** The absolute file path of a cassette name: `<dir>/<name>.yaml`. */
export function cassettePath(name: string, dir: string = DEFAULT_CASSETTE_DIR): string {
  const file = /\.ya?ml$/.test(name) ? name : `${name}${CASSETTE_EXTENSION}`;
  return resolve(dir, file);
}

// MSW 3 serves one listening server per process: a second one sees each request twice.
function assertOneMswServer(name: string, path: string, options: CassetteOptions): void {
  if (options.server && isCassetteInterceptorInstalled()) {
    throw new CassetteConfigurationError(
      `Cannot start cassette "${name}" with \`server\`: the cassette interceptor (spark-models/cassette/setup) already listens, and MSW 3 serves one server at a time. ` +
        'Drop `server` and let the interceptor serve the cassette, or drop the setup module and keep your own server listening from setupFiles.',
      { cassettePath: path, option: 'server' },
    );
  }
  if (!options.server && sharedInterceptor.isOtherServerListening()) {
    throw new CassetteConfigurationError(
      `Cannot start cassette "${name}": an MSW server already listens in this process, and MSW 3 serves one at a time. ` +
        'Pass it as `server` (`startCassette(name, { server })`) so the cassette adds its handlers to it.',
      { cassettePath: path, option: 'server' },
    );
  }
}

// One cassette serves the process at a time. The active one is let go once it stopped, with all
// it loaded (test/regressions/cassette-stopped-kept-alive.test.ts).
function assertNoneActive(name: string, path: string): void {
  const active = activeCassette.current;
  if (active?.state === 'active') {
    throw new CassetteStateError(
      `Cannot start cassette "${name}": cassette "${active.name}" is still active. ` +
        'One cassette serves a process at a time; `await cassette.stop()` before starting the next.',
      path,
    );
  }
}

// Relative to the working directory when inside it (as in a repository), else absolute.
function shownPath(path: string): string {
  const shown = relative(process.cwd(), path);
  return shown === '' || shown.startsWith('..') ? path : shown;
}
