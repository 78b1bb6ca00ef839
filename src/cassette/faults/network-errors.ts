/**
 * The network errors faults raise, shaped as Node's `fetch` (undici) raises them: a
 * `TypeError('fetch failed')` whose `cause` is the socket error. The `openai` SDK sees such a
 * rejection as a connection error and retries it; the MSW path answers `Response.error()`,
 * which its client sees as the same failure.
 */

const INJECTED = Symbol('spark-models.injected-network-error');

/** A connection reset before any answer, as undici reports it. */
export function connectionResetError(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', errno: -104, syscall: 'read' });
  return mark(new TypeError('fetch failed', { cause }));
}

/** A body cut mid-way by the other side, as undici reports it while the body is read. */
export function bodyTerminatedError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' });
  return mark(new TypeError('terminated', { cause }));
}

/** A request held by a `timeout` fault when its cassette stopped: the connection closes. */
export function heldAtStopError(): TypeError {
  const cause = Object.assign(new Error('socket hang up: the cassette stopped'), { code: 'ECONNRESET' });
  return mark(new TypeError('fetch failed', { cause }));
}

/** True for an error a fault raised to stand for a network failure. */
export function isInjectedNetworkError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && INJECTED in error;
}

function mark(error: TypeError): TypeError {
  Object.defineProperty(error, INJECTED, { value: true });
  return error;
}
