import net from 'node:net';
import { addSourceListener, hasSourceListener, type SourceRequestEvent } from './msw-state.js';
import type { CassetteResponder } from './handlers.js';
import { threadBridge } from './thread-bridge.js';

/**
 * Serves the requests MSW's default interceptors never claim. MSW 3 parses every request on
 * every socket it intercepts, but hands a request to its handlers only when its `fetch` or
 * `http.ClientRequest` interceptor knows the client that made it; the rest pass through to the
 * network: undici's own `request()`, `Agent` dispatchers and `fetch`, and `node:http(s)` imported
 * as a namespace or by name (ESM keeps the functions it saw before MSW patched the module). Those
 * requests carry the socket as their initiator; this listener hands them to the cassette.
 *
 * It listens on the interceptors' shared source rather than running an interceptor of its own:
 * `setupServer()` takes no extra interceptors, and a second MSW network would see every request
 * twice. The source drops its listeners when an MSW server's `close()` disposes it, so
 * `OtherClients.ensure()` adds the listener again (at each start of the shared interceptor).
 */
export class OtherClients {
  #respond: CassetteResponder | undefined;
  #remove: (() => void) | undefined;
  readonly #listener = async (event: SourceRequestEvent): Promise<void> => {
    const respond = this.#respond ?? threadBridge.toParent;
    if (!respond || !(event.initiator instanceof net.Socket) || isBypassed(event.request)) {
      return;
    }
    const response = await respond(event.request);
    if (response) {
      event.controller.respondWith(response);
    }
  };

  /** Hands such requests to `respond` until the returned function is called. */
  serve(respond: CassetteResponder): () => void {
    this.#respond = respond;
    this.ensure();
    return () => {
      if (this.#respond === respond) {
        this.#respond = undefined;
        this.#remove?.();
        this.#remove = undefined;
      }
    };
  }

  /**
   * Listens on the source again if it dropped the listener (an MSW server closed and another
   * listened). In a worker whose parent thread runs cassettes, it listens with no cassette too.
   */
  ensure(): void {
    if ((this.#respond ?? threadBridge.toParent) && !hasSourceListener(this.#listener)) {
      this.#remove = addSourceListener(this.#listener);
    }
  }
}

// `bypass()` marks a request MSW must send as it is (`accept: msw/passthrough`).
function isBypassed(request: Request): boolean {
  return request.headers.get('accept')?.includes('msw/passthrough') === true;
}

/** The listener of this isolate. */
export const otherClients: OtherClients = new OtherClients();
