import type net from 'node:net';
import { isSocketInterceptionActive } from '../msw/msw-sockets.js';
import { blockNetworkPolicy } from './block-network-env.js';
import { GUARD_POLICY_ENV_VAR, policyFromEnv, policyToEnv } from './policy-env.js';
import { refusalError, refusalReason, type ConnectTarget, type GuardPolicy } from './policy.js';
import { SocketHooks } from './socket-hooks.js';
import { guardWorkerThreads } from './worker-threads.js';

/**
 * `off` until installed; `watching` (connections are seen, none refused: no replaying cassette
 * and no `SPARK_BLOCK_NETWORK`); `guarding` (connections the policy refuses fail with
 * `CassetteNetworkError`).
 */
export type NetworkGuardState = 'off' | 'watching' | 'guarding';

/** What a cassette hands the guard while it runs. */
export interface GuardedRun {
  /** Refuses connections (replay); null lets every connection through (record, auto, passthrough). */
  policy: GuardPolicy | null;
  /**
   * Connections opened before the run that it would not see (kept-alive sockets to a host this
   * policy refuses): closed when it starts, so their next request opens an intercepted one.
   */
  stale: GuardPolicy | undefined;
  /** Told of each refused connection. */
  onRefusal(error: Error): void;
}

/**
 * The network guard of this isolate: one object, with the policy in force decided in one place
 * (`#policy`: the running cassette's, else `SPARK_BLOCK_NETWORK`'s). Connections are refused by
 * `SocketHooks`, below every client; real connections are kept track of, so that a cassette can
 * close those opened before it.
 */
export class NetworkGuard {
  #installed = false;
  #run: GuardedRun | undefined;
  // The policy of the cassette that replayed in the process or thread that started this one.
  #inherited: GuardPolicy | undefined;
  // Real connections open now that interception never saw (opened while MSW did not listen).
  readonly #open = new Set<net.Socket>();
  readonly #hooks = new SocketHooks({
    requested: (target) => this.#refusal(target),
    opening: (target, socket) => {
      const error = this.#refusal(target);
      // While MSW intercepts, a real connection is one it opened to pass a request through: it
      // still sees every request on the client's socket above it, and must not be closed.
      if (!error && socket && !isSocketInterceptionActive()) {
        this.#track(socket, target);
      }
      return error;
    },
  });

  /** The state now. */
  get state(): NetworkGuardState {
    return !this.#installed ? 'off' : this.#policy() ? 'guarding' : 'watching';
  }

  /** Installs the hooks (off -> watching), or puts back one an MSW server's `close()` removed. */
  install(): void {
    this.#hooks.ensure();
    if (!this.#installed) {
      this.#inherited = policyFromEnv();
      guardWorkerThreads(() => this.#policy());
    }
    this.#installed = true;
  }

  /** A cassette starts: its policy applies until the returned function is called. */
  begin(run: GuardedRun): () => void {
    this.install();
    this.#run = run;
    if (run.stale) {
      this.#closeRefused(run.stale);
    }
    // Worker threads and child processes started meanwhile inherit it through the environment
    // (a child applies it when it loads spark-models/cassette/setup, as with NODE_OPTIONS).
    const text = run.policy ? policyToEnv(run.policy) : undefined;
    if (text) {
      process.env[GUARD_POLICY_ENV_VAR] = text;
    }
    return () => {
      if (this.#run === run) {
        this.#run = undefined;
      }
      if (text && process.env[GUARD_POLICY_ENV_VAR] === text) {
        delete process.env[GUARD_POLICY_ENV_VAR];
      }
    };
  }

  #policy(): GuardPolicy | undefined {
    const run = this.#run;
    return run ? (run.policy ?? undefined) : (blockNetworkPolicy() ?? this.#inherited);
  }

  #refusal(target: ConnectTarget): Error | undefined {
    const policy = this.#policy();
    const reason = policy && refusalReason(policy, target);
    if (!policy || !reason) {
      return undefined;
    }
    const error = refusalError(policy, target, reason);
    this.#run?.onRefusal(error);
    return error;
  }

  #track(socket: net.Socket, target: ConnectTarget): void {
    const tracked = socket as net.Socket & { [TARGET]?: ConnectTarget };
    if (tracked[TARGET]) {
      return;
    }
    tracked[TARGET] = target;
    this.#open.add(socket);
    socket.once('close', () => this.#open.delete(socket));
  }

  #closeRefused(policy: GuardPolicy): void {
    for (const socket of this.#open) {
      const target = (socket as net.Socket & { [TARGET]?: ConnectTarget })[TARGET];
      if (target && refusalReason(policy, target)) {
        this.#open.delete(socket);
        socket.destroy();
      }
    }
  }
}

const TARGET = Symbol('spark-models.guard-target');

/** The network guard of this isolate (each worker thread has its own). */
export const networkGuard: NetworkGuard = new NetworkGuard();
