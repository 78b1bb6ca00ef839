/**
 * The host and port of a `net.Socket#connect` call, in each form Node and clients use:
 * `(options[, cb])`, `(port[, host][, cb])`, and the array `net.connect()` and `tls.connect()`
 * pass after normalising their own arguments. Undefined for an IPC path (never the network).
 */
export function connectTargetOf(args: readonly unknown[]): { host: string; port: number } | undefined {
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const { host, port, path } = first as { host?: unknown; port?: unknown; path?: unknown };
    if (path !== undefined && path !== null && port === undefined) {
      return undefined;
    }
    return { host: typeof host === 'string' && host !== '' ? host : 'localhost', port: Number(port) };
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const host = Array.isArray(args[0]) ? undefined : args[1];
    return { host: typeof host === 'string' && host !== '' ? host : 'localhost', port: Number(first) };
  }
  return undefined;
}
