import { activeCassette, type ActiveCassette, type CassetteCall } from '../internal/active-cassette.js';
import { carrierResponse } from '../internal/carried-error.js';
import type { CallRequest } from './call-options.js';
import type { SdkRequestOptions } from './wire.js';

// The key under which a call's scope rides in the `fetch` init: the SDK spreads a request's
// `fetchOptions` into that init, symbol keys included.
const CALL_SCOPE = Symbol('spark-models.call-scope');

type ScopedInit = RequestInit & { [CALL_SCOPE]?: CallScope };

/**
 * One model call: the cassette that was active when it started (it serves every request of the
 * call, even if another cassette starts meanwhile, and its `stop()` waits for the call), and
 * the cassette error that failed it. `end()` must be called when the call is over.
 */
export class CallScope {
  /** The cassette active when the call started, if any. */
  readonly cassette: ActiveCassette | undefined = activeCassette.current;
  /** The call as that cassette serves it. */
  readonly call: CassetteCall | undefined;
  /** The cassette error that refused one of the call's requests, if any. */
  error: Error | undefined;

  /** `label` names the call in the cassette's `stop()` error, should it still run then (`OpenAIModel.getText`). */
  constructor(label: string) {
    this.call = this.cassette?.enter(label);
  }

  /** The call is over. */
  end(): void {
    this.call?.end();
  }

  /**
   * The SDK request options of a call: its `signal`, `timeout` and `maxRetries` when given, and
   * this scope, carried to `modelFetch`.
   */
  requestOptions(call: Pick<CallRequest, 'signal' | 'timeout' | 'maxRetries'>): SdkRequestOptions {
    // Typed as a plain object: the SDK's init type has no symbol keys to check it against. The
    // SDK spreads the client's `fetchOptions` first, so the user's own are kept.
    const fetchOptions: object = { [CALL_SCOPE]: this };
    const options: SdkRequestOptions = {};
    if (call.signal) {
      options.signal = call.signal;
    }
    if (call.timeout !== undefined) {
      options.timeout = call.timeout;
    }
    if (call.maxRetries !== undefined) {
      options.maxRetries = call.maxRetries;
    }
    options.fetchOptions = fetchOptions;
    return options;
  }
}

/**
 * The `fetch` given to the openai SDK. A request goes to the cassette its call was bound to, or
 * else to the global `fetch` as it is now: the SDK itself captures `fetch` once, in its
 * constructor (docs/internals.md), so a model built before an MSW server started is still covered.
 *
 * A cassette error (a replay miss) must reach the caller at once: thrown from here the SDK would
 * retry it as a connection error. So it is kept in the call's scope, and the SDK gets a 400 it
 * does not retry; `OpenAIModel` then throws the kept error. Any other error is passed on.
 */
export async function modelFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  // The scope's symbol key stays in `init`: `fetch` and a cassette read only the fields they know.
  const scope = (init as ScopedInit | undefined)?.[CALL_SCOPE];
  if (!scope?.cassette || !scope.call) {
    return globalThis.fetch(input, init);
  }
  const { cassette, call } = scope;
  try {
    return await call.fetch(input, init);
  } catch (error) {
    if (!cassette.isCassetteError(error)) {
      throw error;
    }
    scope.error ??= error as Error;
    return carrierResponse(error as Error, { track: false });
  }
}
