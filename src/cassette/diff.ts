import type { CassetteDiffEntry } from './errors.js';

/** What a diff compares: method, normalised URL and the body as matching sees it. */
export interface ComparedRequest {
  method: string;
  url: string;
  body: unknown;
}

const ABSENT = '(absent)';
const MAX_VALUE_LENGTH = 80;

/**
 * Where `received` differs from `recorded`, path by path: `method`, `url` (origin and path),
 * `url.query.<name>`, and `body...` down to each differing leaf.
 */
export function diffRequests(recorded: ComparedRequest, received: ComparedRequest): CassetteDiffEntry[] {
  const out: CassetteDiffEntry[] = [];
  if (recorded.method !== received.method) {
    out.push(entry('method', recorded.method, received.method));
  }
  const [recordedUrl, receivedUrl] = [splitUrl(recorded.url), splitUrl(received.url)];
  if (recordedUrl.base !== receivedUrl.base) {
    out.push(entry('url', recordedUrl.base, receivedUrl.base));
  }
  for (const name of union(Object.keys(recordedUrl.query), Object.keys(receivedUrl.query))) {
    diffValues(recordedUrl.query[name], receivedUrl.query[name], `url.query.${name}`, out);
  }
  diffValues(recorded.body, received.body, 'body', out);
  return out;
}

function diffValues(recorded: unknown, received: unknown, path: string, out: CassetteDiffEntry[]): void {
  if (isRecord(recorded) && isRecord(received)) {
    for (const key of union(Object.keys(recorded), Object.keys(received))) {
      diffValues(recorded[key], received[key], `${path}${keyPath(key)}`, out);
    }
  } else if (Array.isArray(recorded) && Array.isArray(received)) {
    for (let i = 0; i < Math.max(recorded.length, received.length); i++) {
      diffValues(
        i < recorded.length ? recorded[i] : undefined,
        i < received.length ? received[i] : undefined,
        `${path}[${i}]`,
        out,
      );
    }
  } else if (!sameLeaf(recorded, received)) {
    out.push(entry(path, recorded, received));
  }
}

function sameLeaf(a: unknown, b: unknown): boolean {
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    return JSON.stringify(a) === JSON.stringify(b);
  }
  return Object.is(a, b);
}

function entry(path: string, recorded: unknown, received: unknown): CassetteDiffEntry {
  return { path, recorded: show(recorded), received: show(received) };
}

function show(value: unknown): string {
  if (value === undefined) {
    return ABSENT;
  }
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

function keyPath(key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function splitUrl(url: string): { base: string; query: Record<string, string> } {
  try {
    const parsed = new URL(url);
    const query: Record<string, string> = {};
    for (const name of new Set(parsed.searchParams.keys())) {
      query[name] = parsed.searchParams.getAll(name).join(',');
    }
    return { base: `${parsed.origin}${parsed.pathname}`, query };
  } catch {
    return { base: url, query: {} };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
