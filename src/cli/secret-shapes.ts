import { REDACTED } from '../cassette/defaults.js';
import { secretMatcher } from '../internal/secret-forms.js';

/** What kind of secret a string looked like. */
export type SecretKind = 'openai-key' | 'bearer-token' | 'environment-key' | 'known-secret' | 'pattern';

/** A secret value known by name (an environment variable, a credential a request sent). */
export interface NamedSecret {
  value: string;
  /** How a message names it: "the value of OPENAI_ORG_ID". */
  label: string;
}

/** A secret found in a text: where it starts and ends, and a preview safe to print. */
export interface SecretMatch {
  kind: SecretKind;
  start: number;
  end: number;
  /** The first characters only, then the length: enough to find it, not enough to use it. */
  preview: string;
  /** For a named secret, how a message names it. */
  label?: string;
}

// OpenAI keys: `sk-`, `sk-proj-`, `sk-svcacct-`, `sk-admin-` then a long random tail. Requiring a
// digit and 20+ characters keeps test keys such as "sk-test-not-a-real-key" and prose out.
const OPENAI_KEY = /\bsk-[A-Za-z0-9_-]{20,}/g;
// A bearer credential anywhere (headers, echoed bodies, logged URLs); the token must look random.
const BEARER = /\bBearer\s+([A-Za-z0-9._~+/-]+=*)/gi;

/**
 * The secrets in `text`: known values in any of their encodings, as recording would scrub them
 * (`src/internal/secret-forms.ts`: a plain string is the environment's key, a `NamedSecret`
 * names itself), OpenAI-key shapes, bearer tokens and matches of the project's patterns.
 * `REDACTED` itself never counts; overlapping finds are reported once. With `latin1`, `text` is
 * bytes read one character per byte (a base64 body), as recording scrubs such bodies.
 */
export function findSecrets(
  text: string,
  patterns: readonly RegExp[],
  known: readonly (string | NamedSecret)[] = [],
  options: { latin1?: boolean } = {},
): SecretMatch[] {
  const found: SecretMatch[] = [];
  const add = (kind: SecretKind, start: number, value: string, label?: string): void => {
    const end = start + value.length;
    if (value === '' || value === REDACTED || found.some((m) => start < m.end && end > m.start)) {
      return;
    }
    found.push({
      kind,
      start,
      end,
      preview: `${value.slice(0, Math.min(6, Math.floor(value.length / 3)))}…, ${value.length} characters`,
      ...(label ? { label } : {}),
    });
  };
  for (const secret of known) {
    const matcher = secretMatcher([typeof secret === 'string' ? secret : secret.value]);
    for (const { start, end } of options.latin1 ? matcher.findInLatin1(text) : matcher.find(text)) {
      if (typeof secret === 'string') {
        add('environment-key', start, text.slice(start, end));
      } else {
        add('known-secret', start, text.slice(start, end), secret.label);
      }
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
    'known-secret': 'a credential the request sent',
    pattern: 'a match of a `--pattern`',
  }[kind];
}
