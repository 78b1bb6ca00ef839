/**
 * Finds secrets in any form a client or server writes them: as they are, URL-encoded (any
 * character as `%XX` in either case, a space as `+`), JSON-escaped (`\/`, `\"`, `\uXXXX`),
 * and inside base64, whatever the bytes before them (base64 of `user:key`).
 */

/** Where a secret sits in a text: `[start, end)`. */
export interface SecretRange {
  start: number;
  end: number;
}

/** Finds and replaces every form of a fixed set of secret values. */
export interface SecretMatcher {
  /** The secret values, as given. */
  readonly secrets: readonly string[];
  /** Every place a form of a secret sits in `text`, in order, not overlapping. */
  find(text: string): SecretRange[];
  /** `text` with every form of every secret replaced by `replacement`. */
  scrub(text: string, replacement: string): string;
  /** Bytes (a body that is not UTF-8) with every form replaced; the same array when none is there. */
  scrubBytes(bytes: Uint8Array, replacement: string): Uint8Array;
  /** `find` over bytes read as latin1 (one character per byte), as `scrubBytes` sees them. */
  findInLatin1(text: string): SecretRange[];
}

const NONE: SecretMatcher = {
  secrets: [],
  find: () => [],
  scrub: (text) => text,
  scrubBytes: (bytes) => bytes,
  findInLatin1: () => [],
};

// Matchers by their secrets: a cassette asks for the same few on every request.
const cache = new Map<string, SecretMatcher>();
const CACHE_SIZE = 32;

/** The matcher for `secrets` (built once per set of values). */
export function secretMatcher(secrets: readonly string[]): SecretMatcher {
  const values = [...new Set(secrets.filter((s) => s !== ''))].sort(
    (a, b) => b.length - a.length || (a < b ? -1 : a > b ? 1 : 0),
  );
  if (values.length === 0) {
    return NONE;
  }
  const key = values.join('\u0000');
  let matcher = cache.get(key);
  if (!matcher) {
    matcher = buildMatcher(values);
    if (cache.size >= CACHE_SIZE) {
      cache.delete(cache.keys().next().value as string);
    }
    cache.set(key, matcher);
  }
  return matcher;
}

function buildMatcher(secrets: readonly string[]): SecretMatcher {
  // Longest secrets first: a secret holding another is replaced whole.
  const text = new RegExp(secrets.map((s) => formsPattern(s, (c) => escapeRegExp(c))).join('|'), 'g');
  const isAscii = secrets.every((s) => /^[\x00-\x7f]*$/.test(s));
  // In bytes read as latin1, a character outside ASCII is its UTF-8 bytes, one character each.
  const latin1 = isAscii
    ? text
    : new RegExp(
        secrets.map((s) => formsPattern(s, (c) => escapeRegExp(Buffer.from(c).toString('latin1')))).join('|'),
        'g',
      );
  const mayHold = prefilter(secrets);
  const find = (pattern: RegExp, value: string): SecretRange[] =>
    mayHold(value) ? [...value.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length })) : [];
  return {
    secrets,
    find: (value) => find(text, value),
    findInLatin1: (value) => find(latin1, value),
    scrub: (value, replacement) => (mayHold(value) ? value.replace(text, replacement) : value),
    scrubBytes(bytes, replacement) {
      const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
      const scrubbed = mayHold(view) ? view.replace(latin1, replacement) : view;
      return scrubbed === view ? bytes : new Uint8Array(Buffer.from(scrubbed, 'latin1'));
    },
  };
}

/**
 * A quick test that a text may hold a form of a secret, before the pattern scans it (on every
 * request body). Every form keeps the secret's letters and digits as they are (only other
 * characters are escaped), so each holds the secret's longest run of them; the base64 forms
 * are literal cores. A text with none of these cannot match. Secrets with no run of four or
 * more letters and digits are always scanned.
 */
function prefilter(secrets: readonly string[]): (text: string) => boolean {
  const needles: string[] = [];
  for (const secret of secrets) {
    const run = (secret.match(/[A-Za-z0-9]+/g) ?? []).reduce((a, b) => (b.length > a.length ? b : a), '');
    if (run.length < 4) {
      return () => true;
    }
    needles.push(run, ...base64Cores(secret));
  }
  return (text) => needles.some((needle) => text.includes(needle));
}

// One secret's forms: each character as itself or escaped, or one of its base64 cores.
function formsPattern(secret: string, literal: (c: string) => string): string {
  const characters = [...secret].map((c) => characterForms(c, literal)).join('');
  const cores = base64Cores(secret).map(escapeRegExp);
  return [characters, ...cores].join('|');
}

function characterForms(c: string, literal: (c: string) => string): string {
  if (/^[A-Za-z0-9]$/.test(c)) {
    return c;
  }
  const forms = new Set([literal(c)]);
  // URL-encoded: each UTF-8 byte as %XX, in either case; a space also as "+" (forms).
  forms.add([...Buffer.from(c)].map((byte) => `%${hexEitherCase(byte, 2)}`).join(''));
  if (c === ' ') {
    forms.add('\\+');
  }
  // JSON-escaped: the short escapes, and \uXXXX (two for a character outside the BMP). JSON
  // inside a JSON string (tool arguments, an echoed body) doubles the backslashes: any number.
  const short: Record<string, string> = {
    '"': '"',
    '\\': '\\\\',
    '/': '/',
    '\n': 'n',
    '\r': 'r',
    '\t': 't',
    '\b': 'b',
    '\f': 'f',
  };
  if (short[c]) {
    forms.add(`\\\\+${short[c]}`);
  }
  const units = Array.from({ length: c.length }, (_, i) => c.charCodeAt(i));
  forms.add(units.map((unit) => `\\\\+u${hexEitherCase(unit, 4)}`).join(''));
  return `(?:${[...forms].join('|')})`;
}

function hexEitherCase(value: number, digits: number): string {
  return [...value.toString(16).padStart(digits, '0')]
    .map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d))
    .join('');
}

/**
 * The base64 characters that only the secret's bytes decide, for each of the three places
 * its first byte can fall in a 3-byte group, in the standard and the URL-safe alphabet: any
 * base64 that holds the secret (alone, as `user:key`, anywhere in a longer value) holds one.
 * Cores shorter than 8 characters are left out, as they could turn up by chance.
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const cores = new Set<string>();
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    // Character i holds bits [6i, 6i + 6): it is the secret's alone when they lie within its bytes.
    const first = Math.ceil((8 * offset) / 6);
    const end = Math.floor((8 * (offset + bytes.length)) / 6);
    const core = encoded.slice(first, end);
    if (core.length >= 8) {
      cores.add(core);
      cores.add(core.replaceAll('+', '-').replaceAll('/', '_'));
    }
  }
  return [...cores];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
