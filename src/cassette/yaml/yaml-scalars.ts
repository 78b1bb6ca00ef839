/**
 * Scalars as the `yaml` package reads them (YAML 1.2 core schema), for the subset reader in
 * `yaml-reader.ts`. Each function returns `NOT_READ` for anything it does not handle exactly
 * like `yaml` does, and the caller then leaves the whole file to `yaml`.
 */

/** Returned for input the subset reader leaves to the `yaml` package. */
export const NOT_READ: unique symbol = Symbol('not read');

// What yaml 2 never writes as a plain scalar (stringifyString.js `plainString`, single line).
const PLAIN_UNSAFE = /^[\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|:[ \t]|[ \t]#|[\t :]$/;

// The core schema's tags other than str, in yaml's order (schema/core/schema.js).
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

/** A plain scalar's value, or `NOT_READ` when yaml would not read `raw` as one plain scalar. */
export function plainScalar(raw: string): unknown {
  if (raw.length === 0 || PLAIN_UNSAFE.test(raw)) {
    return NOT_READ;
  }
  const first = raw.charCodeAt(0);
  // Only these can start a null, a boolean or a number; anything else is a string.
  if (first === 0x7e || first === 0x6e || first === 0x4e) {
    return NULL.test(raw) ? null : raw;
  }
  if (first === 0x74 || first === 0x54 || first === 0x66 || first === 0x46) {
    return BOOL.test(raw) ? raw[0] === 't' || raw[0] === 'T' : raw;
  }
  if ((first >= 0x30 && first <= 0x39) || first === 0x2d || first === 0x2b || first === 0x2e) {
    return number(raw);
  }
  return raw;
}

function number(raw: string): unknown {
  if (INT_OCT.test(raw)) {
    return parseInt(raw.slice(2), 8);
  }
  if (INT.test(raw)) {
    return parseInt(raw, 10);
  }
  if (INT_HEX.test(raw)) {
    return parseInt(raw.slice(2), 16);
  }
  if (FLOAT_NAN.test(raw)) {
    return raw.slice(-3).toLowerCase() === 'nan' ? Number.NaN : raw[0] === '-' ? -Infinity : Infinity;
  }
  return FLOAT.test(raw) ? parseFloat(raw) : raw;
}

/** A plain mapping key: only one that reads as a string (yaml would turn `1.0:` into "1"). */
export function plainKey(raw: string): string | typeof NOT_READ {
  const value = plainScalar(raw);
  return typeof value === 'string' && value !== '__proto__' ? value : NOT_READ;
}

const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  '\t': '\t',
};
const HEX_LENGTHS: Record<string, number> = { x: 2, u: 4, U: 8 };
const HEX = /^[0-9a-fA-F]+$/;

/**
 * The value of a double-quoted scalar's inside (quotes removed), or `NOT_READ`: a port of yaml's
 * `doubleQuotedValue` (compose/resolve-flow-scalar.js), line folding included. yaml writes a
 * string over 40 characters that holds line breaks this way when it cannot be a literal block
 * (a line ending in a space, say: common in model output).
 */
export function doubleQuoted(inside: string): string | typeof NOT_READ {
  if (!inside.includes('\\') && !inside.includes('\n')) {
    return inside;
  }
  let out = '';
  let from = 0;
  for (let i = 0; i < inside.length; i++) {
    const ch = inside[i];
    if (ch !== '\n' && ch !== '\\' && ch !== ' ' && ch !== '\t') {
      continue;
    }
    out += inside.slice(from, i);
    if (ch === '\n') {
      // A line break folds to a space; n breaks (blank lines between) to n - 1 newlines. The
      // next line's leading blanks go.
      let breaks = '';
      while (isBlankOrBreak(inside[i + 1])) {
        if (inside[i + 1] === '\n') {
          breaks += '\n';
        }
        i++;
      }
      out += breaks || ' ';
    } else if (ch === '\\') {
      const escaped = escapeAt(inside, i);
      if (escaped === undefined) {
        return NOT_READ;
      }
      out += escaped.value;
      i = escaped.last;
    } else {
      // Blanks are kept unless a line break follows them.
      const start = i;
      while (inside[i + 1] === ' ' || inside[i + 1] === '\t') {
        i++;
      }
      if (inside[i + 1] !== '\n') {
        out += inside.slice(start, i + 1);
      }
    }
    from = i + 1;
  }
  return out + inside.slice(from);
}

function isBlankOrBreak(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n';
}

// The escape at `at` (a backslash): its value and the index of its last character.
function escapeAt(inside: string, at: number): { value: string; last: number } | undefined {
  const next = inside[at + 1] ?? '';
  const simple = ESCAPES[next];
  if (simple !== undefined) {
    return { value: simple, last: at + 1 };
  }
  if (next === '\n') {
    // An escaped line break joins the lines, without the next line's leading blanks.
    let last = at + 1;
    while (inside[last + 1] === ' ' || inside[last + 1] === '\t') {
      last++;
    }
    return { value: '', last };
  }
  const length = HEX_LENGTHS[next];
  if (length === undefined) {
    return undefined;
  }
  const code = inside.slice(at + 2, at + 2 + length);
  const point = code.length === length && HEX.test(code) ? parseInt(code, 16) : Number.NaN;
  return point <= 0x10ffff ? { value: String.fromCodePoint(point), last: at + 1 + length } : undefined;
}

/** The value of a one-line single-quoted scalar's inside (quotes removed). */
export function singleQuoted(inside: string): string {
  return inside.includes("''") ? inside.replaceAll("''", "'") : inside;
}
