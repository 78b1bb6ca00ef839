import net from 'node:net';
import { constants } from 'node:os';
import { isMockSocket, isSocketInterceptionActive } from '../msw/msw-sockets.js';
import { connectTargetOf } from './connect-args.js';
import type { ConnectTarget } from './policy.js';

/** Decides about connections: an error refuses one, undefined lets it open. */
export interface ConnectDecider {
  /** A connection a client asks for, judged before any DNS lookup. */
  requested(target: ConnectTarget): Error | undefined;
  /** A real TCP connection about to open (after DNS); `socket` is its owner when Node names one. */
  opening(target: ConnectTarget, socket: net.Socket | undefined): Error | undefined;
}

type SocketConnect = net.Socket['connect'];

// What the socket hook answers for its own probe socket.
const PROBED = Symbol('probed');
type HandleConnect = (this: object, req: unknown, address: string, port: number) => number;

/**
 * The two hooks of the network guard. Every Node client (node:http's Agent, undici, the global
 * `fetch`, `tls.connect`, raw `net`) opens its connection with `net.Socket#connect`, and every
 * real TCP connection then calls `connect`/`connect6` on its handle (the TCP wrap's prototype).
 *
 * - The handle hook sees exactly the connections that reach the network: MSW's mocked sockets
 *   replace their handle's `connect`, so they never reach it. It is the one that is always right.
 * - The socket hook refuses before DNS, so a refused host fails at once and is never looked up;
 *   it stands aside for a connection MSW is about to mock.
 *
 * Both are patched once per isolate (a worker thread has its own `net`); the socket hook is put
 * back when an MSW server's `close()` restored the `connect` it saw before ours.
 */
export class SocketHooks {
  readonly #decider: ConnectDecider;
  #connectHook: SocketConnect | undefined;
  #probe: net.Socket | undefined;
  #probeSeen = false;
  // The `connect` a probe last found our hook under: the same function calls it still.
  #chainedUnder: SocketConnect | undefined;
  #handlePatched = false;
  #ownerSymbol: symbol | undefined;

  constructor(decider: ConnectDecider) {
    this.#decider = decider;
  }

  /** Patches what is not patched yet; cheap when both hooks are in place. */
  ensure(): void {
    if (!this.#handlePatched) {
      this.#patchHandle();
    }
    const current = net.Socket.prototype.connect;
    if (current === this.#connectHook || current === this.#chainedUnder) {
      return;
    }
    if (this.#inChain()) {
      this.#chainedUnder = current;
    } else {
      this.#patchConnect();
    }
  }

  #patchConnect(): void {
    const inner = net.Socket.prototype.connect;
    const decide = (socket: net.Socket, args: unknown[]): Error | typeof PROBED | undefined =>
      this.#decide(socket, args);
    const hook = function connect(this: net.Socket, ...args: unknown[]): net.Socket {
      const verdict = decide(this, args);
      if (verdict === PROBED) {
        return this;
      }
      if (verdict) {
        // As a failed connect does: the error arrives asynchronously, once listeners are attached.
        (this as { connecting: boolean }).connecting = true;
        process.nextTick(() => this.destroy(verdict));
        return this;
      }
      return Reflect.apply(inner, this, args) as net.Socket;
    } as SocketConnect;
    this.#connectHook = hook;
    net.Socket.prototype.connect = hook;
  }

  #decide(socket: net.Socket, args: unknown[]): Error | typeof PROBED | undefined {
    if (socket === this.#probe) {
      this.#probeSeen = true;
      return PROBED;
    }
    const target = connectTargetOf(args);
    return target && this.#decidesEarly(socket) ? this.#decider.requested(target) : undefined;
  }

  // Under MSW's own patch, a socket MSW controls is its mock (let it be); a plain one is a real
  // connection (MSW's passthrough included). Over MSW's patch, MSW has not decided yet: leave it
  // to the handle hook.
  #decidesEarly(socket: net.Socket): boolean {
    return net.Socket.prototype.connect === this.#connectHook ? !isSocketInterceptionActive() : !isMockSocket(socket);
  }

  // Whether our socket hook is still called, under whatever wraps it now: a probe socket that
  // the hook recognises and does not connect.
  #inChain(): boolean {
    if (this.#connectHook === undefined) {
      return false;
    }
    const probe = new net.Socket();
    this.#probe = probe;
    this.#probeSeen = false;
    try {
      probe.connect({ host: 'spark-models-guard.invalid', port: 9, lookup: () => undefined });
    } finally {
      this.#probe = undefined;
      probe.destroy();
    }
    return this.#probeSeen;
  }

  #patchHandle(): void {
    const proto = tcpHandlePrototype();
    if (!proto) {
      return;
    }
    for (const method of ['connect', 'connect6'] as const) {
      const original = proto[method] as HandleConnect | undefined;
      if (typeof original !== 'function') {
        continue;
      }
      const decide = (
        handle: object,
        address: string,
        port: number,
      ): { error: Error | undefined; owner: net.Socket | undefined } => {
        const owner = this.#ownerOf(handle);
        const host = typeof owner?._host === 'string' && owner._host !== '' ? owner._host : address;
        return { error: this.#decider.opening({ host, port, address }, owner), owner };
      };
      proto[method] = function (this: object, req: unknown, address: string, port: number): number {
        const { error, owner } = decide(this, address, port);
        if (!error) {
          return Reflect.apply(original, this, [req, address, port]) as number;
        }
        if (owner) {
          // Destroyed on the next tick: Node's connect code still uses the handle after this call.
          process.nextTick(() => owner.destroy(error));
          return 0;
        }
        return -constants.errno.ECONNREFUSED;
      };
    }
    this.#handlePatched = true;
  }

  // Node links a handle to its socket under an internal symbol.
  #ownerOf(handle: object): (net.Socket & { _host?: unknown }) | undefined {
    this.#ownerSymbol ??= Object.getOwnPropertySymbols(handle).find((s) => s.description === 'owner_symbol');
    const owner = this.#ownerSymbol ? (handle as Record<symbol, unknown>)[this.#ownerSymbol] : undefined;
    return owner instanceof net.Socket ? owner : undefined;
  }
}

// The prototype of Node's TCP handle, taken from a socket that starts to connect: the handle
// exists from then on, and nothing is sent anywhere. An invalid port is refused once the handle
// exists and before the host is read; reading a host name calls node:net's `isIP`, whose first
// calls in a process compile its patterns (about 4 ms that every test file would pay). Should a
// Node version check the port first, a name the lookup never answers does the same, slower.
function tcpHandlePrototype(): Record<string, unknown> | undefined {
  const host = 'spark-models-guard.invalid';
  return handlePrototypeOf({ host, port: -1 }) ?? handlePrototypeOf({ host, port: 9, lookup: () => undefined });
}

/** The prototype of the handle a socket has once `connect(options)` began (or threw), if any. */
export function handlePrototypeOf(options: net.TcpSocketConnectOpts): Record<string, unknown> | undefined {
  const socket = new net.Socket();
  try {
    socket.connect(options);
  } catch {
    // The invalid port, as intended.
  }
  const handle = (socket as unknown as { _handle?: object | null })._handle;
  socket.destroy();
  return handle ? (Object.getPrototypeOf(handle) as Record<string, unknown>) : undefined;
}
