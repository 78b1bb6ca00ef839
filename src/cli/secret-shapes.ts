import { REDACTED } from '../cassette/defaults.js';

/** What kind of secret a string looked like. */
export type SecretKind = 'openai-key' | 'bearer-token' | 'environment-key' | 'pattern';

/** A secret found in a text: where it starts and ends, and a preview safe to print. */
export interface SecretMatch {
  kind: SecretKind;
  start: number;
  end: number;
  /** The first characters only, then the length: enough to find it, not enough to use it. */
  preview: string;
}

// OpenAI keys: `sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-` then a long random tail. Requiring a
// digit and 20+ characters keeps test keys such as "sk-test-not-a-real-key" and prose out.
const OPENAI_KEY = /\bsk-[A-Za-z0-9_-]{20,}/g;
// A bearer credential anywhere (headers, echoed bodies, logged URLs); the token must look random.
const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]+=*)/gi;

/**
 * The secrets in `text`: known values (the environment's key), OpenAI-key shapes, bearer
 * tokens and matches of the project's patterns. `REDACTED` itself never counts; overlapping
 * finds are reported once.
 */
export function findSecrets(text: string, patterns: readonly RegExp[], known: readonly string[] = []): SecretMatch[] {
  const found: SecretMatch[] = [];
  const add = (kind: SecretKind, start: number, value: string): void => {
    const end = start + value.length;
    if (value === '' || value === REDACTED || found.some((m) => start < m.end && end > m.start)) {
      return;
    }
    found.push({
      kind,
      start,
      end,
      preview: `${value.slice(0, Math.min(6, Math.floor(value.length / 3)))}…, ${value.length} characters`,
    });
  };
  for (const secret of known) {
    for (let at = text.indexOf(secret); at !== -1; at = text.indexOf(secret, at + secret.length)) {
      add('environment-key', at, secret);
    }
  }
  for (const match of text.matchAll(OPENAI_KEY)) {
    if (/\d/.test(match[0])) {
      add('openai-key', match.index, match[0]);
    }
  }
  for (const match of text.matchAll(BEARER)) {
    const token = match[1] ?? '';
    if (token.length >= 12 && /\d/.test(token)) {
      add('bearer-token', match.index + match[0].length - token.length, token);
    }
  }
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      add('pattern', match.index, match[0]);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** `text` with every key shape, bearer token and pattern match replaced by `REDACTED`. */
export function scrubSecretShapes(text: string, patterns: readonly RegExp[]): string {
  let result = '';
  let from = 0;
  for (const { start, end } of findSecrets(text, patterns)) {
    result += text.slice(from, start) + REDACTED;
    from = end;
  }
  return from === 0 ? text : result + text.slice(from);
}

/** How a secret kind reads in a message. */
export function describeSecretKind(kind: SecretKind): string {
  return {
    'openai-key': 'an OpenAI API key',
    'bearer-token': 'a bearer token',
    'environment-key': 'the key in OPENAI_API_KEY',
    pattern: 'a match of a `--pattern`',
  }[kind];
}
