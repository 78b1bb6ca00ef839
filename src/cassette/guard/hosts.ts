/** A host as `allowedHosts` names it: every port of `host`, or only `port`. */
export interface HostRule {
  host: string;
  port: number | undefined;
}

/** A host in one spelling: lower case, no IPv6 brackets, no trailing dot, IPv4-mapped IPv6 as IPv4. */
export function normalizeHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith('[') && h.endsWith(']')) {
    h = h.slice(1, -1);
  }
  if (h.endsWith('.')) {
    h = h.slice(0, -1);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h);
  return mapped?.[1] ?? h;
}

/**
 * True for a host that stays on this machine: `localhost` (and `*.localhost`), `127.0.0.0/8`
 * and `::1`. A name is judged as written, before any DNS lookup.
 */
export function isLoopback(host: string): boolean {
  const h = normalizeHost(host);
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1') {
    return true;
  }
  return LOOPBACK_IPV4.test(h);
}

// 127.0.0.0/8, each part a decimal byte. node:net's `isIP` is not used on this path: its first
// two calls in a process compile its patterns, about 4 ms, which every test file's first
// cassette would pay.
const LOOPBACK_IPV4 = /^127(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/**
 * Parses an `allowedHosts` entry: `"db.internal"`, `"db.internal:5432"`, `"[::1]:8080"`, `"::1"`.
 * Returns undefined when it is not one.
 */
export function parseHostRule(entry: string): HostRule | undefined {
  const text = entry.trim();
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  const plain = /^([^:\s/]+)(?::(\d+))?$/.exec(text);
  if (bracketed || plain) {
    const [, host = '', port] = (bracketed ?? plain) as RegExpExecArray;
    return port === undefined ? { host: normalizeHost(host), port: undefined } : ruleWithPort(host, port);
  }
  // A bare IPv6 address has colons of its own and takes no port.
  return isIPv6(text) ? { host: normalizeHost(text), port: undefined } : undefined;
}

// An IPv6 address (with a zone, `%eth0`, if any), as the URL parser reads one between brackets
// (see LOOPBACK_IPV4 on `isIP`).
function isIPv6(text: string): boolean {
  const address = /^([\d.:a-f]+)(?:%[\da-z.:-]+)?$/i.exec(text)?.[1];
  return address !== undefined && URL.canParse(`http://[${address}]/`);
}

function ruleWithPort(host: string, port: string): HostRule | undefined {
  const n = Number(port);
  return Number.isInteger(n) && n > 0 && n < 65536 ? { host: normalizeHost(host), port: n } : undefined;
}

/** The host and port a URL connects to (default ports filled in), or undefined. */
export function urlHostPort(url: string): { host: string; port: number } | undefined {
  try {
    const parsed = new URL(url);
    const port = parsed.port === '' ? (parsed.protocol === 'https:' ? 443 : 80) : Number(parsed.port);
    return { host: parsed.hostname, port };
  } catch {
    return undefined;
  }
}
